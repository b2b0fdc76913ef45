import type { ConversationStatus } from '../../../protocol/events';
import { problemText, visitorHereText, visitorLabel, type Strings } from '../strings';
import { Composer } from './Composer';
import { useConsole } from './context';
import { PassTo } from './PassTo';
import { Transcript } from './Transcript';

/** Why the agent cannot reply (a note they can always add). */
function replyHint(t: Strings, status: ConversationStatus, colleague: string | undefined): string {
  if (status === 'closed') return t.hintClosed;
  if (status === 'queued') return t.hintQueued;
  return t.hintColleague(colleague);
}

export function ConversationPane() {
  const model = useConsole();
  const t = model.t.value;
  const c = model.selected.value;
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
  const here = status === 'closed' ? null : visitorHereText(t, model.visitors.value[c.id], model.now.value);
  // The agent's own conversation, or a queued one nobody reached (a visitor who left before anyone came: no claim needed to clear it).
  const close = (
    <button type="button" class="danger" onClick={() => model.close(c.id)} aria-disabled={model.isPending('close', c.id)}>
      {t.closeConversation}
    </button>
  );
  return (
    <main class="conversation column" aria-labelledby="conversation-title">
      <header class="conversation-head">
        <div>
          <h2 id="conversation-title">{visitorLabel(t, c.visitor)}</h2>
          <span class={`status ${status}`}>
            {t.status[status]}
            {status === 'active' && c.agent && ` · ${c.agent.id === model.agent.value?.id ? t.you : c.agent.name}`}
            {here && <span class={`visitor-here ${model.visitors.value[c.id]?.online ? 'online' : 'gone'}`}> · {here}</span>}
          </span>
        </div>
        <div class="actions">
          {status === 'queued' && (
            <>
              <button type="button" class="primary" onClick={() => model.claim(c.id)} aria-disabled={model.isPending('claim', c.id)}>
                {t.claim}
              </button>
              {close}
            </>
          )}
          {colleague !== undefined && (
            <button type="button" onClick={() => model.takeOver(c.id)} aria-disabled={model.isPending('claim', c.id)}>
              {t.takeOver(colleague)}
            </button>
          )}
          {mine && (
            <>
              <PassTo conversationId={c.id} />
              <button type="button" onClick={() => model.release(c.id)} aria-disabled={model.isPending('release', c.id)}>
                {t.returnToQueue}
              </button>
              {close}
            </>
          )}
        </div>
      </header>
      {model.notice.value && (
        <p class="notice" role="alert">
          {problemText(t, model.notice.value)}
          <button type="button" class="link" onClick={model.dismissNotice}>
            {t.dismiss}
          </button>
        </p>
      )}
      <Transcript conversationId={c.id} visitorName={visitorLabel(t, c.visitor)} />
      <p class="typing" aria-live="polite">
        {typing ? t.visitorTyping : ''}
      </p>
      <Composer key={c.id} conversationId={c.id} lang={c.lang} enabled={mine} hint={replyHint(t, status, colleague)} />
    </main>
  );
}
