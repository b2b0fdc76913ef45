// What a later page takes up of the state a page kept, and for how long.
import type { SavedConversation } from './conversation';
import type { OutboxItem } from './outbox';

/**
 * Over: closed more than `keepMs` before `now` by its last event (the close or the rating, by the
 * server's clock). It is not shown again, nor what was still written into it. Rated, it is still
 * shown until then, to be read again (a return code the agent gave), unless the visitor started
 * anew; the site's logout forgets it at once (session.ts, identify).
 */
export const over = (c: SavedConversation, now: number, keepMs: number) => c.status == 'closed' && (c.events.at(-1)?.at ?? 0) < now - keepMs;

/** A reload is not a failure: what was on its way is sent again. A failed one waits for the visitor's retry. */
export const resending = (items: OutboxItem[]): OutboxItem[] => items.map((it) => (it.status === 'failed' ? it : { ...it, status: 'sending' }));
