// The store contract's messages: numbered without gaps, stored once per client id, kept as
// stored (U+FFFD for half an emoji), each write its own in a shared commit. Apart from the other
// areas of the contract so each can be read, and grown, alone.
import { expect, it } from 'vitest';
import { handoff, text } from './store-contract-drafts';
import type { EventDraft, Store } from './types';

/** Registers its tests in the caller's describe; `current` is that test's fresh store, with visitor v1. */
export function messagesContract(current: () => Store): void {
  it('numbers events without gaps even when many writes share one commit', async () => {
    const store = current();
    await store.handoff(handoff());
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store.visitorMessage('v1', text(`m${i}`))));
    expect(results.map((r) => (r.ok ? r.events[0]?.seq : -1))).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    expect((await store.eventsAfter('c1', 0, 1000)).map((e) => e.seq)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
  });

  it('stores half an emoji (a lone UTF-16 surrogate) as U+FFFD, alike on both stores, and the message after it too', async () => {
    const store = current();
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

  it("keeps the visitor's first text message, whoever writes after it, for the queue card's title", async () => {
    // Titled with the newest text, the card of a visitor who asked the bot nothing showed the
    // agent's reply, also once it was back in the queue for the next agent.
    const store = current();
    const aino = { id: 'aino', name: 'Aino' };
    const botText = { clientId: 'b1', at: 10, role: 'bot' as const, body: { kind: 'text' as const, text: 'Hei, miten voin auttaa?' } };
    await store.handoff(handoff({ questions: [], botAnswers: [], events: [botText, ...handoff().events] }));
    const file: EventDraft = { clientId: 'p1', at: 11, role: 'visitor', body: { kind: 'file', fileId: 'f1', name: 'sohva.jpg', type: 'image/jpeg', size: 3 } };
    await store.visitorMessage('v1', file, { id: 'f1', type: 'image/jpeg', name: 'sohva.jpg', bytes: Buffer.from([1, 2, 3]) });
    expect((await store.conversation('c1'))?.firstText).toBeUndefined();
    await store.visitorMessage('v1', text('m1', 'Sohvani toimitus ei tullut tänään'));
    await store.claim('c1', aino, 'k1', 21);
    await store.append('c1', { clientId: 'a1', at: 22, role: 'agent', name: 'Aino', body: { kind: 'text', text: 'Tarkistan kuljetusliikkeeltä' } }, { agentId: 'aino' });
    await store.note('c1', aino, 'n1', 'Soitettu varastoon', 23);
    await store.visitorMessage('v1', text('m2', 'Kiitos'));
    // A resend of the first with other words changes nothing either.
    await store.visitorMessage('v1', text('m1', 'Toiset sanat'));
    await store.release('c1', aino, 'r1', 24);
    const first = 'Sohvani toimitus ei tullut tänään';
    expect(await store.conversation('c1')).toMatchObject({ status: 'queued', firstText: first, lastText: 'Kiitos' });
    expect(await store.openConversations()).toMatchObject([{ id: 'c1', firstText: first }]);
    expect(await store.visitorConversations('v1', 5)).toMatchObject([{ id: 'c1', firstText: first }]);
    // The next conversation starts without it.
    await store.closeConversation('c1', 'visitor', null, 'x1', 30);
    await store.handoff(handoff({ handoffId: 'h2', conversationId: 'c2', at: 40 }));
    expect((await store.conversation('c2'))?.firstText).toBeUndefined();
  });

  it('stores a client id once and returns the original event for a resend', async () => {
    const store = current();
    await store.handoff(handoff());
    const first = await store.visitorMessage('v1', text('same', 'eka'));
    const again = await store.visitorMessage('v1', text('same', 'toka'));
    expect(again).toMatchObject({ ok: true, duplicate: true, events: [{ seq: 2, body: { text: 'eka' } }] });
    expect(first).toMatchObject({ ok: true, duplicate: false });
    expect(await store.eventsAfter('c1', 0, 10)).toHaveLength(2);
  });

  it('acks a visitor message resent after its conversation closed where it was stored', async () => {
    const store = current();
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
    const store = current();
    await store.handoff(handoff());
    const [good, missing] = await Promise.all([store.visitorMessage('v1', text('ok')), store.append('nope', { ...text('x'), role: 'agent' }, { agentId: 'a' })]);
    expect(good.ok).toBe(true);
    expect(missing).toEqual({ ok: false, code: 'not_found' });
  });
}
