// After the agent closes: a 1–5 rating with an optional comment, then thanks.
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { LIMITS } from '../../../protocol/limits';
import type { Session } from '../model/session';
import type { Strings } from '../i18n/strings';

export function Rating({ session, t }: { session: Session; t: Strings }) {
  const score = useSignal(0);
  const comment = useSignal('');
  const pending = session.outbox.items.value.find((it) => it.frame.type === 'rate');
  const rated = session.conversation.rated.value;
  const focusTarget = useRef<HTMLButtonElement>(null);
  // The composer (or the send button) just vanished: keep keyboard focus inside the panel.
  useEffect(() => focusTarget.current?.focus(), [rated]);
  // While the rating goes it is only marked unavailable, not disabled: the button just pressed
  // would lose the focus to the page's body, from where Tab leads out of the panel (on a phone,
  // to the launcher behind it). So it is the handlers that do nothing meanwhile.
  const busy = pending?.status === 'sending';
  const submit = () => {
    if (score.value > 0 && !busy) session.rate(score.value, comment.value);
  };
  return (
    <div class="card">
      {!rated && (
        // Not a <form>: a sandboxed frame without allow-forms stops its submission before `submit`.
        <fieldset aria-disabled={busy}>
          <legend>{t.rateTitle}</legend>
          <div class="stars" role="group" aria-label={t.rateTitle}>
            {[1, 2, 3, 4, 5].map((n) => (
              <button
                key={n}
                ref={n === 1 ? focusTarget : undefined}
                type="button"
                aria-pressed={score.value === n}
                aria-label={t.rateScore(n)}
                onClick={() => busy || (score.value = n)}
              >
                {n}
              </button>
            ))}
          </div>
          <textarea
            class="field"
            rows={2}
            aria-label={t.rateComment}
            placeholder={t.rateComment}
            maxLength={LIMITS.comment}
            readOnly={busy}
            value={comment.value}
            onInput={(e) => (comment.value = e.currentTarget.value)}
          />
          <div class="row">
            <button type="button" class="btn primary" disabled={score.value === 0} onClick={submit}>
              {t.rateSend}
            </button>
            {pending?.status === 'failed' && (
              <button type="button" class="btn" onClick={() => session.retry(pending.frame.id)}>
                {t.retry}
              </button>
            )}
          </div>
        </fieldset>
      )}
      {/* Always there, from the form to the thanks, so that only its words change: they are read
          out, where a region that appears holding them often is not. */}
      <p class={rated ? '' : `meta ${pending?.status ?? ''}`} role="status">
        {rated ? t.thanks : pending && t.status[pending.status]}
      </p>
      {(rated || !pending) && (
        // Before the rating too: it is a favour, not a gate, and the visitor may skip it and ask something new.
        <button ref={rated ? focusTarget : undefined} type="button" class={rated ? 'btn primary' : 'btn'} onClick={() => session.startOver()}>
          {t.startOver}
        </button>
      )}
    </div>
  );
}
