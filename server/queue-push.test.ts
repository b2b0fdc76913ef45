// When agents hear the queue: a change due to be pushed when the server stops still goes, and a
// resent write (from a widget whose first server stopped or crashed) pushes it again.
import { expect, it } from 'vitest';
import type { VisitorClientMessage } from '../protocol';
import { createMemoryBus, topics } from './bus';
import type { BusMessage } from './bus';
import { createConversations } from './conversations';
import { openSqliteStore } from './store/sqlite';
import { deferred } from './test-support';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const defer = deferred();

/** A store and a bus, as servers share them, and the conversation ids of each queue pushed. */
async function setUp() {
  const store = openSqliteStore(':memory:');
  const bus = createMemoryBus();
  defer(() => store.close());
  const queues: string[][] = [];
  bus.subscribe(topics.agents, (m: BusMessage) => void (m.kind === 'queue' && queues.push(m.conversations.map((c) => c.id))));
  await store.createVisitor('v1', 'hash1', 1);
  await store.createVisitor('v2', 'hash2', 1);
  /** A server's conversations: `debounceMs` is long enough that no timer fires during a test. */
  const server = (debounceMs = 60_000) => {
    const conversations = createConversations({ store, bus, queueDebounceMs: debounceMs, queuePreviewMs: debounceMs });
    defer(() => conversations.dispose());
    return conversations;
  };
  return { store, queues, server };
}

const handoff: Extract<VisitorClientMessage, { type: 'handoff' }> = { type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'fi', page: { url: 'https://x.example/', title: 'X' }, steps: [], visitor: {} };

it('sends the queue push still due when disposed, after the writes under way have settled', async () => {
  const { queues, server } = await setUp();
  const conversations = server();
  await conversations.handoff('v1', handoff).outcome;
  const stillCommitting = conversations.handoff('v2', { ...handoff, id: 'h2' }).outcome;
  await conversations.dispose();
  expect((await stillCommitting).ok).toBe(true);
  // One push, with both: the second handoff was not yet durable when the server began to stop.
  expect(queues.map((q) => q.length)).toEqual([2]);
});

it('pushes the queue again for a resent handoff, though it changed nothing', async () => {
  const { queues, server } = await setUp();
  const first = await server().handoff('v1', handoff).outcome;
  if (!first.ok) throw new Error(first.code);
  // The first server crashed before its push: the resend reaches another one.
  const resent = await server(1).handoff('v1', handoff).outcome;
  expect(resent).toEqual(first);
  await pause(50);
  expect(queues).toEqual([[first.conversationId]]);
});
