import type { ConversationSummary } from '../../../protocol/events';
import { dateText } from '../format';
import { useConsole } from './context';
import { EmailFollowUp } from './EmailFollowUp';
import { FaqMatch } from './FaqMatch';
import { HandoffSummary } from './HandoffSummary';

export function SidePanel() {
  const model = useConsole();
  const t = model.t.value;
  const c = model.selected.value;
  if (!c) {
    return (
      <aside class="side column" aria-label={t.details}>
        <p class="muted">{t.detailsEmpty}</p>
      </aside>
    );
  }
  const history = model.histories.value[c.visitorId];
  const earlier = history?.filter((h) => h.id !== c.id);
  /** To the search box above the queue (on a phone, the queue's pane first, where the box is). */
  const toSearch = () => {
    if (model.narrow.value) model.pane.value = 'queue';
    setTimeout(() => document.querySelector<HTMLInputElement>('[role=search] input')?.focus());
  };
  return (
    <aside class="side column" aria-label={t.details}>
      <section aria-labelledby="summary-title">
        <h2 id="summary-title">{t.handoffSummary}</h2>
        <HandoffSummary c={c} />
        <EmailFollowUp c={c} />
      </section>
      <FaqMatch c={c} />
      <p>
        <button type="button" class="link" onClick={() => model.downloadTranscript(c.id)}>
          {t.downloadTranscript}
        </button>{' '}
        <span class="muted">{t.downloadNote}</span>
      </p>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t.visitorHistory}</h2>
        {earlier === undefined ? (
          <p class="muted">{t.loading}</p>
        ) : earlier.length === 0 ? (
          <p class="muted">{t.noEarlier}</p>
        ) : (
          <ul class="history">
            {[...earlier]
              .sort((a, b) => b.createdAt - a.createdAt)
              .map((h) => (
                <HistoryItem key={h.id} h={h} otherDevice={h.visitorId !== c.visitorId} />
              ))}
          </ul>
        )}
        {/* The server sends a visitor's newest conversations only (HISTORY_LIMIT): the rest are found by searching. */}
        {earlier && earlier.length > 0 && earlier.length < c.previousConversations && (
          <p class="muted">
            {t.newestEarlier(earlier.length, c.previousConversations)}{' '}
            <button type="button" class="link" onClick={toSearch}>
              {t.searchOlder}
            </button>
          </p>
        )}
      </section>
    </aside>
  );
}

/** `otherDevice`: the same customer in another browser, linked by the email the site signed. */
function HistoryItem({ h, otherDevice }: { h: ConversationSummary; otherDevice: boolean }) {
  const model = useConsole();
  const t = model.t.value;
  // What the visitor wanted, in their words, as the queue card's title: their questions to the bot,
  // else the first message they wrote (never the newest text, which may be an agent's reply).
  const topic = h.questions.length > 0 ? h.questions : h.firstText !== undefined ? [h.firstText] : [];
  return (
    <li>
      <button type="button" class="link history-open" onClick={() => model.select(h.id)}>
        {dateText(h.createdAt)}
      </button>{' '}
      <span class={`status ${h.status}`}>{t.status[h.status]}</span>
      {otherDevice && <span class="muted">{t.otherDevice}</span>}
      {h.rating && (
        <span class="rating" title={h.rating.comment}>
          {' '}
          ★ {h.rating.score}/5
        </span>
      )}
      {topic.length > 0 && (
        <ul class="questions" lang={h.lang}>
          {topic.map((q, i) => (
            <li key={i}>{t.quote(q)}</li>
          ))}
        </ul>
      )}
    </li>
  );
}
