// A message refused because the conversation closed as it went (the agent closed it that moment):
// trying it again is asking again. A new conversation starts, its first words what the visitor
// wrote into the closed one and did not go, in the order written, under the same ids.
import type { Outbox, OutboxItem, Outgoing } from './outbox';

/** A message the server refused because the visitor's conversation had closed. */
const closedUnder = (it?: OutboxItem) => it?.error === 'conversation_closed' && it.frame.type == 'msg';

/** When retrying `id` is asking again: the frames the new conversation begins with; otherwise undefined. */
export const reopening = (outbox: Outbox, id: string): Outgoing[] | undefined =>
  closedUnder(outbox.find(id)) ? outbox.items.value.filter(closedUnder).map((it) => it.frame) : undefined;
