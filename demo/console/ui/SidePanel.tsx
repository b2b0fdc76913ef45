import type { ConversationSummary } from '../../../protocol/events';
import { dateText, statusText } from '../format';
import { useConsole } from './context';
import { FaqMatch } from './FaqMatch';
import { HandoffSummary } from './HandoffSummary';

export function SidePanel() {
  const model = useConsole();
  const c = model.selected.value;
  if (!c) {
    return (
      <aside class="side column" aria-label="Details">
        <p class="muted">The handoff summary and the visitor's earlier conversations appear here.</p>
      </aside>
    );
  }
  const history = model.histories.value[c.visitorId];
  const earlier = history?.filter((h) => h.id !== c.id);
  return (
    <aside class="side column" aria-label="Details">
      <section aria-labelledby="summary-title">
        <h2 id="summary-title">Handoff summary</h2>
        <HandoffSummary c={c} />
      </section>
      <FaqMatch c={c} />
      <p>
        <button type="button" class="link" onClick={() => model.downloadTranscript(c.id)}>
          Download transcript
        </button>{' '}
        <span class="muted">(text file, to keep or forward)</span>
      </p>
      <section aria-labelledby="history-title">
        <h2 id="history-title">Visitor history</h2>
        {earlier === undefined ? (
          <p class="muted">Loading…</p>
        ) : earlier.length === 0 ? (
          <p class="muted">No earlier conversations.</p>
        ) : (
          <ul class="history">
            {[...earlier]
              .sort((a, b) => b.createdAt - a.createdAt)
              .map((h) => (
                <HistoryItem key={h.id} h={h} otherDevice={h.visitorId !== c.visitorId} />
              ))}
          </ul>
        )}
      </section>
    </aside>
  );
}

/** `otherDevice`: the same customer in another browser, linked by the email the site signed. */
function HistoryItem({ h, otherDevice }: { h: ConversationSummary; otherDevice: boolean }) {
  const model = useConsole();
  return (
    <li>
      <button type="button" class="link history-open" onClick={() => model.select(h.id)}>
        {dateText(h.createdAt)}
      </button>{' '}
      <span class={`status ${h.status}`}>{statusText(h.status)}</span>
      {otherDevice && <span class="muted"> · another device, same verified email</span>}
      {h.rating && (
        <span class="rating" title={h.rating.comment}>
          {' '}
          ★ {h.rating.score}/5
        </span>
      )}
      {h.questions.length > 0 && (
        <ul class="questions">
          {h.questions.map((q, i) => (
            <li key={i}>“{q}”</li>
          ))}
        </ul>
      )}
    </li>
  );
}
