// The store contract's search: what an agent's search finds (search.ts), folded alike on both
// stores. Apart from the other areas of the contract so each can be read, and grown, alone.
import { expect, it } from 'vitest';
import { handoff, text } from './store-contract-drafts';
import type { Store } from './types';

/** Registers its tests in the caller's describe; `current` is that test's fresh store, with visitor v1. */
export function searchContract(current: () => Store): void {
  it("finds conversations for an agent's search: by id, name, email, question, message or comment, in any case, newest first", async () => {
    const store = current();
    await store.createVisitor('v2', 'hash-2', 1);
    await store.createVisitor('v3', 'hash-3', 1);
    await store.handoff(handoff({ visitor: { name: 'Äijälä Matti', email: 'Matti@Example.fi' }, questions: ['Missä PAKETTI on?'] }));
    await store.visitorMessage('v1', text('m1', 'Tilausnumero 12345, kiitos'));
    await store.closeConversation('c1', 'visitor', null, 'x1', 30);
    await store.rate('v1', 2, 'Liian HIDAS vastaus', 'r1', 31);
    await store.handoff(handoff({ visitorId: 'v2', handoffId: 'h2', conversationId: 'c2', at: 40, questions: ['Paketti hukassa'] }));
    await store.handoff(handoff({ visitorId: 'v3', handoffId: 'h3', conversationId: 'c3', at: 50, questions: ['100% puuvillaa?'] }));
    const found = async (query: string) => (await store.searchConversations(query, 20)).map((c) => c.id);
    expect(await found('äijälä')).toEqual(['c1']);
    expect(await found('ÄIJÄLÄ')).toEqual(['c1']);
    expect(await found('matti@example.fi')).toEqual(['c1']);
    expect(await found('12345')).toEqual(['c1']);
    expect(await found('hidas')).toEqual(['c1']);
    expect(await found('paketti')).toEqual(['c2', 'c1']);
    expect(await found(' c2 ')).toEqual(['c2']);
    expect(await found('v3')).toEqual(['c3']);
    // The query is text, never a pattern: % and _ match only themselves.
    expect(await found('100%')).toEqual(['c3']);
    expect(await found('%')).toEqual(['c3']);
    expect(await found('_')).toEqual([]);
    expect(await found('ei löydy')).toEqual([]);
    expect(await store.searchConversations('paketti', 1).then((list) => list.map((c) => [c.id, c.status]))).toEqual([['c2', 'queued']]);
    expect((await store.searchConversations('hidas', 5))[0]).toMatchObject({ status: 'closed', rating: { score: 2, comment: 'Liian HIDAS vastaus' } });
  });

  it('folds case in search alike on both stores: Turkish İ is i (JavaScript lowers it to i + a combining dot)', async () => {
    const store = current();
    await store.createVisitor('v2', 'hash-2', 1);
    await store.handoff(handoff({ visitor: { name: 'İlkka Öztürk' }, questions: ['Kargom nerede?'] }));
    await store.handoff(handoff({ visitorId: 'v2', handoffId: 'h2', conversationId: 'c2', at: 40, visitor: { name: 'Ilkka Virtanen' } }));
    const found = async (query: string) => (await store.searchConversations(query, 20)).map((c) => c.id);
    expect(await found('ilkka öztürk')).toEqual(['c1']);
    expect(await found('İLKKA')).toEqual(['c2', 'c1']);
    expect(await found('ilkka')).toEqual(['c2', 'c1']);
  });
}
