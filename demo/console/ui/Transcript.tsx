// The whole conversation in seq order: the bot part first (as the visitor saw it), then the
// chat, with the agent's unacknowledged messages and files at the end showing their delivery state.
import { memo } from './memo';
import { useComputed } from '@preact/signals';
import type { ConversationEvent } from '../../../protocol/events';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Outgoing } from '../model/outbox';
import { drawnEvents, seenMark, sentMark } from '../model/transcript';
import { useConsole } from './context';
import { EventItem } from './EventItem';
import { useFollowBottom } from './follow-bottom';
import { UploadLine } from './UploadLine';

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
