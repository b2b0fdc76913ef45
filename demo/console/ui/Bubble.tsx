// A message in the transcript, a stored one or the agent's own on its way, with its delivery
// state. Its own module so that the transcript's lines (EventItem, UploadLine) and the
// transcript itself each import it, and none of them the other.
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ErrorCode } from '../../../protocol/errors';
import type { Role } from '../../../protocol/events';
import type { Outgoing } from '../model/outbox';
import { isoTime } from '../format';
import { problemText } from '../strings';
import { useConsole } from './context';
import { focusAfterLine } from './focus-after';
import { LinkedText } from './LinkedText';

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
 *
 * Retry and Keep as note go as they are pressed, and the keyboard's focus went with them to the
 * page's top. Retry leaves it on the message's text, which stays through the next try, its
 * failure or the stored event; Keep as note takes the line away (the note is a line of its own),
 * and the focus goes where Tab from the transcript would have (focusAfterLine).
 */
export function DeliveryState({ message }: { message: Pick<Outgoing, 'id' | 'conversationId' | 'status' | 'problem' | 'note'> }) {
  const model = useConsole();
  const t = model.t.value;
  const code = message.problem?.code;
  const final = code !== undefined && (FINAL.has(code) || (code === 'not_assigned' && !model.canWrite(message.conversationId)));
  const state = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const line = state.current?.closest('li');
    // Gone with the focus in its line: the line too, unless it only gave way to "Seen" (then the focus stays, and so is let be).
    return () => void (line?.contains(document.activeElement) && focusAfterLine());
  }, []);
  function retry(): void {
    // The message's words, made focusable for this (not every message need be in the page's focus order).
    const text = state.current?.closest('li')?.querySelector<HTMLElement>('.text');
    if (text) {
      text.tabIndex = -1;
      text.focus();
    }
    model.retry(message.id);
  }
  return (
    <span class={`delivery ${message.status}`} ref={state}>
      <span aria-live="off">{t.delivery[message.status]}</span>
      {message.status === 'failed' && (
        <>
          {message.problem && <span class="muted"> — {problemText(t, message.problem)}</span>}{' '}
          {!final ? (
            <button type="button" class="link" onClick={retry}>
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
