// The conversation as a log: server events in seq order, then the visitor's messages and files
// still on their way (with their delivery status and a retry). Everything people wrote is
// rendered as text, its web addresses as links (Markdown.tsx); a file as its name and size, never a preview. An agent's file is a button
// that saves it: the visitor has their own already.
import { useSignal } from '@preact/signals';
import { isVisitorMessage, type BotStep, type VisitorEvent } from '../../../protocol/events';
import type { Session } from '../model/session';
import { lastEmailAddress } from '../../../protocol/email-address';
import type { ErrorCode } from '../../../protocol/errors';
import type { Strings } from '../i18n/strings';
import { useRef } from 'preact/hooks';
import type { Component } from 'preact';
import { Paperclip } from './Paperclip';
import { linked } from './Markdown';
import { refused } from '../model/uploads';

/** A server event as it came, or a line on its way (its client id) or of the bot's (keyed by its place). */
type Line = Pick<VisitorEvent, 'role' | 'name' | 'body'> & { id?: string };
type Save = Session['download'];
type FileBody = Extract<VisitorEvent['body'], { kind: 'file' }>;

/** An agent's file: fetched and saved on a click; a failure says so and the button stays for another try. */
function AgentFile({ file, save, t }: { file: FileBody; save: Save; t: Strings }) {
  const failed = useSignal(false);
  return (
    <>
      <button
        type="button"
        class="linkish"
        onClick={() => {
          failed.value = false;
          save(file.fileId, file.name).catch(() => (failed.value = true));
        }}
      >
        {t.download(file.name, file.size)}
      </button>
      {failed.value && <span class="meta">{t.downloadFailed}</span>}
    </>
  );
}

const FileName = ({ file, t }: { file: { name: string; size: number }; t: Strings }) => (
  <>
    <Paperclip />
    {t.file(file.name, file.size)}
  </>
);

/**
 * `status`: the delivery of a message or file of the visitor's, on its way or the newest stored
 * (`retry` absent when trying again cannot help); `waitNote`: what the newest handoff line says
 * of the wait (the place in the queue, or that nobody is online).
 */
interface ItemProps {
  line: Line;
  t: Strings;
  status?: keyof Strings['status'];
  error?: ErrorCode;
  retry?: () => void;
  waitNote?: string;
  save: Save;
}

function Item(this: Component<ItemProps>, { line, t, status, error, retry, waitNote, save }: ItemProps) {
  // Drawn again only when something it shows changed: a stored line is its event, the same object
  // at every render of the log. A new message drew every line again (in a conversation of 3,000,
  // 25 to 50 ms of script for each message that came), now only itself (Transcript-long.test.tsx).
  this.shouldComponentUpdate = (next) => {
    for (const k in next) if (next[k as keyof ItemProps] != this.props[k as keyof ItemProps]) return true;
    return false;
  };
  const b = line.body;
  const failed = status === 'failed';
  let note: string;
  switch (b.kind) {
    case 'bot.feedback':
      note = b.helpful ? t.feedbackYes : t.feedbackNo;
      break;
    case 'handoff':
      note = waitNote || t.personWillJoin();
      break;
    case 'joined':
      note = t.agentJoined(b.agent);
      break;
    case 'released':
      note = t.agentLeft(b.agent, b.away);
      break;
    case 'closed':
      note = t.conversationClosed;
      break;
    case 'rating':
    case 'read':
      return null;
    default:
      // A message: the visitor's, the agent's, or the bot's (what it was asked, what it showed).
      return (
        <li class={`msg ${line.role}`}>
          {line.role === 'visitor' ? <span class="sr">{t.you}: </span> : <span class="who">{line.role === 'bot' ? t.bot : (line.name ?? t.agent)}</span>}
          {b.kind === 'text'
            ? linked(b.text)
            : b.kind === 'bot.query'
              ? b.query
              : b.kind === 'bot.answer'
                ? t.botShowed(b.question)
                : line.role === 'agent'
                  ? <AgentFile file={b} save={save} t={t} />
                  : <FileName file={b} t={t} />}
          {status && (
            // Sending, Sent and Seen are not news: the log said the message once, as it went. A
            // message that did not go is, so then the log reads it.
            <span class={`meta ${status}`} aria-live={failed ? undefined : 'off'}>
              {t.status[status]}
              {failed && error && t.errors[error] ? ` – ${t.errors[error]}` : ''}
              {failed && retry && (
                <button type="button" class="linkish" onClick={retry}>
                  {t.retry}
                </button>
              )}
            </span>
          )}
        </li>
      );
  }
  return <li class="note">{note}</li>;
}

const fromSteps = (steps: BotStep[]): Line[] =>
  steps.map((s) => ({ role: s.body.kind === 'bot.answer' ? 'bot' : 'visitor', body: s.body }));

export function Transcript({ session, t }: { session: Session; t: Strings }) {
  const c = session.conversation;
  const events = c.events.value;
  const shown = new Set(events.map((e) => e.id));
  // Until the server has replayed the bot part, show what this browser recorded of it. Its lines
  // and the handoff's note are keyed by their place (b0, b1, …) here and in the server's events,
  // which come under ids of their own: the steps are a conversation's first events, the handoff
  // the next (the kinds bot.… and handoff). A line given a new key would be removed and added
  // again, and the log would read the bot's lines out a second time as the conversation begins.
  // The events themselves (a copy: the handoff's note may be added below), so each line is the
  // same object at every render.
  const lines: Line[] = events.length > 0 ? [...events] : fromSteps(session.bot.steps.value);
  const pending = session.outbox.items.value.filter((it) => !shown.has(it.frame.id));
  // The ask for a person the server has not taken yet, shown as the visitor's line with its
  // delivery status rather than as "a person will join shortly": when it failed, and while the
  // socket keeps failing (a network outage, a page whose setup blocks the socket). No person
  // knows of the visitor then, and promising one kept them waiting for nobody.
  const offline = session.connection.value === 'offline';
  const askFailed = pending.find((it) => it.frame.type === 'handoff' && (it.status === 'failed' || offline))?.frame;
  const files = session.uploads.items.value.filter((u) => !shown.has(u.id));
  const waiting = c.status.value === 'queued' || (c.status.value === 'none' && events.length === 0);
  // At night "a person will join shortly" would not be true: while nobody is online, the wait says
  // so, with when the service opens and, where the server emails, how to get the answer by email.
  // Worked out only then, not on every render of a live chat. The time is the server's, shown as
  // it says, never checked against the visitor's clock, which may run fast: at opening the server
  // says "nobody online" again without one.
  const nobodyOnline = () => {
    const opensAt = session.opensAt.value;
    const opens = opensAt ? new Date(opensAt).toLocaleString(t.locale, { weekday: 'short', day: 'numeric', month: 'numeric', hour: 'numeric', minute: '2-digit' }) : undefined;
    const from = session.emailsReplies.value;
    if (from == null) return t.nobodyOnline(opens);
    // As the server chooses (README, Replies by email): the last address they wrote that is not
    // the site's own (its From, or at this page's domain: a support address said in passing), else
    // the one the site gave.
    const to = lastEmailAddress(events.flatMap((e) => (e.role === 'visitor' && e.body.kind === 'text' ? [e.body.text] : [])), { from, host: location.hostname }) ?? session.visitor?.()?.email;
    return `${t.nobodyOnline(opens)} ${to ? t.emailNoted(to) : t.emailHint}`;
  };
  const waitNote = c.status.value === 'queued' ? (session.staffed.value ? t.personWillJoin(session.place.value) : nobodyOnline()) : undefined;
  // Until the server's event for the handoff comes, the note of the wait stands in its place.
  if (waiting && !askFailed && !lines.some((l) => l.body.kind === 'handoff')) lines.push({ role: 'system', body: { kind: 'handoff' } as VisitorEvent['body'] });
  // Once somebody has joined, the note stays as it was: a rewrite inside the log would be read out
  // again ("a person will join shortly") just before "Aino joined the conversation".
  const kept = useRef('');
  if (waitNote) kept.current = waitNote;
  // "Sent" under the visitor's newest stored message only: the server has it, the rest is noise.
  // "Seen" once the agent who has the conversation has read it.
  const lastSent = events.findLast(isVisitorMessage);
  const delivered = lastSent && (events.some((e) => e.body.kind === 'read' && e.body.through >= lastSent.seq) ? 'read' : 'sent');
  // `i`: the line's place in the log, the key of the bot's lines and the handoff's.
  const item = (line: Line, props: Partial<ItemProps>, i?: number) => <Item key={/^[bh]/.test(line.body.kind) ? `b${i}` : line.id} line={line} t={t} save={session.download} {...props} />;
  return (
    <div role="log" aria-live="polite" aria-label={t.transcript}>
      <ol class="log">
        {/* One list, so that a message or file on its way keeps its element (its id is its key)
            when the server's event for it comes: it is not removed and added again, which the
            log would read out a second time. */}
        {[
          ...lines.map((line, i) => item(line, { status: line === lastSent ? delivered : undefined, waitNote: kept.current }, i)),
          ...pending.map(({ frame, status, error }) =>
            // The ask for a person failed (refused: with a retry) or waits for a connection: said so, rather than "a person will join".
            frame.type === 'msg' || frame === askFailed
              ? item({ id: frame.id, role: 'visitor', body: { kind: 'text', text: frame.type === 'msg' ? frame.text : t.talkToPerson } }, { status, error, retry: () => session.retry(frame.id) })
              : null,
          ),
          ...files.map((u) =>
            // Only its name and size are shown. A file too large, or not a photo or PDF, would be
            // refused again: no retry, the visitor picks another.
            item({ id: u.id, role: 'visitor', body: { kind: 'file', name: u.file.name, size: u.file.size } as FileBody }, { status: u.status, error: u.error, retry: refused(u) ? undefined : () => session.uploads.retry(u.id) }),
          ),
        ]}
      </ol>
    </div>
  );
}
