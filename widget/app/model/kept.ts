// What a later page takes up of the state a page kept, and for how long.
import type { SavedConversation } from './conversation';
import type { OutboxItem } from './outbox';

/**
 * Over: closed, and nothing new heard of it (its close, or the rating after) for more than `keepMs`
 * before `now`, both by this browser's clock. It is not shown again, nor what was still written
 * into it. Rated, it is still shown until then, to be read again (a return code the agent gave),
 * unless the visitor started anew; the site's logout forgets it at once (session.ts, identify).
 * Not by its last event's time, the server's: a visitor's clock an hour fast took a conversation
 * rated just now for over, and one slow kept it that much longer. What an older widget saved has
 * only that time.
 */
export const over = (c: SavedConversation, now: number, keepMs: number) => c.status == 'closed' && (c.heardAt ?? c.events.at(-1)?.at ?? 0) < now - keepMs;

/** A reload is not a failure: what was on its way is sent again. A failed one waits for the visitor's retry. */
export const resending = (items: OutboxItem[]): OutboxItem[] => items.map((it) => (it.status === 'failed' ? it : { ...it, status: 'sending' }));
