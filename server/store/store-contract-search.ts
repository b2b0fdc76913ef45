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

  it('takes half an emoji (a lone surrogate) as U+FFFD, in the query and in what is searched alike', async () => {
    const store = current();
    const half = '\ud83d';
    await store.createVisitor('v2', 'hash-2', 1);
    await store.handoff(handoff({ questions: [] }));
    await store.closeConversation('c1', 'visitor', null, 'x1', 30);
    await store.rate('v1', 3, `Palvelu ${half}`, 'r1', 31);
    await store.handoff(handoff({ visitorId: 'v2', handoffId: 'h2', conversationId: 'c2', at: 40, questions: [] }));
    await store.visitorMessage('v2', text('m1', `Sohva ${half} rikki`));
    const found = async (query: string) => (await store.searchConversations(query, 20)).map((c) => c.id);
    expect(await found(`palvelu ${half}`)).toEqual(['c1']);
    expect(await found('palvelu \ufffd')).toEqual(['c1']);
    expect(await found(`${half} rikki`)).toEqual(['c2']);
    expect(await found(half)).toEqual(['c2', 'c1']);
  });

  it('finds what each write left in a conversation, field by field, and nothing from the other kinds of event', async () => {
    const store = current();
    const page = { url: 'https://x.example/', title: 'Sohvakauppa' };
    await store.handoff(handoff({ page, visitor: { name: 'Aino', email: 'Lahti@Example.fi' }, questions: ['Toimitusaika?'] }));
    const found = async (query: string) => (await store.searchConversations(query, 20)).map((c) => c.id);
    // Each field alone: a query never runs from the end of one into the next.
    expect(await found('aino')).toEqual(['c1']);
    expect(await found('ainolahti')).toEqual([]);
    expect(await found('aino lahti')).toEqual([]);
    expect(await found('example.fitoimitus')).toEqual([]);
    expect(await found('sohvakauppa')).toEqual([]);
    // The email as the site says it now, not as it was.
    await store.updateVisitor('v1', { visitor: { name: 'Aino', email: 'aino@kauppa.fi' } });
    expect(await found('lahti@')).toEqual([]);
    expect(await found('AINO@KAUPPA')).toEqual(['c1']);
    // A second handoff into the open conversation: its questions too.
    await store.handoff(handoff({ handoffId: 'h2', at: 12, questions: ['Voiko LASKULLA maksaa?'], events: [] }));
    expect(await found('laskulla')).toEqual(['c1']);
    expect(await found('toimitusaika')).toEqual(['c1']);
    // An agent's name, an email sent, a rating's event: not searched (the comment is, on the conversation).
    await store.claim('c1', { id: 'sakari', name: 'Sakari' }, 'k1', 20);
    await store.record('c1', 'e1', { kind: 'emailed', to: 'kirjeenvaihto@example.fi', replies: 1, through: 2 }, 21);
    await store.closeConversation('c1', 'agent', 'sakari', 'x1', 30);
    expect(await found('sakari')).toEqual([]);
    expect(await found('kirjeenvaihto')).toEqual([]);
    expect(await found('nopea')).toEqual([]);
    await store.rate('v1', 5, 'NOPEA apu, kiitos', 'r1', 31);
    expect(await found('nopea apu')).toEqual(['c1']);
    // A message with nothing else to find it by.
    await store.createVisitor('v2', 'hash-2', 1);
    await store.handoff(handoff({ visitorId: 'v2', handoffId: 'h3', conversationId: 'c2', at: 40, questions: [] }));
    await store.visitorMessage('v2', text('m1', 'Kuitti ÄSKEISESTÄ tilauksesta'));
    expect(await found('äskeisestä')).toEqual(['c2']);
  });
}
