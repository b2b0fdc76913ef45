// The store port's contract, as tests every store must pass: the embedded SQLite one
// (sqlite.test.ts) and the scale-out PostgreSQL one (postgres.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitingOrder } from '../../protocol';
import type { EventDraft, HandoffInput, Store } from './types';

const handoff = (over: Partial<HandoffInput> = {}): HandoffInput => ({
  visitorId: 'v1',
  handoffId: 'h1',
  conversationId: 'c1',
  at: 10,
  lang: 'fi',
  page: { url: 'https://x.example/', title: 'X' },
  reason: 'no_answer',
  visitor: {},
  questions: ['palautus'],
  botAnswers: [{ faqId: 'a', question: 'A?' }],
  events: [{ clientId: 'h1', at: 10, role: 'system', body: { kind: 'handoff', reason: 'no_answer', page: { url: 'https://x.example/', title: 'X' }, lang: 'fi' } }],
  ...over,
});

const text = (clientId: string, t = 'hei') => ({ clientId, at: 20, role: 'visitor' as const, body: { kind: 'text' as const, text: t } });

/** Runs the contract against fresh, empty stores from `open`. */
export function describeStoreContract(name: string, open: () => Promise<Store>): void {
  describe(name, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.createVisitor('v1', 'hash-1', 1);
    });
    afterEach(() => store.close());

    it('answers a health check', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it("finds conversations for an agent's search: by id, name, email, question, message or comment, in any case, newest first", async () => {
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
      await store.createVisitor('v2', 'hash-2', 1);
      await store.handoff(handoff({ visitor: { name: 'İlkka Öztürk' }, questions: ['Kargom nerede?'] }));
      await store.handoff(handoff({ visitorId: 'v2', handoffId: 'h2', conversationId: 'c2', at: 40, visitor: { name: 'Ilkka Virtanen' } }));
      const found = async (query: string) => (await store.searchConversations(query, 20)).map((c) => c.id);
      expect(await found('ilkka öztürk')).toEqual(['c1']);
      expect(await found('İLKKA')).toEqual(['c2', 'c1']);
      expect(await found('ilkka')).toEqual(['c2', 'c1']);
    });

    it('numbers events without gaps even when many writes share one commit', async () => {
      await store.handoff(handoff());
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store.visitorMessage('v1', text(`m${i}`))));
      expect(results.map((r) => (r.ok ? r.events[0]?.seq : -1))).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
      expect((await store.eventsAfter('c1', 0, 1000)).map((e) => e.seq)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    });

    it('keeps an agent\'s FAQ match in the summary, adding no event, and says when nothing changed', async () => {
      await store.handoff(handoff());
      expect(await store.setFaqMatch('nope', { faqId: 'a', agent: 'Aino', at: 30 })).toEqual({ ok: false, code: 'not_found' });
      const first = await store.setFaqMatch('c1', { faqId: 'a', agent: 'Aino', at: 30 });
      expect(first).toMatchObject({ ok: true, events: [], duplicate: false, conversation: { faqMatch: { faqId: 'a', agent: 'Aino', at: 30 }, lastSeq: 1 } });
      expect(await store.setFaqMatch('c1', { faqId: 'a', agent: 'Eero', at: 31 })).toMatchObject({ ok: true, duplicate: true });
      expect(await store.setFaqMatch('c1', { faqId: null, agent: 'Eero', at: 32 })).toMatchObject({ conversation: { faqMatch: { faqId: null, agent: 'Eero' } } });
      expect(await store.eventsAfter('c1', 0, 10)).toHaveLength(1);
      // A later handoff into the same open conversation keeps it.
      await store.handoff(handoff({ handoffId: 'h2', questions: ['vielä'], events: [] }));
      expect((await store.conversation('c1'))?.faqMatch?.faqId).toBeNull();
    });

    it('stores half an emoji (a lone UTF-16 surrogate) as U+FFFD, alike on both stores, and the message after it too', async () => {
      // PostgreSQL's jsonb refused it: the write failed, and the visitor's resend of it, first in
      // line at every reconnect, failed for good; SQLite kept it. Stored as U+FFFD, nothing is lost.
      const half = 'Sohva \ud83d';
      const page = { url: 'https://x.example/', title: 'Sohva \ude00' };
      const handoffEvent = { clientId: 'h1', at: 10, role: 'system' as const, body: { kind: 'handoff' as const, reason: 'no_answer' as const, page, lang: 'fi' as const } };
      const query = { clientId: 'q1', at: 10, role: 'bot' as const, body: { kind: 'bot.query' as const, query: half, decision: 'none' as const, results: [] } };
      const writes = [
        await store.handoff(handoff({ page, visitor: { name: half }, questions: [half], events: [query, handoffEvent] })),
        await store.visitorMessage('v1', text('m1', `${half} 😀`)),
      ];
      // What a write returns is what conversations.ts publishes to the widget and consoles: the
      // text as stored, so what they are shown live is what a reconnect replays.
      expect(await store.conversation('c1')).toMatchObject({ lastText: 'Sohva \ufffd 😀' });
      writes.push(await store.visitorMessage('v1', text('m2', 'toinen')), await store.note('c1', { id: 'a1', name: 'Aino' }, 'n1', 'a\u0000b', 30));
      expect(writes).toMatchObject(writes.map(() => ({ ok: true, duplicate: false })));
      expect(await store.updateVisitor('v1', { visitor: { name: `${half}!` } })).toMatchObject({ ok: true });
      const events = await store.eventsAfter('c1', 0, 10);
      expect(events.map((e) => e.body)).toEqual([
        { ...query.body, query: 'Sohva \ufffd' },
        { ...handoffEvent.body, page: { ...page, title: 'Sohva \ufffd' } },
        { kind: 'text', text: 'Sohva \ufffd 😀' },
        { kind: 'text', text: 'toinen' },
        { kind: 'note', text: 'a\ufffdb' },
      ]);
      expect(writes.flatMap((w) => (w.ok ? w.events : []))).toEqual(events);
      expect(await store.currentConversation('v1')).toMatchObject({ page: { title: 'Sohva \ufffd' }, visitor: { name: 'Sohva \ufffd!' }, questions: ['Sohva \ufffd'] });
    });

    it('stores a client id once and returns the original event for a resend', async () => {
      await store.handoff(handoff());
      const first = await store.visitorMessage('v1', text('same', 'eka'));
      const again = await store.visitorMessage('v1', text('same', 'toka'));
      expect(again).toMatchObject({ ok: true, duplicate: true, events: [{ seq: 2, body: { text: 'eka' } }] });
      expect(first).toMatchObject({ ok: true, duplicate: false });
      expect(await store.eventsAfter('c1', 0, 10)).toHaveLength(2);
    });

    it("stores a visitor's file with the event that shows it, once, and finds it with whose it is", async () => {
      const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0, 255]);
      const file = { id: 'f1', type: 'image/jpeg' as const, name: 'sohva.jpg', bytes };
      const draft: EventDraft = { clientId: 'p1', at: 5, role: 'visitor', body: { kind: 'file', fileId: 'f1', name: 'sohva.jpg', type: 'image/jpeg', size: bytes.length } };
      expect(await store.visitorMessage('v1', draft, file)).toEqual({ ok: false, code: 'no_conversation' });
      expect(await store.file('f1')).toBeNull();
      await store.handoff(handoff());
      expect(await store.visitorMessage('v1', draft, file)).toMatchObject({ ok: true, duplicate: false, conversationId: 'c1', events: [{ seq: 2, body: { kind: 'file', fileId: 'f1' } }] });
      // A resent upload: the same event, and no second file under the same id.
      expect(await store.visitorMessage('v1', draft, file)).toMatchObject({ ok: true, duplicate: true, events: [{ seq: 2 }] });
      const stored = await store.file('f1');
      expect(stored).toMatchObject({ id: 'f1', conversationId: 'c1', visitorId: 'v1', type: 'image/jpeg', name: 'sohva.jpg' });
      expect(Buffer.compare(stored!.bytes, bytes)).toBe(0);
      expect(await store.file('nope')).toBeNull();
      // What the conversation holds, which its visitor's next files are measured against; a resend is not counted twice.
      expect([await store.fileBytes('c1'), await store.fileBytes('nope')]).toEqual([bytes.length, 0]);
      // The queue's preview names it, and an agent's search finds it by its name.
      expect((await store.conversation('c1'))?.lastText).toBe('📎 sohva.jpg');
      expect((await store.searchConversations('SOHVA.jpg', 5)).map((c) => c.id)).toEqual(['c1']);
    });

    it("stores an agent's file only in their own conversation, once", async () => {
      const bytes = Buffer.from('%PDF-1.7\n');
      const file = { id: 'f2', type: 'application/pdf' as const, name: 'palautuslappu.pdf', bytes };
      const draft: EventDraft = { clientId: 'a1', at: 5, role: 'agent', name: 'Aino', body: { kind: 'file', fileId: 'f2', name: 'palautuslappu.pdf', type: 'application/pdf', size: bytes.length } };
      await store.handoff(handoff());
      expect(await store.append('c1', draft, { agentId: 'aino' }, file)).toEqual({ ok: false, code: 'not_assigned' });
      expect(await store.file('f2')).toBeNull();
      await store.claim('c1', { id: 'aino', name: 'Aino' }, 'k1', 4);
      expect(await store.append('c1', draft, { agentId: 'aino' }, file)).toMatchObject({ ok: true, duplicate: false, events: [{ seq: 3, role: 'agent' }] });
      expect(await store.append('c1', draft, { agentId: 'aino' }, { ...file, id: 'f3' })).toMatchObject({ ok: true, duplicate: true, events: [{ seq: 3 }] });
      expect(await store.file('f2')).toMatchObject({ conversationId: 'c1', visitorId: 'v1', name: 'palautuslappu.pdf' });
      expect(await store.file('f3')).toBeNull();
      expect(await store.fileBytes('c1')).toBe(bytes.length);
    });

    it('acks a visitor message resent after its conversation closed where it was stored', async () => {
      await store.handoff(handoff());
      const first = await store.visitorMessage('v1', text('kept'));
      await store.claim('c1', { id: 'a', name: 'A' }, 'k', 1);
      await store.closeConversation('c1', 'agent', 'a', 'x', 2);
      await store.handoff(handoff({ handoffId: 'h2', conversationId: 'c2', events: [text('h2')] }));
      const resent = await store.visitorMessage('v1', text('kept'));
      expect(resent).toMatchObject({ ok: true, duplicate: true, conversationId: 'c1' });
      expect(first.ok && resent.ok && resent.events[0]?.seq).toBe(first.ok && first.events[0]?.seq);
      expect(await store.eventsAfter('c2', 0, 10)).toHaveLength(1);
    });

    it('one failing write in a batch does not undo its neighbours', async () => {
      await store.handoff(handoff());
      const [good, missing] = await Promise.all([store.visitorMessage('v1', text('ok')), store.append('nope', { ...text('x'), role: 'agent' }, { agentId: 'a' })]);
      expect(good.ok).toBe(true);
      expect(missing).toEqual({ ok: false, code: 'not_found' });
    });

    it('guards claim, writes, close and rating', async () => {
      await store.handoff(handoff());
      const aino = { id: 'aino', name: 'Aino' };
      expect(await store.append('c1', { ...text('a1'), role: 'agent' }, { agentId: 'aino' })).toEqual({ ok: false, code: 'not_assigned' });
      expect(await store.claim('c1', aino, 'k1', 30)).toMatchObject({ ok: true, conversation: { status: 'active', agent: aino } });
      expect(await store.claim('c1', { id: 'eero', name: 'Eero' }, 'k2', 31)).toEqual({ ok: false, code: 'already_claimed' });
      expect(await store.claim('c1', aino, 'k3', 31)).toMatchObject({ ok: true, duplicate: true, events: [] });
      expect(await store.rate('v1', 5, undefined, 'r0', 32)).toEqual({ ok: false, code: 'no_conversation' });
      expect(await store.closeConversation('c1', 'agent', 'eero', 'x1', 33)).toEqual({ ok: false, code: 'not_assigned' });
      expect(await store.closeConversation('c1', 'agent', 'aino', 'x2', 34)).toMatchObject({ ok: true, conversation: { status: 'closed' } });
      expect(await store.visitorMessage('v1', text('late'))).toEqual({ ok: false, code: 'no_conversation' });
      expect(await store.rate('v1', 4, 'hyvä', 'r1', 35)).toMatchObject({ ok: true, conversation: { rating: { score: 4, comment: 'hyvä' } } });
      expect(await store.rate('v1', 1, undefined, 'r2', 36)).toEqual({ ok: false, code: 'already_rated' });
      expect(await store.currentConversation('v1')).toBeNull();
    });

    it('lets any agent close a queued conversation nobody reached, without a claim, and a colleague’s active one only after taking it over', async () => {
      await store.handoff(handoff());
      const closed = await store.closeConversation('c1', 'agent', 'eero', 'x1', 30);
      expect(closed).toMatchObject({ ok: true, conversation: { status: 'closed' }, events: [{ role: 'system', body: { kind: 'closed', by: 'agent' } }] });
      // Nobody joined: no agent, no wait for one.
      expect((await store.conversation('c1'))?.agent).toBeUndefined();
      expect(await store.closeConversation('c1', 'agent', 'aino', 'x2', 31)).toEqual({ ok: false, code: 'conversation_closed' });

      await store.handoff(handoff({ handoffId: 'h2', conversationId: 'c2', at: 40 }));
      await store.claim('c2', { id: 'aino', name: 'Aino' }, 'k1', 41);
      expect(await store.closeConversation('c2', 'agent', 'eero', 'x3', 42)).toEqual({ ok: false, code: 'not_assigned' });
    });

    it('lets a colleague take over only when asked to, and an agent put their conversation back in the queue', async () => {
      await store.handoff(handoff());
      const aino = { id: 'aino', name: 'Aino' };
      const eero = { id: 'eero', name: 'Eero' };
      expect(await store.release('c1', aino, 'r0', 29)).toEqual({ ok: false, code: 'not_assigned' });
      await store.claim('c1', aino, 'k1', 30);
      expect(await store.release('c1', eero, 'r1', 31)).toEqual({ ok: false, code: 'not_assigned' });
      const taken = await store.claim('c1', eero, 'k2', 32, true);
      expect(taken).toMatchObject({ ok: true, conversation: { status: 'active', agent: eero }, events: [{ body: { kind: 'joined', agent: 'Eero', from: 'Aino' } }] });
      expect(await store.append('c1', { ...text('a1'), role: 'agent' }, { agentId: 'aino' })).toEqual({ ok: false, code: 'not_assigned' });
      expect(await store.append('c1', { ...text('e1'), role: 'agent' }, { agentId: 'eero' })).toMatchObject({ ok: true });
      // A resent takeover is acked where it was stored.
      expect(await store.claim('c1', eero, 'k2', 33, true)).toMatchObject({ ok: true, duplicate: true });

      const released = await store.release('c1', eero, 'r2', 34);
      expect(released).toMatchObject({ ok: true, duplicate: false, events: [{ body: { kind: 'released', agent: 'Eero' } }] });
      expect(released.ok && released.conversation).toMatchObject({ status: 'queued' });
      expect(released.ok && released.conversation?.agent).toBeUndefined();
      expect((await store.openConversations()).map((c) => c.status)).toEqual(['queued']);
      expect(await store.append('c1', { ...text('e2'), role: 'agent' }, { agentId: 'eero' })).toEqual({ ok: false, code: 'not_assigned' });
      // Back in the queue: a plain claim takes it, and the visitor's messages still reach it.
      expect(await store.visitorMessage('v1', text('odotan yhä'))).toMatchObject({ ok: true, conversationId: 'c1' });
      expect(await store.claim('c1', aino, 'k3', 35)).toMatchObject({ ok: true, events: [{ body: { kind: 'joined', agent: 'Aino' } }] });
      await store.closeConversation('c1', 'agent', 'aino', 'x1', 36);
      expect(await store.release('c1', aino, 'r3', 37)).toEqual({ ok: false, code: 'conversation_closed' });
      expect(await store.claim('c1', eero, 'k4', 38, true)).toEqual({ ok: false, code: 'conversation_closed' });
    });

    it('puts a returned conversation back in the queue ahead of new arrivals, waiting from when it went back', async () => {
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

    it('takes over only from the colleague the takeover names: not from one who took it over first, nor after it was passed on', async () => {
      await store.handoff(handoff());
      const aino = { id: 'aino', name: 'Aino' };
      const eero = { id: 'eero', name: 'Eero' };
      const veera = { id: 'veera', name: 'Veera-Maria' };
      await store.claim('c1', eero, 'k1', 30);
      // Aino and Veera both click "Take over from Eero": Aino's lands first.
      expect(await store.claim('c1', aino, 'k2', 31, true, 'eero')).toMatchObject({ ok: true, conversation: { agent: aino }, events: [{ body: { kind: 'joined', agent: 'Aino', from: 'Eero' } }] });
      expect(await store.claim('c1', veera, 'k3', 31, true, 'eero')).toEqual({ ok: false, code: 'already_claimed' });
      // Aino's resend is acked where it was stored; naming the agent who has it still works.
      expect(await store.claim('c1', aino, 'k2', 32, true, 'eero')).toMatchObject({ ok: true, duplicate: true });
      expect(await store.claim('c1', veera, 'k4', 33, true, 'aino')).toMatchObject({ ok: true, conversation: { agent: veera } });
      // A pass that lands just before a takeover: the takeover meant the one who passed it.
      await store.pass('c1', veera, eero, 'p1', 34);
      expect(await store.claim('c1', aino, 'k5', 35, true, 'veera')).toEqual({ ok: false, code: 'already_claimed' });
      // Returned to the queue meanwhile, it is simply claimed.
      await store.release('c1', eero, 'r1', 36);
      expect(await store.claim('c1', aino, 'k6', 37, true, 'eero')).toMatchObject({ ok: true, conversation: { agent: aino }, events: [{ body: { kind: 'joined', agent: 'Aino' } }] });
      expect((await store.eventsAfter('c1', 0, 20)).filter((e) => e.body.kind === 'joined').map((e) => e.name)).toEqual(['Eero', 'Aino', 'Veera-Maria', 'Eero', 'Aino']);
    });

    it('lets the agent who has a conversation pass it to a colleague, once', async () => {
      await store.handoff(handoff());
      const aino = { id: 'aino', name: 'Aino' };
      const eero = { id: 'eero', name: 'Eero' };
      expect(await store.pass('c1', aino, eero, 'p0', 29)).toEqual({ ok: false, code: 'not_assigned' });
      await store.claim('c1', aino, 'k1', 30);
      expect(await store.pass('c1', eero, aino, 'p1', 31)).toEqual({ ok: false, code: 'not_assigned' });
      const passed = await store.pass('c1', aino, eero, 'p2', 32);
      expect(passed).toMatchObject({ ok: true, duplicate: false, conversation: { status: 'active', agent: eero }, events: [{ role: 'system', body: { kind: 'joined', agent: 'Eero', from: 'Aino', passed: true } }] });
      expect(await store.append('c1', { ...text('a1'), role: 'agent' }, { agentId: 'aino' })).toEqual({ ok: false, code: 'not_assigned' });
      expect(await store.append('c1', { ...text('e1'), role: 'agent' }, { agentId: 'eero' })).toMatchObject({ ok: true });
      // A resend is acked where it was stored; passing it on again is Eero's to do, not Aino's.
      expect(await store.pass('c1', aino, eero, 'p2', 33)).toMatchObject({ ok: true, duplicate: true });
      expect(await store.pass('c1', aino, eero, 'p3', 34)).toEqual({ ok: false, code: 'not_assigned' });
      expect(await store.pass('c1', eero, eero, 'p6', 34)).toMatchObject({ ok: true, duplicate: true, events: [] });
      expect(await store.pass('c1', aino, { id: 'liisa', name: 'Liisa' }, 'p4', 35)).toEqual({ ok: false, code: 'not_assigned' });
      await store.closeConversation('c1', 'agent', 'eero', 'x1', 36);
      expect(await store.pass('c1', eero, aino, 'p5', 37)).toEqual({ ok: false, code: 'conversation_closed' });
    });

    it("takes any agent's note in any conversation, once, without touching what the visitor sees of it", async () => {
      await store.handoff(handoff());
      const aino = { id: 'aino', name: 'Aino' };
      const eero = { id: 'eero', name: 'Eero' };
      // Queued, nobody's: a note is anyone's to write.
      expect(await store.note('c1', eero, 'n1', 'Soitti myös puhelimeen', 20)).toMatchObject({
        ok: true,
        duplicate: false,
        conversation: null,
        events: [{ seq: 2, id: 'n1', role: 'agent', name: 'Eero', body: { kind: 'note', text: 'Soitti myös puhelimeen' } }],
      });
      expect(await store.note('c1', eero, 'n1', 'Soitti myös puhelimeen', 21)).toMatchObject({ ok: true, duplicate: true, events: [{ seq: 2 }] });
      await store.claim('c1', aino, 'k1', 30);
      await store.closeConversation('c1', 'agent', 'aino', 'x1', 40);
      // Closed, and a colleague's: still anyone's to note on.
      expect(await store.note('c1', eero, 'n2', 'Hyvitys tehty', 50)).toMatchObject({ ok: true, events: [{ seq: 5, body: { kind: 'note' } }] });
      const after = await store.conversation('c1');
      // The conversation's age (how long the widget shows it closed, retention) and its last message stay.
      expect(after).toMatchObject({ status: 'closed', updatedAt: 40, lastSeq: 5 });
      expect(after?.lastText).not.toBe('Hyvitys tehty');
      expect(await store.note('nope', eero, 'n3', 'x', 60)).toEqual({ ok: false, code: 'not_found' });
      expect((await store.searchConversations('hyvitys', 5)).map((c) => c.id)).toEqual(['c1']);
    });

    it('records an email to the visitor, or replies they saw, once, in a closed conversation too, without touching its age', async () => {
      await store.handoff(handoff());
      await store.claim('c1', { id: 'aino', name: 'Aino' }, 'k1', 30);
      await store.closeConversation('c1', 'agent', 'aino', 'x1', 40);
      const body = { kind: 'emailed', to: 'matti@example.fi', replies: 2, through: 3 } as const;
      expect(await store.record('c1', 'emailed.3', body, 50)).toMatchObject({ ok: true, duplicate: false, conversation: null, events: [{ seq: 4, role: 'system', body }] });
      // Another server deciding the same email finds it written: it sends nothing.
      expect(await store.record('c1', 'emailed.3', body, 51)).toMatchObject({ ok: true, duplicate: true, events: [{ seq: 4 }] });
      expect(await store.conversation('c1')).toMatchObject({ status: 'closed', updatedAt: 40, lastSeq: 4 });
      expect(await store.record('nope', 'emailed.1', body, 60)).toEqual({ ok: false, code: 'not_found' });
      // What the visitor saw is recorded the same way, and leaves the conversation's age alone too.
      const seen = { kind: 'seen', through: 3 } as const;
      expect(await store.record('c1', 'seen.3', seen, 70)).toMatchObject({ ok: true, duplicate: false, events: [{ seq: 5, role: 'system', body: seen }] });
      expect(await store.conversation('c1')).toMatchObject({ updatedAt: 40, lastSeq: 5 });
      // And the agent's read mark, which the visitor is sent: no activity either.
      const read = { kind: 'read', through: 2 } as const;
      expect(await store.record('c1', 'read.2', read, 80)).toMatchObject({ ok: true, duplicate: false, events: [{ seq: 6, body: read }] });
      expect(await store.conversation('c1')).toMatchObject({ updatedAt: 40, lastSeq: 6 });
    });

    it('a second handoff while one is open joins it; after close it starts a new one', async () => {
      await store.handoff(handoff());
      const joined = await store.handoff(handoff({ handoffId: 'h2', conversationId: 'c2', questions: ['vaihto'], events: [text('h2')] }));
      expect(joined).toMatchObject({ ok: true, conversation: { id: 'c1', questions: ['palautus', 'vaihto'] } });
      await store.claim('c1', { id: 'a', name: 'A' }, 'k', 1);
      await store.closeConversation('c1', 'agent', 'a', 'x', 2);
      const fresh = await store.handoff(handoff({ handoffId: 'h3', conversationId: 'c3', events: [text('h3')] }));
      expect(fresh).toMatchObject({ ok: true, conversation: { id: 'c3', status: 'queued', previousConversations: 1 } });
      expect((await store.openConversations()).map((c) => c.id)).toEqual(['c3']);
      expect((await store.visitorConversations('v1', 10)).map((c) => c.id)).toEqual(['c3', 'c1']);
    });

    it('keeps a summary to the first question and the newest, and the newest answers, however often the visitor hands off again', async () => {
      // Each handoff as long as a widget may send: 40 queries of nearly LIMITS.query characters.
      const asked = (h: number) => Array.from({ length: 40 }, (_, i) => `${h}-${i} ${'x'.repeat(480)}`);
      const shown = (h: number) => [{ faqId: `a${h}`, question: `A${h}?` }, { faqId: `b${h}`, question: `B${h}?` }];
      const first = await store.handoff(handoff({ questions: asked(0), botAnswers: shown(0) }));
      expect(first).toMatchObject({ ok: true, conversation: { questions: [asked(0)[0], ...asked(0).slice(21)], moreQuestions: 20 } });
      for (let h = 1; h < 30; h++) await store.handoff(handoff({ handoffId: `h${h + 1}`, conversationId: `c${h + 1}`, questions: asked(h), botAnswers: shown(h), events: [text(`h${h + 1}`)] }));
      const c = await store.conversation('c1');
      expect(c?.questions).toEqual([asked(0)[0], ...asked(29).slice(21)]);
      expect(c?.moreQuestions).toBe(30 * 40 - 20);
      expect(c?.botAnswers.map((a) => a.faqId)).toEqual(Array.from({ length: 10 }, (_, i) => [`a${20 + i}`, `b${20 + i}`]).flat());
      expect(c?.moreBotAnswers).toBe(40);
      // What every queue push and every console carries of it stays small: 20 questions of ≤ 500 characters.
      expect(JSON.stringify(c).length).toBeLessThan(12_000);
      // Every step is still in the transcript.
      expect(c?.lastSeq).toBe(30);
    });

    it("counts a customer's conversations from every device as one history, but only where the site signed the email", async () => {
      const signed = { email: 'Matti@Example.fi', verified: true };
      const handedOff = async (visitorId: string, conversationId: string, visitor: HandoffInput['visitor']) => {
        if (visitorId !== 'v1') await store.createVisitor(visitorId, `hash-${visitorId}`, 1);
        await store.handoff(handoff({ visitorId, handoffId: `h-${conversationId}`, conversationId, visitor, events: [text(`e-${conversationId}`)] }));
        await store.claim(conversationId, { id: 'a', name: 'A' }, `k-${conversationId}`, 1);
        await store.closeConversation(conversationId, 'agent', 'a', `x-${conversationId}`, 2);
      };
      await handedOff('v1', 'laptop', signed);
      // Typed into the page by anyone: the same address, not signed.
      await handedOff('v2', 'impostor', { email: 'matti@example.fi', verified: false });
      await handedOff('v3', 'phone', { email: 'matti@example.fi', verified: true });
      await store.handoff(handoff({ visitorId: 'v3', handoffId: 'h-now', conversationId: 'now', visitor: signed, events: [text('e-now')] }));

      expect((await store.visitorConversations('v3', 10)).map((c) => c.id)).toEqual(['now', 'phone', 'laptop']);
      expect((await store.visitorConversations('v2', 10)).map((c) => c.id)).toEqual(['impostor']);
      expect((await store.openConversations()).map((c) => [c.id, c.previousConversations])).toEqual([['now', 2]]);
      expect((await store.conversation('impostor'))?.previousConversations).toBe(0);
    });

    it('deletes expired agent sessions when an agent logs in: only a logout did, so the table grew for ever', async () => {
      const aino = { id: 'aino', name: 'Aino' };
      await store.saveSession('old', { agent: aino, expiresAt: 100 }, 50);
      await store.saveSession('live', { agent: aino, expiresAt: 500 }, 50);
      await store.saveSession('new', { agent: aino, expiresAt: 900 }, 100);
      // Asked as of before it expired, a kept row would still answer: it is gone.
      expect(await store.session('old', 0)).toBeNull();
      expect(await store.session('live', 0)).toEqual({ agent: aino, expiresAt: 500 });
      expect(await store.session('new', 100)).toEqual({ agent: aino, expiresAt: 900 });
    });
  });
}
