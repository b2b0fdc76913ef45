// What a console is sent of the queue: cards, the waiting ones a page at a time, however many
// throwaway visitors hand off, and however long what they asked.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../protocol';
import { CARD_TEXT, clip, QUEUE_PAGE, queueCard, queueFrame } from './queue-frame';
import { DATABASE_FILE, openSqliteStore } from './store/sqlite';
import { connect, handoffInput, isType, login, startTestServer, tempDir } from './test-support';

const summary = (over: Partial<ConversationSummary> = {}): ConversationSummary => ({
  id: 'c1', status: 'queued', visitorId: 'v1', visitor: { name: 'Matti' }, createdAt: 1, queuedAt: 1, updatedAt: 1, lang: 'fi',
  page: { url: 'https://x.example/', title: 'X' }, reason: 'no_answer', questions: [], botAnswers: [], lastSeq: 1, previousConversations: 0,
  ...over,
});

describe('queue cards', () => {
  it('keep the first question and the newest two, three answers and the last message, shortened, with counts of the rest', () => {
    const long = 'ä'.repeat(490);
    const card = queueCard(
      summary({
        questions: ['eka', ...Array.from({ length: 19 }, (_, i) => `${i} ${long}`)],
        moreQuestions: 20,
        botAnswers: Array.from({ length: 5 }, (_, i) => ({ faqId: `f${i}`, question: `${i}?`, helpful: i === 4 })),
        nowOn: { url: 'https://x.example/kassa', title: 'Kassa' },
        lastText: long,
        firstText: long,
      }),
    );
    expect(card).toMatchObject({ brief: true, moreQuestions: 37, moreBotAnswers: 2, botAnswers: [{ faqId: 'f2' }, { faqId: 'f3' }, { faqId: 'f4', helpful: true }] });
    expect(card.questions).toEqual(['eka', clip(`17 ${long}`), clip(`18 ${long}`)]);
    expect(card.questions[1]).toHaveLength(CARD_TEXT);
    expect(card.questions[1]?.endsWith('…')).toBe(true);
    expect(card.lastText).toHaveLength(CARD_TEXT);
    expect(card.firstText).toHaveLength(CARD_TEXT);
    expect(card).not.toHaveProperty('nowOn');
    // A card is not cut again; a short summary loses nothing but where the visitor is now.
    expect(queueCard(card)).toBe(card);
    expect(queueCard(summary({ questions: ['a', 'b'] }))).toEqual({ ...summary({ questions: ['a', 'b'] }), brief: true });
  });

  it('never cut a surrogate pair in half', () => {
    const emoji = `${'a'.repeat(CARD_TEXT - 2)}😀😀`;
    expect(clip(emoji)).toBe(`${'a'.repeat(CARD_TEXT - 2)}…`);
  });

  it('list every active conversation and the first page of the waiting in the order agents take them, with how many wait', () => {
    const open = [
      ...Array.from({ length: QUEUE_PAGE + 50 }, (_, i) => summary({ id: `q${i}`, visitorId: `v${i}`, createdAt: 1000 - i, queuedAt: 1000 - i })),
      summary({ id: 'a1', status: 'active', agent: { id: 'aino', name: 'Aino' } }),
    ];
    const frame = queueFrame(open);
    expect(frame.waiting).toBe(QUEUE_PAGE + 50);
    expect(frame.conversations.map((c) => c.id)).toEqual([...Array.from({ length: QUEUE_PAGE }, (_, i) => `q${QUEUE_PAGE + 49 - i}`), 'a1']);
    // Made once for the list every console on the process is handed.
    expect(queueFrame(open)).toBe(frame);
  });
});

describe('a queue of 500 visitors who each asked the bot 40 long questions', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (dir = await tempDir()));
  afterEach(() => dir.remove());

  it('still lets a console in, first of all with its welcome, and lets it open and close them', async () => {
    const file = join(dir.dir, 'data', DATABASE_FILE);
    await mkdir(join(dir.dir, 'data'), { recursive: true });
    const store = openSqliteStore(file, { checkpointMs: 0 });
    const asked = Array.from({ length: 40 }, (_, i) => `${i} ${'x'.repeat(487)}`);
    for (let i = 0; i < 500; i++) {
      await store.createVisitor(`v${i}`, `hash-${i}`, 1);
      await store.handoff({ ...handoffInput(`v${i}`, `c${i}`, 10 + i), questions: asked });
    }
    // Whole, the open conversations are over the adapter's 4 MB cut.
    expect(JSON.stringify(await store.openConversations()).length).toBeGreaterThan(4 * 1024 * 1024);
    await store.close();

    const server = await startTestServer(dir.dir);
    try {
      const a = await connect(server, '/ws/agent');
      a.send({ type: 'hello', token: await login(server) });
      const queue = await a.next(isType('queue'), 5000);
      expect(a.received[0]?.type).toBe('welcome');
      expect(queue.waiting).toBe(500);
      expect(queue.conversations).toHaveLength(QUEUE_PAGE);
      expect(queue.conversations[0]).toMatchObject({ id: 'c0', brief: true, questions: [asked[0]!.slice(0, CARD_TEXT - 1) + '…', clip(asked[38]!), clip(asked[39]!)], moreQuestions: 37 });
      expect(JSON.stringify(queue).length).toBeLessThan(200_000);
      await a.next(isType('colleagues'));
      // The whole summary when the agent opens one.
      a.send({ type: 'open', conversationId: 'c0', afterSeq: 0 });
      const opened = await a.next(isType('summary'));
      expect(opened.conversation).toMatchObject({ id: 'c0', questions: [asked[0], ...asked.slice(21)], moreQuestions: 20 });
      expect(opened.conversation).not.toHaveProperty('brief');
      // Cleared from the queue without a claim: the next queue lists the one after it.
      a.send({ type: 'close', id: 'x0', conversationId: 'c0' });
      await a.next(isType('ack'));
      const after = await a.next((f): f is Extract<typeof f, { type: 'queue' }> => f.type === 'queue' && f.waiting === 499);
      expect(after.conversations.map((c) => c.id)).toEqual(Array.from({ length: QUEUE_PAGE }, (_, i) => `c${i + 1}`));
      a.close();
    } finally {
      await server.close();
    }
  }, 30_000);
});
