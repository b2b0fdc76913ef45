// The whole conversation in seq order: the bot part first (as the visitor saw it), then the
// chat, with the agent's unacknowledged messages and files at the end showing their delivery state.
import type { ComponentChildren, JSX } from 'preact';
import type { Role } from '../../../protocol/events';
import { useEffect, useRef } from 'preact/hooks';
import type { Outgoing } from '../model/outbox';
import { seenMark } from '../model/transcript';
import { isoTime, timeText } from '../format';
import { problemText } from '../strings';
import { useConsole } from './context';
import { EventItem } from './EventItem';
import { LinkedText } from './LinkedText';
import { UploadLine } from './UploadLine';

export function DeliveryState({ message }: { message: Outgoing }) {
  const model = useConsole();
  const t = model.t.value;
  return (
    <span class={`delivery ${message.status}`}>
      {t.delivery[message.status]}
      {message.status === 'failed' && (
        <>
          {message.problem && <span class="muted"> — {problemText(t, message.problem)}</span>}{' '}
          <button type="button" class="link" onClick={() => model.retry(message.id)}>
            {t.retry}
          </button>
        </>
      )}
    </span>
  );
}

/**
 * A chat message, or (`note`) an agents' note marked so that nobody mistakes it for what the
 * visitor read; stored, or the agent's own still on its way with its delivery state. A file
 * someone sent is a message of theirs too: `children` (the picture, or the button that saves
 * it) in place of the text, in the same bubble.
 */
export function Bubble({
  note = false,
  role,
  name,
  time,
  text,
  children,
  outgoing,
  seenAt,
}: { note?: boolean; role: Role; name: string; time: JSX.Element; outgoing: Outgoing | undefined; seenAt?: number | undefined } & (
  | { text: string; children?: never }
  | { text?: never; children: ComponentChildren }
)) {
  const t = useConsole().t.value;
  return (
    <li class={note ? 'event note' : `event text ${role}${text === undefined ? ' file' : ''}`}>
      <div class="bubble">
        <div class="who">
          <span class="name">{name}</span>
          {note ? t.noteMark : ' '}
          {time}
        </div>
        {text === undefined ? (
          children
        ) : (
          <p class="text">
            <LinkedText text={text} />
          </p>
        )}
        {/* Seen says sent, and more. */}
        {outgoing && seenAt === undefined && <DeliveryState message={outgoing} />}
        {seenAt !== undefined && (
          <span class="seen">
            {t.seenBy} <time dateTime={isoTime(seenAt)}>{timeText(seenAt)}</time>
          </span>
        )}
      </div>
    </li>
  );
}

export function Transcript({ conversationId, visitorName }: { conversationId: string; visitorName: string }) {
  const model = useConsole();
  const events = model.transcripts.value[conversationId] ?? [];
  const outgoing = model.outbox.value.filter((m) => m.conversationId === conversationId);
  const delivered = new Set(events.map((e) => e.id));
  const pending = outgoing.filter((m) => !delivered.has(m.id));
  const byId = new Map(outgoing.map((m) => [m.id, m]));
  const uploads = model.uploads.items.value.filter((u) => u.conversationId === conversationId);
  const end = useRef<HTMLLIElement>(null);
  const count = events.length + pending.length + uploads.length;
  const seen = seenMark(events);

  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [count, conversationId]);

  return (
    <div class="transcript" role="log" aria-label={model.t.value.transcript} aria-live="polite">
      <ol>
        {events.map((e) => (
          <EventItem key={e.seq} event={e} visitorName={visitorName} outgoing={byId.get(e.id)} seenAt={seen?.seq === e.seq ? seen.at : undefined} />
        ))}
        {pending.map((m) => (
          <Bubble key={m.id} note={m.note} role="agent" name={model.agent.value?.name ?? model.t.value.agent} time={<time>{timeText(m.at)}</time>} text={m.text} outgoing={m} />
        ))}
        {uploads.map((u) => (
          <UploadLine key={u.id} upload={u} />
        ))}
        <li ref={end} class="end" aria-hidden="true" />
      </ol>
    </div>
  );
}
