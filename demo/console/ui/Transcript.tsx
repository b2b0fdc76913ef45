// The whole conversation in seq order: the bot part first (as the visitor saw it), then the
// chat, with the agent's unacknowledged messages at the end showing their delivery state.
import { useEffect, useRef } from 'preact/hooks';
import type { Outgoing } from '../model/outbox';
import { timeText } from '../format';
import { useConsole } from './context';
import { EventItem } from './EventItem';

const STATUS_TEXT = { sending: 'Sending…', sent: 'Sent', failed: 'Failed' } as const;

export function DeliveryState({ message }: { message: Outgoing }) {
  const model = useConsole();
  return (
    <span class={`delivery ${message.status}`}>
      {STATUS_TEXT[message.status]}
      {message.status === 'failed' && (
        <>
          {message.error && <span class="muted"> — {message.error}</span>}{' '}
          <button type="button" class="link" onClick={() => model.retry(message.id)}>
            Retry
          </button>
        </>
      )}
    </span>
  );
}

export function Transcript({ conversationId, visitorName }: { conversationId: string; visitorName: string }) {
  const model = useConsole();
  const events = model.transcripts.value[conversationId] ?? [];
  const outgoing = model.outbox.value.filter((m) => m.conversationId === conversationId);
  const delivered = new Set(events.map((e) => e.id));
  const pending = outgoing.filter((m) => !delivered.has(m.id));
  const byId = new Map(outgoing.map((m) => [m.id, m]));
  const end = useRef<HTMLLIElement>(null);
  const count = events.length + pending.length;

  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [count, conversationId]);

  return (
    <div class="transcript" role="log" aria-label="Transcript" aria-live="polite">
      <ol>
        {events.map((e) => (
          <EventItem key={e.seq} event={e} visitorName={visitorName} outgoing={byId.get(e.id)} />
        ))}
        {pending.map((m) => (
          <li key={m.id} class="event text agent">
            <div class="bubble">
              <div class="who">
                <span class="name">{model.agent.value?.name ?? 'You'}</span> <time>{timeText(m.at)}</time>
              </div>
              <p class="text">{m.text}</p>
              <DeliveryState message={m} />
            </div>
          </li>
        ))}
        <li ref={end} class="end" aria-hidden="true" />
      </ol>
    </div>
  );
}
