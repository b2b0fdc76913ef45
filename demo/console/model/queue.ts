// The order an agent works in: waiting conversations first, longest-waiting on top; then the
// active ones, the agent's own before colleagues'.
import type { ConversationSummary } from '../../../protocol/events';
import { waitingOrder } from '../../../protocol/queue';

export interface QueueGroups {
  waiting: ConversationSummary[];
  mine: ConversationSummary[];
  others: ConversationSummary[];
}

export function groupQueue(conversations: readonly ConversationSummary[], agentId: string | null): QueueGroups {
  const byAge = [...conversations].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return {
    waiting: waitingOrder(conversations),
    mine: byAge.filter((c) => c.status === 'active' && c.agent?.id === agentId),
    others: byAge.filter((c) => c.status === 'active' && c.agent?.id !== agentId),
  };
}
