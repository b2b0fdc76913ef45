// The panel: header with the connection state, then the bot or the chat. Escape closes it and
// gives focus back to the launcher; opening puts focus in the text field. On a phone the panel
// covers the page (styles.ts), so there it is a modal dialog: a screen reader stays inside it and
// Tab goes round within it, rather than into a page the visitor cannot see.
import { useSignal, type Signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { isAgentReply } from '../../../protocol/events';
import type { FaqModel } from '../model/faq';
import type { Session } from '../model/session';
import type { Strings } from '../i18n/strings';
import { BotView } from './BotView';
import { ChatView } from './ChatView';
import { PHONE } from './styles';

export interface AppProps {
  t: Strings;
  open: Signal<boolean>;
  session: Session;
  faq: FaqModel;
  close(): void;
}

const stop = (e: Event) => e.stopPropagation();

export function App({ t, open, session, faq, close }: AppProps) {
  const panel = useRef<HTMLElement>(null);
  const phase = session.phase.value;
  const state = session.connection.value;
  const isOpen = open.value;
  const c = session.conversation;
  // Named only while they are in the conversation: once it is closed, nobody is helping.
  const agent = c.status.value === 'active' ? c.agentName.value : null;
  // While the panel is closed its log is hidden, and a hidden live region is silent: what the
  // agent did since the visitor last looked (joined, wrote) is said beside the launcher instead.
  // The count makes each new reply new words, which a screen reader reads again.
  const e = c.events.value.findLast((e) => e.body.kind === 'joined' || isAgentReply(e));
  const news =
    !isOpen && e && e.seq > c.lastReadSeq.value ? (e.body.kind === 'joined' ? t.agentJoined(e.body.agent) : t.newMessage(e.name ?? t.agent, c.unread.value)) : '';

  const phone = useSignal(false);
  const modal = phone.value;
  useEffect(() => {
    const query = matchMedia(PHONE);
    (query.onchange = () => (phone.value = query.matches))();
    return () => (query.onchange = null);
  }, []);

  useEffect(() => {
    if (!isOpen) return;
    panel.current?.querySelector<HTMLElement>('.foot .field')?.focus();
  }, [isOpen, phase]);

  // The first connect is not news (the "person will join" note and "Sending…" cover it); a drop
  // that outlasts the grace period, or being offline, is.
  const banner = phase === 'chat' && (state === 'reconnecting' || state === 'offline') ? t.connection[state] : '';

  return (
    <>
      <section
        ref={panel}
        class="panel"
        role="dialog"
        aria-label={t.title}
        aria-modal={modal || undefined}
        hidden={!isOpen}
        // Keys typed here are the widget's. Leaving the shadow root they seem to come from our host
        // <div>, not from a field, so the page's own shortcuts ('/' for its search box) would take them.
        onKeyPress={stop}
        onKeyUp={stop}
        // A key pressed while an input method composes a word (Japanese, Chinese, a phone's
        // suggestions) is the input method's: Enter there accepts a word, and must not send the
        // half of it typed so far; Escape cancels the word, not the panel. Stopped on its way down.
        onKeyDownCapture={(e) => e.isComposing && e.stopPropagation()}
        onKeyDown={(e) => {
          stop(e);
          if (e.key === 'Escape') close();
          if (e.key === 'Tab' && modal) {
            // What Tab can reach in the panel as it is now: enabled and shown.
            const all = [...panel.current!.querySelectorAll<HTMLElement>(':enabled,a[href]')].filter((el) => el.getClientRects().length);
            const end = all.length - 1;
            if (e.target === all[e.shiftKey ? 0 : end]) {
              e.preventDefault();
              all[e.shiftKey ? end : 0]!.focus();
            }
          }
        }}
      >
        {/* A div, not <header>: inside the host page a header would be a second page banner. */}
        <div class="head">
          <div>
            <h2>{t.title}</h2>
            <p>{agent && phase === 'chat' ? t.agentHelping(agent) : t.subtitle}</p>
          </div>
          <button type="button" class="x" aria-label={t.close} onClick={close}>
            ×
          </button>
        </div>
        {/* Always there, empty while connected, so that only its words change: a live region that
            appears holding them is not reliably read (nor is the typing line's, nor the hint's). */}
        <p class="banner" role="status">
          {banner}
        </p>
        {phase === 'bot' ? <BotView faq={faq} session={session} t={t} /> : <ChatView session={session} t={t} open={isOpen} />}
      </section>
      {/* Always there, so that only its words change: a region that appears holding them is not reliably read. */}
      <p class="sr" aria-live="polite">
        {news}
      </p>
    </>
  );
}
