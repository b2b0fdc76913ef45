// The store contract's queue order: a conversation put back in the queue waits ahead of new
// arrivals, from when it went back. Apart from assignment (store-contract-assignment.ts), which
// says who may put it back, because this is about where it then waits.
import { expect, it } from 'vitest';
import { waitingOrder } from '../../protocol';
import { handoff } from './store-contract-drafts';
import type { Store } from './types';

/** Registers its tests in the caller's describe; `current` is that test's fresh store, with visitor v1. */
export function queueContract(current: () => Store): void {
  it('puts a returned conversation back in the queue ahead of new arrivals, waiting from when it went back', async () => {
    const store = current();
    const aino = { id: 'aino', name: 'Aino' };
    await store.createVisitor('v2', 'hash-2', 1);
    await store.createVisitor('v3', 'hash-3', 1);
    await store.handoff(handoff({ at: 10 }));
    await store.handoff(handoff({ visitorId: 'v2', handoffId: 'h2', conversationId: 'c2', at: 20 }));
    expect(await store.conversation('c1')).toMatchObject({ createdAt: 10, queuedAt: 10 });
    expect((await store.conversation('c1'))?.returned).toBeUndefined();
    // Aino takes the newest, then returns it: it waits again, at the top, since it went back.
    await store.claim('c2', aino, 'k1', 30);
    const released = await store.release('c2', aino, 'r1', 40);
    expect(released).toMatchObject({ ok: true, conversation: { status: 'queued', createdAt: 20, queuedAt: 40, returned: true } });
    await store.handoff(handoff({ visitorId: 'v3', handoffId: 'h3', conversationId: 'c3', at: 50 }));
    expect(waitingOrder(await store.openConversations()).map((c) => c.id)).toEqual(['c2', 'c1', 'c3']);
    // The same when the server returns it for Aino's being away; two returned wait in the order they went back.
    await store.claim('c3', aino, 'k2', 60);
    expect(await store.release('c3', aino, 'away.70', 70, true)).toMatchObject({ ok: true, conversation: { queuedAt: 70, returned: true } });
    expect(waitingOrder(await store.openConversations()).map((c) => c.id)).toEqual(['c2', 'c3', 'c1']);
    // Claimed again, it stays one that was returned (no first wait for the report's estimate), with the time it last went back.
    expect(await store.claim('c2', aino, 'k3', 80)).toMatchObject({ ok: true, conversation: { status: 'active', queuedAt: 40, returned: true } });
  });

  it("puts conversations that went back together (an away agent's) in the order their visitors asked, whatever their ids", async () => {
    const store = current();
    const aino = { id: 'aino', name: 'Aino' };
    await store.createVisitor('v2', 'hash-2', 1);
    // The first to ask has the id that sorts last.
    await store.handoff(handoff({ conversationId: 'c9', at: 10 }));
    await store.handoff(handoff({ visitorId: 'v2', handoffId: 'h2', conversationId: 'c1', at: 20 }));
    await store.claim('c1', aino, 'k1', 30);
    await store.claim('c9', aino, 'k2', 31);
    await store.release('c1', aino, 'away.70', 70, true);
    await store.release('c9', aino, 'away.70', 70, true);
    expect(waitingOrder(await store.openConversations()).map((c) => c.id)).toEqual(['c9', 'c1']);
  });
}
