import type { ConversationSummary } from '../../../protocol/events';
import { durationText, visitorLabel } from '../format';
import { ConversationCard } from './ConversationCard';
import { useConsole } from './context';
import { ConversationSearch } from './ConversationSearch';
import { HandoffSummary } from './HandoffSummary';

export function QueuePanel() {
  const model = useConsole();
  const groups = model.groups.value;
  return (
    <nav class="queue column" aria-labelledby="queue-title">
      <h2 id="queue-title">Queue</h2>
      <ConversationSearch />
      {groups.waiting.length > 0 && (
        <button type="button" class="primary claim-next" onClick={model.claimNext}>
          Take the next visitor
        </button>
      )}
      <QueueGroup title="Waiting" items={groups.waiting} empty="Nobody is waiting." />
      <QueueGroup title="My conversations" items={groups.mine} />
      <QueueGroup title="Colleagues' conversations" items={groups.others} />
    </nav>
  );
}

function QueueGroup({ title, items, empty }: { title: string; items: ConversationSummary[]; empty?: string }) {
  if (items.length === 0 && !empty) return null;
  const id = `queue-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section class="queue-group">
      <h3 id={id}>
        {title} <span class="count">{items.length}</span>
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
  const waited = durationText(model.now.value - c.createdAt);
  const unread = model.selectedId.value === c.id ? 0 : model.unread(c.id);
  return (
    <ConversationCard
      c={c}
      badge={unread > 0 && <span class="unread"> {unread} new</span>}
      meta={`${visitorLabel(c.visitor)} · ${c.status === 'queued' ? `waiting ${waited}` : `with ${c.agent?.name ?? 'an agent'}`}`}
    >
      <HandoffSummary c={c} compact />
    </ConversationCard>
  );
}
