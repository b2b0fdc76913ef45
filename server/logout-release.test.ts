// An agent who logs out leaves nobody waiting on them: their conversations go back to the queue at
// once, not after the two minutes' away grace (during which visitors read "Aino auttaa sinua").
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { waitingOrder, type AgentServerMessage } from '../protocol';
import { createServer, type RunningServer } from './app';
import { createMemoryBus, topics, type BusMessage } from './bus';
import { openSqliteStore } from './store/sqlite';
import { addAgent, connect, deferred, isType, login, startTestServer, tempDir, testConfig, type TestClient, waitingVisitor as waitingVisitorOf } from './test-support';

const defer = deferred();
let dir: Awaited<ReturnType<typeof tempDir>>;
let server: RunningServer;

beforeEach(async () => {
  dir = await tempDir();
  // The away grace as served: nothing in this test may wait for it.
  server = await startTestServer(dir.dir, { agentAwayMs: 120_000 });
});
afterEach(async () => {
  await server.close();
  await dir.remove();
});

const waitingVisitor = (n: number) => waitingVisitorOf(server, defer, n);

it("returns a logged-out agent's conversations to the queue at once, in the order their visitors asked", async () => {
  const first = await waitingVisitor(1);
  const second = await waitingVisitor(2);
  const token = await login(server);
  const agent: TestClient<AgentServerMessage> = await connect(server, '/ws/agent');
  defer(() => agent.close());
  agent.send({ type: 'hello', token });
  await agent.next(isType('welcome'));
  // Taken the later one first.
  for (const [i, { conversationId }] of [second, first].entries()) {
    agent.send({ type: 'claim', id: `k${i}`, conversationId });
    await agent.next(isType('ack'));
  }
  // A colleague: another agent, whose console watches the queue.
  await addAgent(join(dir.dir, 'data'), 'eero', 'Eero', 'eero-password-123');
  const colleague: TestClient<AgentServerMessage> = await connect(server, '/ws/agent');
  defer(() => colleague.close());
  colleague.send({ type: 'hello', token: await login(server, 'eero-password-123', 'eero') });
  await colleague.next(isType('welcome'));

  const out = await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  expect(out.status).toBeLessThan(300);
  for (const { visitor, conversationId } of [first, second]) {
    const told = await visitor.next((f) => f.type === 'events' && f.events.some((e) => e.body.kind === 'released'), 2000);
    // The words of a Return to queue: the agent passed it on, the next free agent continues.
    expect(told).toMatchObject({ conversationId, events: [{ body: { kind: 'released', agent: 'Aino (demo)' } }] });
    expect(told.type === 'events' && told.events[0]?.body).not.toHaveProperty('away');
  }
  const queue = (await colleague.next((f) => f.type === 'queue' && f.conversations.every((c) => c.status === 'queued'), 2000)) as Extract<AgentServerMessage, { type: 'queue' }>;
  expect(waitingOrder(queue.conversations).map((c) => c.id)).toEqual([first.conversationId, second.conversationId]);
});

it('returns nothing for a logout whose session had already ended', async () => {
  const { visitor, conversationId } = await waitingVisitor(1);
  const token = await login(server);
  const agent: TestClient<AgentServerMessage> = await connect(server, '/ws/agent');
  defer(() => agent.close());
  agent.send({ type: 'hello', token });
  await agent.next(isType('welcome'));
  agent.send({ type: 'claim', id: 'k', conversationId });
  await agent.next(isType('ack'));
  // Another token's logout (a stale tab's): Aino's conversation stays hers.
  await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { authorization: `Bearer ${'x'.repeat(43)}` } });
  await new Promise((r) => setTimeout(r, 200));
  expect(visitor.received.filter(isType('events')).flatMap((f) => f.events).some((e) => e.body.kind === 'released')).toBe(false);
});

it('keeps the conversations of an agent who logs out on one device while their console is open on another', async () => {
  const { visitor, conversationId } = await waitingVisitor(1);
  const laptopToken = await login(server);
  const laptop: TestClient<AgentServerMessage> = await connect(server, '/ws/agent');
  defer(() => laptop.close());
  laptop.send({ type: 'hello', token: laptopToken });
  await laptop.next(isType('welcome'));
  laptop.send({ type: 'claim', id: 'k', conversationId });
  await laptop.next(isType('ack'));
  // The phone, logged in too, with its console open: it logs out.
  const phoneToken = await login(server);
  const phone: TestClient<AgentServerMessage> = await connect(server, '/ws/agent');
  defer(() => phone.close());
  phone.send({ type: 'hello', token: phoneToken });
  await phone.next(isType('welcome'));
  const out = await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { authorization: `Bearer ${phoneToken}` } });
  expect(out.status).toBeLessThan(300);
  await phone.next((f) => f.type === 'error' && f.code === 'unauthorized', 2000);
  await new Promise((r) => setTimeout(r, 200));
  expect(visitor.received.filter(isType('events')).flatMap((f) => f.events).some((e) => e.body.kind === 'released')).toBe(false);
  // The laptop still serves the visitor.
  laptop.send({ type: 'msg', id: 't', conversationId, text: 'Still here' });
  expect(await laptop.next((f) => f.type === 'ack' || f.type === 'error', 2000)).toMatchObject({ type: 'ack', id: 't' });
});

it("costs nothing but a read for a token that is nobody's session: no write, and no console made to check its own (a flood of made-up tokens slowed every chat)", async () => {
  const own = await tempDir();
  defer(() => own.remove());
  const store = openSqliteStore(':memory:');
  const deleted: string[] = [];
  const bus = createMemoryBus();
  const told: BusMessage[] = [];
  bus.subscribe(topics.agents, (message) => message.kind === 'sessions' && told.push(message));
  const shop = await createServer(await testConfig(own.dir), {
    store: { ...store, deleteSession: (tokenHash) => (deleted.push(tokenHash), store.deleteSession(tokenHash)) },
    bus,
    log: () => {},
    info: () => {},
  });
  defer(() => shop.close());
  const logout = (token: string) => fetch(`${shop.url}/api/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  // The client's view is the same either way.
  expect((await logout('x'.repeat(43))).status).toBe(204);
  expect([deleted, told]).toEqual([[], []]);
  // A real session is still ended, and its consoles told.
  expect((await logout(await login(shop))).status).toBe(204);
  expect([deleted.length, told]).toEqual([1, [{ kind: 'sessions' }]]);
});
