// The order visitors waiting for a person are served in: longest-waiting first. The console lists
// the queue so and takes the next visitor from its top; the server tells each waiting visitor
// how many are ahead of them by the same order.
import type { ConversationSummary } from './events';

/** The queued conversations, longest-waiting first (ties by id, so every process agrees). */
export function waitingOrder(conversations: readonly ConversationSummary[]): ConversationSummary[] {
  return conversations.filter((c) => c.status === 'queued').sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}
