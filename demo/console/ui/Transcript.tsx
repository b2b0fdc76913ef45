// The whole conversation in seq order: the bot part first (as the visitor saw it), then the
// chat, with the agent's unacknowledged messages and files at the end showing their delivery state.
import type { ComponentChildren } from 'preact';
import { memo } from './memo';
import { useComputed } from '@preact/signals';
import type { ErrorCode } from '../../../protocol/errors';
import type { ConversationEvent, Role } from '../../../protocol/events';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Outgoing } from '../model/outbox';
import { drawnEvents, seenMark, sentMark } from '../model/transcript';
import { isoTime } from '../format';
import { problemText } from '../strings';
import { useConsole } from './context';
import { EventItem } from './EventItem';
import { useFollowBottom } from './follow-bottom';
import { LinkedText } from './LinkedText';
import { UploadLine } from './UploadLine';

/**
 * Refusals that the same message sent again cannot get past: the conversation closed or gone, or
 * the frame itself wrong. (`not_assigned` can, once the agent has the conversation again.)
 */
const FINAL: ReadonlySet<string> = new Set<ErrorCode>(['conversation_closed', 'not_found', 'bad_message', 'bad_json', 'too_large']);

/**
 * Sending…, Sent or Failed under the agent's own message. The transcript is a live region: read
 * out, each step said the message again or said "Sent" after it. Only why it failed, and Retry,
 * are said (they are added, outside the silent part). Retry only where it can work; a reply that
 * cannot reach the visitor any more can be kept as a note instead, its text not lost.
 */
export function DeliveryState({ message }: { message: Pick<Outgoing, 'id' | 'conversationId' | 'status' | 'problem' | 'note'> }) {
  const model = useConsole();
  const t = model.t.value;
  const code = message.problem?.code;
  const final = code !== undefined && (FINAL.has(code) || (code === 'not_assigned' && !model.canWrite(message.conversationId)));
  return (
    <span class={`delivery ${message.status}`}>
      <span aria-live="off">{t.delivery[message.status]}</span>
      {message.status === 'failed' && (
        <>
          {message.problem && <span class="muted"> — {problemText(t, message.problem)}</span>}{' '}
          {!final ? (
            <button type="button" class="link" onClick={() => model.retry(message.id)}>
              {t.retry}
            </button>
          ) : (
            !message.note && (
              <button type="button" class="link" onClick={() => model.keepAsNote(message.id)}>
                {t.keepAsNote}
              </button>
            )
          )}
        </>
      )}
    </span>
  );
}

/** A stored reply, as DeliveryState says it: the stored event is the proof. */
const STORED = { id: '', conversationId: '', status: 'sent' } as const;

type BubbleProps = { note?: boolean; role: Role; name: string; at: number; outgoing: Outgoing | undefined; sent?: boolean; seenAt?: number | undefined; lang?: string; quiet?: boolean } & (
  | { text: string; children?: never }
  | { text?: never; children: ComponentChildren }
);

/**
 * A chat message, or (`note`) an agents' note marked so that nobody mistakes it for what the
 * visitor read; stored, or the agent's own still on its way with its delivery state. A file
 * someone sent is a message of theirs too: `children` (the picture, or the button that saves
 * it) in place of the text, in the same bubble. `sent`: the stored reply the visitor has not
 * seen yet (sentMark in model/transcript.ts). Its props are plain values (the time too, not an
 * element made anew each time), so, like EventItem, it is skipped while they are the same.
 * `quiet`: who and when are not read out as the line comes (what its children say for themselves).
 */
export function Bubble({ note = false, role, name, at, text, children, outgoing, sent = false, seenAt, lang, quiet = false }: BubbleProps) {
  const model = useConsole();
  const t = model.t.value;
  const today = model.today.value;
  return (
    <li class={note ? 'event note' : `event text ${role}${text === undefined ? ' file' : ''}`}>
      <div class="bubble">
        <div class="who" aria-live={quiet ? 'off' : undefined}>
          <span class="name">{name}</span>
          {note ? t.noteMark : ' '}
          <time dateTime={isoTime(at)}>{t.when(at, today)}</time>
        </div>
        {text === undefined ? (
          children
        ) : (
          <p class="text" lang={lang}>
            <LinkedText text={text} />
          </p>
        )}
        {/* Seen says sent, and more. */}
        {seenAt === undefined && (outgoing ?? (sent ? STORED : null)) && <DeliveryState message={outgoing ?? STORED} />}
        {seenAt !== undefined && (
          // Not read out as it moves from reply to reply: the agent looks for it when they wonder.
          <span class="seen" aria-live="off">
            {t.seenBy} <time dateTime={isoTime(seenAt)}>{t.when(seenAt, today)}</time>
          </span>
        )}
      </div>
    </li>
  );
}

/** The agent's message on its way, drawn as its stored event will be, so that one element shows both. */
function pendingEvent(m: Outgoing, name: string): ConversationEvent {
  return { seq: 0, id: m.id, at: m.at, role: 'agent', name, body: m.note ? { kind: 'note', text: m.text } : { kind: 'text', text: m.text } };
}

interface TranscriptProps {
  conversationId: string;
  visitorName: string;
  /** Read once, when the transcript is made: a newer last seq in the next queue frame is no reason to draw it again. */
  history: number;
  lang: string;
}

/**
 * One conversation's transcript, made anew for each (keyed by the conversation in the pane): a
 * live log that reads out what arrives while it is open, never what was there before. Up to
 * `history` (the conversation's last seq when it was opened) it is history, however late the
 * replay comes: the log is silent (aria-live="off") until that is in, and polite after it, so
 * opening a conversation with Alt+↓ does not read its nine events out.
 *
 * Drawn again only when what it shows changes: each visitor message is followed by the
 * console's own `read` echoed back, and a 2,000-message conversation drawn whole for each was
 * two long tasks per message on a slow laptop. The pane drawn again (a queue frame, a read
 * record) leaves it alone (memo: its hooks' state would make @preact/signals draw it with the
 * pane), and a new message draws only its own line and those whose marks moved.
 */
export const Transcript = memo(TranscriptLog, (a, b) => a.conversationId === b.conversationId && a.visitorName === b.visitorName && a.lang === b.lang);

function TranscriptLog({ conversationId, visitorName, history, lang }: TranscriptProps) {
  const model = useConsole();
  // The same list while only records that draw nothing come (read, emailing): nothing to draw again.
  const drawn = useRef<readonly ConversationEvent[]>([]);
  const events = useComputed(() => (drawn.current = drawnEvents(model.transcripts.value[conversationId] ?? [], drawn.current))).value;
  // The outbox lets a message go once its stored event is here: what it holds is on its way.
  const pending = model.outbox.value.filter((m) => m.conversationId === conversationId);
  const uploads = model.uploads.items.value.filter((u) => u.conversationId === conversationId);
  const box = useRef<HTMLDivElement>(null);
  // What draws a line: not a `seen`, which puts its mark under a reply.
  const lines = events.filter((e) => e.body.kind !== 'seen').length + pending.length + uploads.length;
  const { newBelow, toNewest } = useFollowBottom(box, lines, [...pending.map((m) => m.id), ...uploads.map((u) => u.id)]);
  const seen = seenMark(events);
  const sent = sentMark(events);
  const historyTo = useRef(history);
  const caughtUp = (events.at(-1)?.seq ?? 0) >= historyTo.current;
  /** Live only once the history is on the page: turned on after the render that put it there, not with it. */
  const [live, setLive] = useState(false);
  useEffect(() => {
    if (caughtUp && !live) setLive(true);
  }, [caughtUp, live]);

  return (
    <>
      <div ref={box} class="transcript" role="log" aria-label={model.t.value.transcript} aria-live={live ? 'polite' : 'off'}>
        <ol>
          {/* One list keyed by event id (unique in a conversation: the server stores a client id
              once), so the agent's own message keeps the key it had while on its way: the same
              element, which the log does not read again when the server's copy takes its place. */}
          {[
            ...events.map((e) => (
              <EventItem key={e.id} event={e} visitorName={visitorName} lang={lang} outgoing={undefined} sent={sent === e.seq} seenAt={seen?.seq === e.seq ? seen.at : undefined} />
            )),
            ...pending.map((m) => <EventItem key={m.id} event={pendingEvent(m, model.agent.value?.name ?? model.t.value.agent)} visitorName={visitorName} lang={lang} outgoing={m} />),
          ]}
          {uploads.map((u) => (
            <UploadLine key={u.id} upload={u} />
          ))}
        </ol>
      </div>
      {/* Outside the log: the lines it points to are what the log reads out. */}
      {newBelow !== null && (
        <button type="button" class="new-below" style={{ bottom: `${newBelow + 8}px` }} onClick={toNewest}>
          {model.t.value.newMessagesBelow} <span aria-hidden="true">↓</span>
        </button>
      )}
    </>
  );
}
