import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConversationEvent, ConversationStatus } from '../../../protocol/events';
import { problemText, visitorHereText, visitorLabel, type Strings } from '../strings';
import { CloseConversation } from './CloseConversation';
import { focusWhereTabGoes } from './focus-after';
import { Composer } from './Composer';
import { useConsole } from './context';
import { PassTo } from './PassTo';
import { Transcript } from './Transcript';

/**
 * Why the agent cannot reply (a note they can always add), as a code: the view puts it in words
 * when it shows it, so what was said before a switch of language is said in the new one.
 * `null` while the agent may reply: nothing stands in their way to say.
 */
type NoReply = { why: 'closed' | 'visitorEnded' | 'queued' } | { why: 'colleague'; name: string | undefined };

function noReply(status: ConversationStatus, mine: boolean, colleague: string | undefined, events: () => readonly ConversationEvent[]): NoReply | null {
  if (status === 'closed') return { why: events().some((e) => e.body.kind === 'closed' && e.body.by === 'visitor') ? 'visitorEnded' : 'closed' };
  if (status === 'queued') return { why: 'queued' };
  return mine ? null : { why: 'colleague', name: colleague };
}

function noReplyText(t: Strings, reason: NoReply | null): string {
  if (!reason) return '';
  if (reason.why === 'colleague') return t.hintColleague(reason.name);
  return { closed: t.hintClosed, visitorEnded: t.hintVisitorEnded, queued: t.hintQueued }[reason.why];
}

/** Where the focus goes when the next conversation shows: its Message box (if the agent may write there), or its heading. */
export type FocusOnOpen = 'message' | 'heading' | null;

export function ConversationPane({ focusOnOpen }: { focusOnOpen?: RefObject<FocusOnOpen> }) {
  const model = useConsole();
  const t = model.t.value;
  const c = model.selected.value;
  const pane = useRef<HTMLElement>(null);
  const head = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Asked for by Alt+↑/↓ (App.tsx), once the conversation it opened is on the page.
  useEffect(() => {
    const want = focusOnOpen?.current;
    if (!want || !c) return;
    focusOnOpen.current = null;
    const box = pane.current?.querySelector<HTMLTextAreaElement>('#composer-text');
    if (want === 'message' && box && !box.disabled) box.focus();
    else heading.current?.focus();
  }, [c?.id]);
  /**
   * A button of the head goes once the conversation has moved on, and the focus with it (to the
   * page's body): by the agent's own Claim, Take over, Pass, Return to queue or Close ('ours'), or
   * by someone else (a colleague claims the one the agent was about to, the visitor leaves the
   * queue: 'theirs'). The keyboard carries on from the conversation's heading instead (or the
   * Message box, which the composer takes once the agent may write), and when it was not the
   * agent's doing, a screen reader says why (`moved`). Dropped once the agent has moved the focus elsewhere.
   *
   * The agent's own action must be marked 'ours' when it starts: its button may go in a render
   * whose effects run before the composer's takes the focus (the server's ack and its queue come
   * as frames apart), and 'theirs' would then tell the agent their own claim went to "another agent".
   */
  const refocus = useRef<'ours' | 'theirs' | null>(null);
  const [moved, setMoved] = useState<NoReply | null>(null);
  /** Why the agent cannot reply, as this render has it. */
  const reason = useRef<NoReply | null>(null);
  // Read before this render takes the button away: after it, the focus is on <body>.
  if (!refocus.current && head.current?.contains(document.activeElement)) refocus.current = 'theirs';
  useEffect(() => setMoved(null), [c?.id]);
  useEffect(() => {
    if (!refocus.current) return;
    const active = document.activeElement;
    if (active === null || active === document.body || !active.isConnected) {
      if (refocus.current === 'theirs') setMoved(reason.current);
      refocus.current = null;
      heading.current?.focus({ preventScroll: true });
    } else if (!head.current?.contains(active)) refocus.current = null;
  });
  /** The agent's own action, whose button goes away when it is done: what was said of an earlier move by someone else is no longer so. */
  const ours = () => {
    refocus.current = 'ours';
    setMoved(null);
  };
  const leaving = (act: () => void) => () => {
    ours();
    act();
  };
  if (!c) {
    return (
      <main class="conversation column empty-state" aria-label={t.conversation}>
        <p>{t.selectOne}</p>
      </main>
    );
  }
  const closed = model.isClosed(c.id);
  const mine = model.canWrite(c.id);
  const status = closed ? 'closed' : c.status;
  const typing = model.visitorTyping.value[c.id] === true && !closed;
  const colleague = status === 'active' && !mine ? c.agent?.name : undefined;
  reason.current = noReply(status, mine, colleague, () => model.transcripts.value[c.id] ?? []);
  const hint = noReplyText(t, reason.current);
  const here = status === 'closed' ? null : visitorHereText(t, model.visitors.value[c.id], model.now.value);
  // The agent's own conversation, or a queued one nobody reached (a visitor who left before anyone came: no claim needed to clear it).
  // Keyed: a question asked about one conversation is not left standing in the next.
  const close = <CloseConversation key={c.id} conversationId={c.id} onClose={leaving(() => model.close(c.id))} />;
  return (
    <main class="conversation column" aria-labelledby="conversation-title" ref={pane}>
      <header class="conversation-head" ref={head}>
        <div>
          <h2 id="conversation-title" ref={heading} tabIndex={-1}>{visitorLabel(t, c.visitor)}</h2>
          <span class={`status ${status}`}>
            {t.status[status]}
            {status === 'active' && c.agent && ` · ${c.agent.id === model.agent.value?.id ? t.you : c.agent.name}`}
            {here && <span class={`visitor-here ${model.visitors.value[c.id]?.online ? 'online' : 'gone'}`}> · {here}</span>}
          </span>
        </div>
        <div class="actions">
          {status === 'queued' && (
            <>
              <button type="button" class="primary" onClick={leaving(() => model.claim(c.id))} aria-disabled={model.isPending('claim', c.id)}>
                {t.claim}
              </button>
              {close}
            </>
          )}
          {colleague !== undefined && (
            // From the colleague shown: if someone else has it by the time the server reads this, it is refused, not taken from them.
            <button type="button" onClick={leaving(() => model.takeOver(c.id, c.agent?.id))} aria-disabled={model.isPending('claim', c.id)}>
              {t.takeOver(colleague)}
            </button>
          )}
          {mine && (
            <>
              <PassTo conversationId={c.id} onPass={ours} />
              <button type="button" onClick={leaving(() => model.release(c.id))} aria-disabled={model.isPending('release', c.id)}>
                {t.returnToQueue}
              </button>
              {close}
            </>
          )}
        </div>
      </header>
      {/* Always in the page, empty but for a notice: an alert put in with its words is not always read. */}
      <div role="alert">
        {model.notice.value && (
          <p class="notice">
            {problemText(t, model.notice.value)}
            <button
              type="button"
              class="link"
              onClick={() => {
                // The notice goes with its button, and the focus would fall to the page's top: it goes to the Message box (or, closed, the heading).
                focusWhereTabGoes();
                model.dismissNotice();
              }}
            >
              {t.dismiss}
            </button>
          </p>
        )}
      </div>
      {/* Keyed: another conversation is another log, not this one's lines swapped for its (each read out). */}
      <Transcript key={c.id} conversationId={c.id} visitorName={visitorLabel(t, c.visitor)} history={c.lastSeq} lang={c.lang} />
      {/* In the page from the start, as the other live regions: "Eero is handling this conversation." */}
      <p class="sr-only" aria-live="polite" aria-atomic="true">
        {noReplyText(t, moved)}
      </p>
      <p class="typing" aria-live="polite">
        {typing ? t.visitorTyping : ''}
      </p>
      <Composer key={c.id} conversationId={c.id} lang={c.lang} enabled={mine} hint={hint} />
    </main>
  );
}
