// A console session ends when its time is up, also on a console already open: a tab left open
// for days must not go on reading and writing visitors' conversations on an expired login.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CLOSE, type AgentServerMessage } from '../protocol';
import type { RunningServer } from './app';
import { connect, deferred, isType, login, startTestServer, tempDir, waitingVisitor, type TestClient } from './test-support';

const SESSION_MS = 1_500;
const defer = deferred();
let dir: Awaited<ReturnType<typeof tempDir>>;
let server: RunningServer;

beforeEach(async () => {
  dir = await tempDir();
  // The away grace as served: the expired agent's conversation must not wait for it in this test.
  server = await startTestServer(dir.dir, { sessionMs: SESSION_MS, agentAwayMs: 120_000 });
});
afterEach(async () => {
  await server.close();
  await dir.remove();
});

async function agentConsole(token: string): Promise<TestClient<AgentServerMessage>> {
  const agent: TestClient<AgentServerMessage> = await connect(server, '/ws/agent');
  defer(() => agent.close());
  agent.send({ type: 'hello', token });
  await agent.next(isType('welcome'));
  return agent;
}

it("closes an open console's socket as unauthorized when its session expires, and leaves the agent's conversation theirs to log in again to", async () => {
  const { visitor, conversationId } = await waitingVisitor(server, defer, 1);
  const agent = await agentConsole(await login(server));
  agent.send({ type: 'claim', id: 'k', conversationId });
  await agent.next(isType('ack'));

  const ended = await Promise.race([agent.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), SESSION_MS + 1_500))]);
  expect(ended).toEqual({ code: CLOSE.unauthorized, reason: 'unauthorized' });
  expect(agent.received.filter(isType('error')).map((f) => f.code)).toEqual(['unauthorized']);

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
