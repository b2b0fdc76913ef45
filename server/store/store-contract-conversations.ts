// The store contract's conversations: a handoff opening or joining one, its summary kept small,
// an agent's FAQ match, and a customer's history across devices. Apart from the other areas of
// the contract so each can be read, and grown, alone.
import { expect, it } from 'vitest';
import type { EventBody } from '../../protocol';
import { handoff, text } from './store-contract-drafts';
import type { HandoffInput, Store } from './types';

/** Registers its tests in the caller's describe; `current` is that test's fresh store, with visitor v1. */
export function conversationsContract(current: () => Store): void {
  it('keeps an agent\'s FAQ match in the summary, adding no event, and says when nothing changed', async () => {
    const store = current();
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

  it('a second handoff while one is open joins it; after close it starts a new one', async () => {
    const store = current();
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

  it('a handoff joining the open conversation stores once the bot steps it shares with it (another window of the visitor), and no second handoff', async () => {
    const store = current();
    const page = { url: 'https://x.example/', title: 'X' };
    const asked: EventBody = { kind: 'bot.query', query: 'miten pesen villahuovan', decision: 'answer', results: [{ id: 'villa', question: 'Villahuovan pesu', score: 0.9 }] };
    const answer: EventBody = { kind: 'bot.answer', faqId: 'villa', question: 'Villahuovan pesu' };
    const no: EventBody = { kind: 'bot.feedback', faqId: 'villa', helpful: false };
    const wish: EventBody = { kind: 'bot.query', query: 'Puhu asiakaspalvelijan kanssa', decision: 'none', intent: 'handoff', results: [] };
    const events = (h: string, at: number, steps: EventBody[]): HandoffInput['events'] => [
      ...steps.map((body, i) => ({ clientId: `${h}.${i}`, at: at + i, role: body.kind === 'bot.answer' ? ('bot' as const) : ('visitor' as const), body })),
      { clientId: h, at: at + 10, role: 'system', body: { kind: 'handoff', reason: 'no_answer', page, lang: 'fi' } },
    ];
    const shown = [{ faqId: 'villa', question: 'Villahuovan pesu' }];
    // Window A: the answer did not help ("Ei").
    await store.handoff(handoff({ questions: ['miten pesen villahuovan'], botAnswers: shown, events: events('h1', 1, [asked, answer, no]) }));
    // Window B took A's steps from the browser's storage, its clock a little off; asked the same
    // again after Back, then for a person.
    const b = handoff({ handoffId: 'h2', conversationId: 'c2', at: 12, questions: ['miten pesen villahuovan', 'Puhu asiakaspalvelijan kanssa'], botAnswers: shown, events: events('h2', 3, [asked, answer, asked, wish]) });
    const joined = await store.handoff(b);
    expect(joined).toMatchObject({ ok: true, conversationId: 'c1', duplicate: false, conversation: { id: 'c1', questions: ['miten pesen villahuovan', 'Puhu asiakaspalvelijan kanssa'] } });
    const stored = async () => (await store.eventsAfter('c1', 0, 20)).map((e) => e.id);
    expect(await stored()).toEqual(['h1.0', 'h1.1', 'h1.2', 'h1', 'h2.2', 'h2.3']);
    expect(joined.ok && joined.events.map((e) => e.id)).toEqual(['h2.2', 'h2.3']);
    // B's ack lost, its handoff sent again: nothing more, acked where it went.
    expect(await store.handoff(b)).toMatchObject({ ok: true, conversationId: 'c1', duplicate: true });
    expect(await stored()).toEqual(['h1.0', 'h1.1', 'h1.2', 'h1', 'h2.2', 'h2.3']);
    // A third window with nothing new: acked in the conversation, with nothing stored.
    const third = await store.handoff(handoff({ handoffId: 'h3', conversationId: 'c3', at: 13, questions: ['miten pesen villahuovan'], botAnswers: shown, events: events('h3', 2, [asked, answer]) }));
    expect(third).toMatchObject({ ok: true, conversationId: 'c1', events: [], conversation: { id: 'c1', lastSeq: 6 } });
    expect(await stored()).toHaveLength(6);
  });

  it('keeps a summary to the first question and the newest, and the newest answers, however often the visitor hands off again', async () => {
    const store = current();
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
    const store = current();
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
}
