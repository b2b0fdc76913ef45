import type { ConversationSummary } from '../../../protocol/events';
import { queuedAt } from '../../../protocol/queue';
import { visitorHereText, visitorLabel } from '../strings';
import { ConversationCard } from './ConversationCard';
import { useConsole } from './context';
import { ConversationSearch } from './ConversationSearch';
import { HandoffSummary } from './HandoffSummary';

export function QueuePanel() {
  const model = useConsole();
  const groups = model.groups.value;
  const t = model.t.value;
  return (
    <nav class="queue column" aria-labelledby="queue-title" aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown Alt+Shift+ArrowUp Alt+Shift+ArrowDown">
      <h2 id="queue-title">{t.queue}</h2>
      <ConversationSearch />
      {/* The agent's own first: the visitors they are serving come before the next one, and
          below 63 waiting cards a reply in one of theirs was out of sight. */}
      <QueueGroup id="queue-mine" title={t.mine} items={groups.mine} />
      {model.nextUp.value ? (
        <button type="button" class="primary claim-next" onClick={model.claimNext}>
          {t.takeNext}
        </button>
      ) : (
        groups.waiting.length > 0 && <p class="muted claim-next">{t.everyoneWaitingLeft}</p>
      )}
      {/* A long queue comes a page at a time (the server lists the first 100): the heading counts them all. */}
      <QueueGroup id="queue-waiting" title={t.waiting} items={groups.waiting} count={model.waitingCount.value} empty={t.nobodyWaiting} />
      {model.waitingCount.value > groups.waiting.length && <p class="muted">{t.firstWaitingShown(groups.waiting.length)}</p>}
      <QueueGroup id="queue-others" title={t.colleagues} items={groups.others} />
      <p class="muted keys">{t.queueKeys}</p>
    </nav>
  );
}

function QueueGroup({ id, title, items, count = items.length, empty }: { id: string; title: string; items: ConversationSummary[]; count?: number; empty?: string }) {
  if (items.length === 0 && !empty) return null;
  return (
    <section class="queue-group">
      <h3 id={id}>
        {title} <span class="count">{count}</span>
      </h3>
      {items.length === 0 ? (
        <p class="muted empty">{empty}</p>
      ) : (
        <ul aria-labelledby={id}>
          {items.map((c) => (
            <QueueItem key={c.id} c={c} />
          ))}
        </ul>
      )}
    </section>
  );
}

function QueueItem({ c }: { c: ConversationSummary }) {
  const model = useConsole();
  const t = model.t.value;
  // Since it entered the queue, or went back to it: a visitor returned after an hour's chat has not waited an hour.
  const waitedMs = model.now.value - queuedAt(c);
  const waited = t.duration(waitedMs);
  const wait = c.returned ? `${t.backInQueue} · ${t.waitingFor(waited, waitedMs)}` : t.waitingFor(waited, waitedMs);
  // Whether anyone is there to claim: a visitor who left is cleared (Close), not served.
  const left = c.visitorLeft === undefined ? '' : ` · ${visitorHereText(t, { online: false, since: c.visitorLeft }, model.now.value) ?? ''}`;
  // The open conversation's messages are on screen, unless the Report (or on a phone the queue) is in its place.
  const unread = model.shown.value === c.id ? 0 : model.unread(c.id);
  return (
    <ConversationCard
      c={c}
      badge={unread > 0 && <span class="unread"> {t.unread(unread)}</span>}
      owed={c.status === 'active' && c.agent?.id === model.agent.value?.id}
      meta={`${visitorLabel(t, c.visitor)} · ${c.status === 'queued' ? `${wait}${left}` : t.withAgent(c.agent?.name)}`}
    >
      <HandoffSummary c={c} compact />
    </ConversationCard>
  );
}
