// The order visitors waiting for a person are served in. The console lists the queue so and
// takes the next visitor from its top; the server tells each waiting visitor how many are ahead
// of them by the same order.
import type { ConversationSummary } from './events';

/** When a conversation last entered the queue (its handoff, or its return); an older server's summary has only `createdAt`. */
export const queuedAt = (c: Pick<ConversationSummary, 'createdAt' | 'queuedAt'>): number => c.queuedAt ?? c.createdAt;

/**
 * The queued conversations in the order agents take them: first those an agent had and put back
 * (or that went back for the agent's being away), since their visitor was already being served;
 * then those nobody has served yet. Each group longest-waiting first, by when it (re)entered the
 * queue; ties (an away or logged-out agent's conversations go back together, at one time) by when
 * the visitor first asked, then by id, so every process agrees.
 */
export function waitingOrder(conversations: readonly ConversationSummary[]): ConversationSummary[] {
  return conversations
    .filter((c) => c.status === 'queued')
    .sort((a, b) => Number(b.returned === true) - Number(a.returned === true) || queuedAt(a) - queuedAt(b) || a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/**
 * Whom "Take the next visitor" takes, in order: the waiting (`waitingOrder`) who are still on the
 * site. A visitor who left is passed by, not taken when nobody else waits: a claim would record
 * their whole wait in the report and reach nobody; the agent clears them (Close), or opens one to
 * answer by email. `left`: by the queue card (`visitorLeft`), or, on the server, by what it knows now.
 */
export function nextToTake(conversations: readonly ConversationSummary[], left: (c: ConversationSummary) => boolean = (c) => c.visitorLeft !== undefined): ConversationSummary[] {
  return waitingOrder(conversations).filter((c) => !left(c));
}
