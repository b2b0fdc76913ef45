// A socket whose live events have a gap the store cannot fill just now (or that is told to read
// everything again and cannot): it is closed with a code both clients reconnect on, so they resume
// from what they hold, rather than be sent what lies past the gap and never ask for what is in it.
import { expect, it } from 'vitest';
import { CLOSE } from '../protocol';
import type { ConversationEvent } from '../protocol';
import { createServer } from './app';
import { createMemoryBus, topics } from './bus';
import type { BusMessage } from './bus';
import { openSqliteStore } from './store/sqlite';
import type { Store } from './store/types';
import { deferred, tempDir, testConfig, visitorAndAgent } from './test-support';

const defer = deferred();

/** A server on a store whose reads can be made to fail, and its bus, to publish on as another server would. */
async function setUp() {
  const dir = await tempDir();
  const sqlite = openSqliteStore(':memory:');
  let failing = false;
  const reads = new Set<keyof Store>(['eventsAfter', 'currentConversation', 'openConversations', 'conversation']);
  const store = new Proxy(sqlite, {
    get(target, name: keyof Store) {
      const value = target[name];
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => (failing && reads.has(name) ? Promise.reject(new Error('store out of reach')) : (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
  const bus = createMemoryBus();
  const server = await createServer(await testConfig(dir.dir), { store, bus, log: () => {}, info: () => {} });
  defer(dir.remove, () => server.close());
  return { server, bus, fail: () => void (failing = true) };
}

/** An event past the last one the client got, one seq missing before it: what another server's overtaking publish looks like. */
const pastGap = (conversationId: string, lastSeq: number): BusMessage => {
  const event: ConversationEvent = { seq: lastSeq + 2, id: 'late', at: Date.now(), role: 'agent', name: 'Aino', body: { kind: 'text', text: 'Hei!' } };
  return { kind: 'events', conversationId, events: [event] };
};

it("closes a visitor's socket, sending nothing past the gap, when the gap cannot be read", async () => {
  const { server, bus, fail } = await setUp();
  const { visitor, conversationId } = await visitorAndAgent(server, defer);
  const welcome = visitor.received.find((f) => f.type === 'welcome') as { visitorId: string };
  const last = Math.max(...visitor.events(conversationId).map((e) => e.seq));
  fail();
  bus.publish(topics.visitor(welcome.visitorId), pastGap(conversationId, last));
  expect((await visitor.closed).code).toBe(CLOSE.internal);
  expect(visitor.events(conversationId).map((e) => e.seq)).not.toContain(last + 2);
});

it("closes an agent's console, sending nothing past the gap, when the gap cannot be read", async () => {
  const { server, bus, fail } = await setUp();
  const { agent, conversationId } = await visitorAndAgent(server, defer);
  agent.send({ type: 'open', conversationId, afterSeq: 0 });
  await agent.next((f) => f.type === 'events');
  const last = Math.max(...agent.events(conversationId).map((e) => e.seq));
  fail();
  bus.publish(topics.conversation(conversationId), pastGap(conversationId, last));
  expect((await agent.closed).code).toBe(CLOSE.internal);
  expect(agent.events(conversationId).map((e) => e.seq)).not.toContain(last + 2);
});

it('closes the sockets that cannot read the store again when the bus says messages were lost', async () => {
  const { server, bus, fail } = await setUp();
  const { visitor, agent } = await visitorAndAgent(server, defer);
  const welcome = visitor.received.find((f) => f.type === 'welcome') as { visitorId: string };
  fail();
  bus.publish(topics.visitor(welcome.visitorId), { kind: 'resync' });
  bus.publish(topics.agents, { kind: 'resync' });
  expect((await visitor.closed).code).toBe(CLOSE.internal);
  expect((await agent.closed).code).toBe(CLOSE.internal);
});
