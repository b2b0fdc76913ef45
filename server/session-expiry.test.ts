// A console session ends when its time is up, also on a console already open: a tab left open
// for days must not go on reading and writing visitors' conversations on an expired login.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { CLOSE, type AgentServerMessage } from '../protocol';
import type { RunningServer } from './app';
import { connect, deferred, isType, login, startTestServer, tempDir, waitingVisitor, type TestClient } from './test-support';

const SESSION_MS = 1_500;
const defer = deferred();
let dir: Awaited<ReturnType<typeof tempDir>>;
let server: RunningServer;

beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await server.close();
  await dir.remove();
  vi.restoreAllMocks();
});

/** Resolves to how the socket closed, or null if it is still open after `ms`. */
const closedWithin = (agent: TestClient<AgentServerMessage>, ms: number) =>
  Promise.race([agent.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]);

async function agentConsole(token: string): Promise<TestClient<AgentServerMessage>> {
  const agent: TestClient<AgentServerMessage> = await connect(server, '/ws/agent');
  defer(() => agent.close());
  agent.send({ type: 'hello', token });
  await agent.next(isType('welcome'));
  return agent;
}

it("closes an open console's socket as unauthorized when its session expires, and leaves the agent's conversation theirs to log in again to", async () => {
  // The away grace as served: the expired agent's conversation must not wait for it in this test.
  server = await startTestServer(dir.dir, { sessionMs: SESSION_MS, agentAwayMs: 120_000 });
  const { visitor, conversationId } = await waitingVisitor(server, defer, 1);
  const agent = await agentConsole(await login(server));
  agent.send({ type: 'claim', id: 'k', conversationId });
  await agent.next(isType('ack'));

  expect(await closedWithin(agent, SESSION_MS + 1_500)).toEqual({ code: CLOSE.unauthorized, reason: 'unauthorized' });
  expect(agent.received.filter(isType('error')).map((f) => [f.code, f.ended])).toEqual([['unauthorized', 'expired']]);

  // The visitor writes on: nothing of it reaches the closed console, and they are not told the
  // agent left. Logged in again, the agent finds the conversation still theirs and answers.
  visitor.send({ type: 'msg', id: 'v1', text: 'Onko siellä ketään?' });
  await visitor.next(isType('ack'));
  const again = await agentConsole(await login(server));
  const queue = await again.next(isType('queue'));
  expect(queue.conversations.find((c) => c.id === conversationId)).toMatchObject({ status: 'active', agent: { id: 'demo' } });
  again.send({ type: 'msg', id: 'a1', conversationId, text: 'Olen tässä.' });
  expect(await again.next(isType('ack'))).toMatchObject({ id: 'a1' });
  const kinds = visitor.received.filter(isType('events')).flatMap((f) => f.events.map((e) => e.body.kind));
  expect(kinds).not.toContain('released');
});

it('refuses what an open console sends once its session is over, should the clock have gone past its timer', async () => {
  // The server's clock set forward (or a server resumed from suspend): the session's timer, counted
  // on the monotonic clock, is not due yet.
  const real = Date.now.bind(Date);
  let ahead = 0;
  vi.spyOn(Date, 'now').mockImplementation(() => real() + ahead);
  server = await startTestServer(dir.dir, { sessionMs: 60_000 });
  const { visitor, conversationId } = await waitingVisitor(server, defer, 1);
  const agent = await agentConsole(await login(server));
  agent.send({ type: 'claim', id: 'k', conversationId });
  await agent.next(isType('ack'));

  ahead = 61_000;
  agent.send({ type: 'msg', id: 'a1', conversationId, text: 'Vanhentuneella istunnolla' });
  expect(await closedWithin(agent, 1_500)).toEqual({ code: CLOSE.unauthorized, reason: 'unauthorized' });
  expect(agent.received.filter((f) => f.type === 'ack' && f.id === 'a1')).toEqual([]);
  const texts = visitor.received.filter(isType('events')).flatMap((f) => f.events.map((e) => (e.body.kind === 'text' ? e.body.text : '')));
  expect(texts).not.toContain('Vanhentuneella istunnolla');
});
