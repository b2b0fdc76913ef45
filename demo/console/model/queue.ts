// The order an agent works in: waiting conversations first, longest-waiting on top; then the
// active ones, the agent's own before colleagues'.
import type { ConversationSummary } from '../../../protocol/events';

export interface QueueGroups {
  waiting: ConversationSummary[];
  mine: ConversationSummary[];
  others: ConversationSummary[];
}

export function groupQueue(conversations: readonly ConversationSummary[], agentId: string | null): QueueGroups {
  const byAge = [...conversations].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return {
    waiting: byAge.filter((c) => c.status === 'queued'),
    mine: byAge.filter((c) => c.status === 'active' && c.agent?.id === agentId),
    others: byAge.filter((c) => c.status === 'active' && c.agent?.id !== agentId),
  };
}
