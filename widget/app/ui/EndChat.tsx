// "End chat": the visitor ends their conversation with a person, queued or active, after one more
// tap that asks, so a stray one does not end it. Until the server has it (offline, until the
// connection is back) the line says it is ending; then the chat shows what an agent's close shows.
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { OutboxItem } from '../model/outbox';
import type { Session } from '../model/session';
import type { Strings } from '../i18n/strings';

/** `ending`: the end on its way, when the visitor has said it. */
export function EndChat({ session, t, ending }: { session: Session; t: Strings; ending?: OutboxItem }) {
  const asking = useSignal(false);
  // One of a line and two buttons, whichever is shown.
  const focus = useRef<HTMLParagraphElement & HTMLButtonElement>(null);
  const acted = useRef(false);
  // Focus follows the visitor's taps (never taken as the chat opens: the message box has it): to
  // the answer that keeps the chat (the one that ends nothing), back to "End chat", or to the line
  // that says it is ending, which the button pressed gave way to.
  useEffect(() => void (acted.current && focus.current?.focus()), [asking.value, !ending]);
  const ask = (on: boolean) => {
    acted.current = true;
    asking.value = on;
  };
  const failed = ending?.status === 'failed';
  if (ending)
    return (
      <p class="row end" ref={focus} tabIndex={-1}>
        {failed ? t.status.failed : t.ending}
        {failed && (
          <button type="button" class="linkish" onClick={() => session.retry(ending.frame.id)}>
            {t.retry}
          </button>
        )}
      </p>
    );
  return asking.value ? (
    // Escape is "Keep chatting", as the suggestions' Escape closes them: the panel with the next one.
    // The question on a line of its own, in the panel's size as its buttons: beside them, in the
    // small print of "End chat", it left a long language's second button alone on a line.
    <div
      class="row end ask"
      role="group"
      aria-label={t.endAsk}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          ask(false);
        }
      }}
    >
      <p>{t.endAsk}</p>
      <button type="button" class="btn primary" onClick={() => session.end()}>
        {t.endYes}
      </button>
      <button type="button" class="btn" ref={focus} onClick={() => ask(false)}>
        {t.endNo}
      </button>
    </div>
  ) : (
    <p class="row end">
      <button type="button" class="linkish" ref={focus} onClick={() => ask(true)}>
        {t.endChat}
      </button>
    </p>
  );
}
