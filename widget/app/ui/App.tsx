// The panel: header with the connection state, then the bot or the chat. Escape closes it and
// gives focus back to the launcher; opening puts focus in the text field.
import type { Signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { FaqModel } from '../model/faq';
import type { Session } from '../model/session';
import type { Strings } from '../i18n/strings';
import { BotView } from './BotView';
import { ChatView } from './ChatView';

export interface AppProps {
  t: Strings;
  open: Signal<boolean>;
  session: Session;
  faq: FaqModel;
  close(): void;
}

export function App({ t, open, session, faq, close }: AppProps) {
  const panel = useRef<HTMLElement>(null);
  const phase = session.phase.value;
  const state = session.connection.value;
  const isOpen = open.value;
  // Named only while they are in the conversation: once it is closed, nobody is helping.
  const agent = session.conversation.status.value === 'active' ? session.conversation.agentName.value : null;

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
        hidden={!isOpen}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            close();
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
        {banner && (
          <p class="banner" role="status">
            {banner}
          </p>
        )}
        {phase === 'bot' ? <BotView faq={faq} session={session} t={t} /> : <ChatView session={session} t={t} />}
      </section>
    </>
  );
}
