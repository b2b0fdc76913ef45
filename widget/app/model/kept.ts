// What a later page takes up of the state a page kept, and for how long.
import type { SavedConversation } from './conversation';
import type { OutboxItem } from './outbox';

/**
 * Over: rated, or closed more than `keepMs` before `now` by its last event (the close, by the
 * server's clock). It is not shown again, nor what was still written into it.
 */
export const over = (c: SavedConversation, now: number, keepMs: number) => c.status == 'closed' && (c.rated || (c.events.at(-1)?.at ?? 0) < now - keepMs);

/** A reload is not a failure: what was on its way is sent again. A failed one waits for the visitor's retry. */
export const resending = (items: OutboxItem[]): OutboxItem[] => items.map((it) => (it.status === 'failed' ? it : { ...it, status: 'sending' }));
