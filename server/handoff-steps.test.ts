import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationEvent, VisitorServerMessage } from '../protocol';
import type { RunningServer } from './app';
import { connect, FAQ, isType, login, PAGE, startTestServer, tempDir, until, type TestClient } from './test-support';

let dir: { dir: string; remove(): Promise<void> };
let server: RunningServer;
beforeEach(async () => {
  dir = await tempDir();
  server = await startTestServer(dir.dir);
});
afterEach(async () => {
  await server.close();
  await dir.remove();
});

const query = (at: number) => ({ at, body: { kind: 'bot.query', query: 'hei', decision: 'none', results: [] } });

async function handoffWith(steps: object[], sentAt?: number): Promise<{ v: TestClient<VisitorServerMessage>; conversationId: string }> {
  const v = await connect(server, '/ws/visitor');
  v.send({ type: 'hello', lang: 'fi', page: PAGE });
  await v.next(isType('welcome'));
  v.send({ type: 'handoff', id: 'h1', reason: 'no_answer', lang: 'fi', page: PAGE, steps, ...(sentAt === undefined ? {} : { sentAt }) });
  const { conversationId } = await v.next(isType('ack'));
  return { v, conversationId };
}

describe("a handoff's bot steps", () => {
  it("are dated by the visitor's clock, but never after the handoff by the server's", async () => {
    const before = Date.now();
    const { v, conversationId } = await handoffWith([query(before - 60_000), query(8.64e15)]);
    const a = await connect(server, '/ws/agent');
    a.send({ type: 'hello', token: await login(server) });
    await a.next(isType('welcome'));
    a.send({ type: 'open', conversationId, afterSeq: 0 });
    await a.next((f) => f.type === 'events' && f.events.some((e) => e.body.kind === 'handoff'));
    const [first, second, handoff] = a.events(conversationId);
    expect(first?.at).toBe(before - 60_000);
    expect(second?.at).toBe(handoff?.at);
    expect(handoff?.at).toBeLessThanOrEqual(Date.now());
    a.close();
    v.close();
  });

  it("are set by the server's clock when the visitor's is off, as the widget says what its clock read as the handoff went", async () => {
    // The visitor's clock is an hour slow: they asked the bot a minute before handing off.
    const hour = 3_600_000;
    const { v, conversationId } = await handoffWith([query(Date.now() - hour - 60_000)], Date.now() - hour);
    const a = await connect(server, '/ws/agent');
    a.send({ type: 'hello', token: await login(server) });
    await a.next(isType('welcome'));
    a.send({ type: 'open', conversationId, afterSeq: 0 });
    await a.next((f) => f.type === 'events' && f.events.some((e) => e.body.kind === 'handoff'));
    const [asked, handoff] = a.events(conversationId);
    // "asked the bot 15:54" just before "Handed off 16:54" it was: a minute before, not an hour.
    expect(handoff!.at - asked!.at).toBeGreaterThanOrEqual(59_000);
    expect(handoff!.at - asked!.at).toBeLessThan(65_000);
    a.close();
    v.close();
  });
});

describe("what a handoff's bot steps show the agent as the bot's", () => {
  const [toimitus, delivery] = FAQ;
  const query = (results: { id: string; question: string; score: number }[]) => ({ kind: 'bot.query', query: 'saanko hyvityksen', decision: 'answer', results });

  it("is the served FAQ's entry, whatever question the visitor's handoff says it had; an entry the FAQ has not is left out", async () => {
    // A handoff written by hand, not by the widget: a real entry's heading made a promise, and an
    // entry made up to put a phishing line under the bot's name.
    const { v, conversationId } = await handoffWith([
      { at: 1, body: query([{ id: 'toimitus', question: 'Hyvitämme tuplasti', score: 0.9 }, { id: 'keksitty', question: 'Soita 0700 123 456', score: 0.5 }, { id: 'delivery', question: 'Refunds doubled', score: 0.2 }]) },
      { at: 2, body: { kind: 'bot.answer', faqId: 'toimitus', question: 'Hyvitämme tilauksen kaksinkertaisena, jos toimitus myöhästyy' } },
      { at: 3, body: { kind: 'bot.feedback', faqId: 'toimitus', helpful: false } },
      { at: 4, body: { kind: 'bot.answer', faqId: 'keksitty', question: 'Kirjaudu tunnuksillasi osoitteessa pankki.example' } },
      { at: 5, body: { kind: 'bot.feedback', faqId: 'keksitty', helpful: true } },
      // With its best match unknown, the others' scores, on another scale, would read as its probability.
      { at: 6, body: query([{ id: 'keksitty', question: 'Soita 0700 123 456', score: 0.97 }, { id: 'toimitus', question: 'Hyvitämme tuplasti', score: 0.3 }]) },
    ]);
    const a = await connect(server, '/ws/agent');
    a.send({ type: 'hello', token: await login(server) });
    const queue = await a.next((f): f is Extract<typeof f, { type: 'queue' }> => f.type === 'queue' && f.conversations.some((c) => c.id === conversationId));
    a.send({ type: 'open', conversationId, afterSeq: 0 });
    await a.next((f) => f.type === 'events' && f.events.some((e) => e.body.kind === 'handoff'));
    const events = a.events(conversationId);

    expect(JSON.stringify([events, queue])).not.toMatch(/Hyvitämme|0700|pankki|Refunds/);
    expect(events.map((e) => [e.role, e.body])).toEqual([
      ['visitor', { ...query([{ id: 'toimitus', question: toimitus!.question, score: 0.9 }, { id: 'delivery', question: delivery!.question, score: 0.2 }]) }],
      ['bot', { kind: 'bot.answer', faqId: 'toimitus', question: toimitus!.question }],
      ['visitor', { kind: 'bot.feedback', faqId: 'toimitus', helpful: false }],
      ['visitor', query([])],
      ['system', expect.objectContaining({ kind: 'handoff' })],
    ]);
    // The queue card's and the summary's "BOT SHOWED", and the question (asked twice, listed once), the visitor's own words.
    expect(queue.conversations.find((c) => c.id === conversationId)).toMatchObject({
      questions: ['saanko hyvityksen'],
      botAnswers: [{ faqId: 'toimitus', question: toimitus!.question, helpful: false }],
    });
    a.close();
    v.close();
  });
});

describe("a handoff's summary: what the visitor asked", () => {
  const asked = (at: number, query: string, extra: object = {}) => ({ at, body: { kind: 'bot.query', query, decision: 'answer', results: [{ id: 'toimitus', question: 'x', score: 0.9 }], ...extra } });

  it('lists a question once, at its first place, however often it was asked; a greeting is no question', async () => {
    // The visitor read the answer, pressed Back and asked the same again, twice, then asked for a person.
    const { v, conversationId } = await handoffWith([
      asked(1, 'Kauanko toimitus kestää?'),
      { at: 2, body: { kind: 'bot.answer', faqId: 'toimitus', question: 'x' } },
      asked(3, 'moi', { decision: 'none', intent: 'greeting', results: [] }),
      asked(4, 'kauanko toimitus kestää'),
      asked(5, 'onko toimitus ilmainen'),
      asked(6, '  KAUANKO   toimitus kestää ?? '),
      asked(7, 'haluun puhua ihmiselle', { decision: 'none', intent: 'handoff', results: [] }),
    ]);
    const a = await connect(server, '/ws/agent');
    a.send({ type: 'hello', token: await login(server) });
    const queue = await a.next((f): f is Extract<typeof f, { type: 'queue' }> => f.type === 'queue' && f.conversations.some((c) => c.id === conversationId));
    // The queue card's title and "ALSO ASKED".
    expect(queue.conversations.find((c) => c.id === conversationId)?.questions).toEqual(['Kauanko toimitus kestää?', 'onko toimitus ilmainen', 'haluun puhua ihmiselle']);
    // The summary pane's "VISITOR ASKED".
    a.send({ type: 'open', conversationId, afterSeq: 0 });
    const { conversation } = await a.next((f): f is Extract<typeof f, { type: 'summary' }> => f.type === 'summary' && f.conversation.id === conversationId);
    expect(conversation.questions).toEqual(['Kauanko toimitus kestää?', 'onko toimitus ilmainen', 'haluun puhua ihmiselle']);
    // The transcript still has every step, as the visitor took them.
    await a.next((f) => f.type === 'events' && f.events.some((e) => e.body.kind === 'handoff'));
    const queries = a.events(conversationId).flatMap((e) => (e.body.kind === 'bot.query' ? [e.body.query] : []));
    expect(queries).toEqual(['Kauanko toimitus kestää?', 'moi', 'kauanko toimitus kestää', 'onko toimitus ilmainen', '  KAUANKO   toimitus kestää ?? ', 'haluun puhua ihmiselle']);
    a.close();
    v.close();
  });

  it("keeps a wish for a person that says the visitor's problem: the card's title and VISITOR ASKED are that problem", async () => {
    const wish = 'can I talk to a human about order 4711, the sofa arrived broken';
    const { v, conversationId } = await handoffWith([asked(1, wish, { decision: 'none', intent: 'handoff', results: [] })]);
    const a = await connect(server, '/ws/agent');
    a.send({ type: 'hello', token: await login(server) });
    const queue = await a.next((f): f is Extract<typeof f, { type: 'queue' }> => f.type === 'queue' && f.conversations.some((c) => c.id === conversationId));
    expect(queue.conversations.find((c) => c.id === conversationId)?.questions).toEqual([wish]);
    a.send({ type: 'open', conversationId, afterSeq: 0 });
    const { conversation } = await a.next((f): f is Extract<typeof f, { type: 'summary' }> => f.type === 'summary' && f.conversation.id === conversationId);
    expect(conversation.questions).toEqual([wish]);
    a.close();
    v.close();
  });
});

describe('two windows of one visitor handing off at once', () => {
  it("store the steps they share once, and one handoff, into the conversation the first opened; both windows are acked", async () => {
    const asked = { kind: 'bot.query', query: 'miten pesen villahuovan', decision: 'answer', results: [{ id: 'toimitus', question: 'x', score: 0.9 }] };
    const answer = { kind: 'bot.answer', faqId: 'toimitus', question: 'x' };
    const a = await connect(server, '/ws/visitor');
    a.send({ type: 'hello', lang: 'fi', page: PAGE });
    const { token } = await a.next(isType('welcome'));
    // Window B, opened beside A, took A's FAQ steps from the browser's storage.
    const b = await connect(server, '/ws/visitor');
    b.send({ type: 'hello', token, lang: 'fi', page: PAGE });
    await b.next(isType('welcome'));
    // "Ei" in A, "Puhu asiakaspalvelijan kanssa" in B, nearly at once; B's clock a little off.
    const now = Date.now();
    a.send({ type: 'handoff', id: 'ha', reason: 'not_helpful', lang: 'fi', page: PAGE, sentAt: now, steps: [{ at: now - 2000, body: asked }, { at: now - 1000, body: answer }, { at: now, body: { kind: 'bot.feedback', faqId: 'toimitus', helpful: false } }] });
    b.send({ type: 'handoff', id: 'hb', reason: 'asked_for_person', lang: 'fi', page: PAGE, sentAt: now + 700, steps: [{ at: now - 1300, body: asked }, { at: now - 300, body: answer }, { at: now + 700, body: { kind: 'bot.query', query: 'Puhu asiakaspalvelijan kanssa', decision: 'none', intent: 'handoff', results: [] } }] });
    const [ackA, ackB] = await Promise.all([a.next(isType('ack')), b.next(isType('ack'))]);
    expect(ackA.id).toBe('ha');
    expect(ackB.id).toBe('hb');
    expect(ackB.conversationId).toBe(ackA.conversationId);
    const conversationId = ackA.conversationId;

    const agent = await connect(server, '/ws/agent');
    agent.send({ type: 'hello', token: await login(server) });
    await agent.next(isType('welcome'));
    agent.send({ type: 'open', conversationId, afterSeq: 0 });
    await agent.next((f) => f.type === 'events' && f.events.some((e) => e.body.kind === 'bot.feedback') && f.events.some((e) => e.body.kind === 'bot.query' && e.body.query.startsWith('Puhu')));
    const said = (events: ConversationEvent[]) => events.map((e) => (e.body.kind === 'bot.query' ? `query ${e.body.query}` : e.body.kind)).sort();
    const once = ['bot.answer', 'bot.feedback', 'handoff', 'query Puhu asiakaspalvelijan kanssa', 'query miten pesen villahuovan'];
    expect(said(agent.events(conversationId))).toEqual(once);
    // Each window shows the conversation so: every step once, and one "a person will join shortly".
    for (const v of [a, b]) {
      await until(() => said(v.events(conversationId)).length >= once.length);
      await new Promise((r) => setTimeout(r, 100));
      expect(said(v.events(conversationId))).toEqual(once);
    }
    // A third window with nothing new to say: acked all the same, where the conversation stands, so its outbox empties.
    const c = await connect(server, '/ws/visitor');
    c.send({ type: 'hello', token, lang: 'fi', page: PAGE });
    await c.next(isType('welcome'));
    c.send({ type: 'handoff', id: 'hc', reason: 'no_answer', lang: 'fi', page: PAGE, steps: [{ at: now - 2000, body: asked }, { at: now - 1000, body: answer }] });
    const ackC = await c.next(isType('ack'));
    expect(ackC).toMatchObject({ id: 'hc', conversationId, seq: once.length });
    await new Promise((r) => setTimeout(r, 100));
    expect(said(agent.events(conversationId))).toEqual(once);
    c.close();
    agent.close();
    a.close();
    b.close();
  });
});
