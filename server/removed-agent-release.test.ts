// An agent removed (`kohtaamo agent remove`) leaves nobody waiting on them: their conversations go
// back to the queue at once, as at a logout, not after the away grace (during which visitors read
// that the removed agent helps them and colleagues see them held), nor never with `--agent-away 0`.
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AgentServerMessage, VisitorServerMessage } from '../protocol';
import type { RunningServer } from './app';
import { agentCommand } from './cli/agent';
import { addAgent, connect, deferred, isType, login, startTestServer, tempDir, type TestClient, waitingVisitor } from './test-support';

const defer = deferred();
let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => dir.remove());

const data = () => join(dir.dir, 'data');
const start = async (agentAwayMs: number) => {
  const server = await startTestServer(dir.dir, { agentAwayMs });
  defer(() => server.close());
  return server;
};
async function console(server: RunningServer, token: string) {
  const client: TestClient<AgentServerMessage> = await connect(server, '/ws/agent');
  defer(() => client.close());
  client.send({ type: 'hello', token });
  await client.next(isType('welcome'));
  return client;
}
const claim = async (agent: TestClient<AgentServerMessage>, conversationId: string) => {
  agent.send({ type: 'claim', id: `k-${conversationId}`, conversationId });
  await agent.next((f) => f.type === 'ack' && f.id === `k-${conversationId}`);
};
async function remove(login: string): Promise<void> {
  const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
  expect(await agentCommand(['remove', '--login', login, '--data', data()], io)).toBe(0);
}
const releases = (visitor: TestClient<VisitorServerMessage>) => visitor.received.filter(isType('events')).flatMap((f) => f.events).filter((e) => e.body.kind === 'released');
/** What the visitor is told: the words of a logout (the agent passed it on), not of an agent away. */
async function toldPassedOn(visitor: TestClient<VisitorServerMessage>, conversationId: string, agent: string) {
  const told = await visitor.next((f) => f.type === 'events' && f.events.some((e) => e.body.kind === 'released'), 2000);
  expect(told).toMatchObject({ conversationId, events: [{ body: { kind: 'released', agent } }] });
  expect(told.type === 'events' && told.events[0]?.body).not.toHaveProperty('away');
}
const queued = (colleague: TestClient<AgentServerMessage>, conversationId: string) =>
  colleague.next((f) => f.type === 'queue' && f.conversations.some((c) => c.id === conversationId && c.status === 'queued' && c.agent === undefined), 2000);

it("returns a removed agent's conversations to the queue at once, told as at a logout, and leaves a colleague's theirs", async () => {
  // The away grace as served: nothing in this test may wait for it.
  const server = await start(120_000);
  await addAgent(data(), 'liisa', 'Liisa', 'liisa-password-123');
  const liisa = await console(server, await login(server, 'liisa-password-123', 'liisa'));
  const aino = await console(server, await login(server));
  const hers = await waitingVisitor(server, defer, 1);
  const ainos = await waitingVisitor(server, defer, 2);
  await claim(liisa, hers.conversationId);
  await claim(aino, ainos.conversationId);

  await remove('liisa');
  expect(await liisa.next(isType('error'), 2000)).toMatchObject({ code: 'unauthorized', ended: 'removed' });
  await toldPassedOn(hers.visitor, hers.conversationId, 'Liisa');
  await queued(aino, hers.conversationId);
  // Told once, and Aino's visitor not at all.
  await new Promise((r) => setTimeout(r, 300));
  expect(releases(hers.visitor)).toHaveLength(1);
  expect(releases(ainos.visitor)).toEqual([]);
});

it('returns them at once with no console of theirs open, and with no away grace (--agent-away 0) too', async () => {
  const server = await start(0);
  await addAgent(data(), 'liisa', 'Liisa', 'liisa-password-123');
  const liisa = await console(server, await login(server, 'liisa-password-123', 'liisa'));
  const aino = await console(server, await login(server));
  const { visitor, conversationId } = await waitingVisitor(server, defer, 1);
  await claim(liisa, conversationId);
  // Her laptop closed: with no away grace, the conversation is hers until she is back.
  liisa.close();
  await liisa.closed;

  await remove('liisa');
  await toldPassedOn(visitor, conversationId, 'Liisa');
  await queued(aino, conversationId);
});

it('returns the conversations of an agent removed while the server was stopped when it starts again', async () => {
  const before = await startTestServer(dir.dir, { agentAwayMs: 0 });
  await addAgent(data(), 'liisa', 'Liisa', 'liisa-password-123');
  const liisa = await console(before, await login(before, 'liisa-password-123', 'liisa'));
  const { visitor, conversationId } = await waitingVisitor(before, defer, 1);
  await claim(liisa, conversationId);
  liisa.close();
  visitor.close();
  await before.close();

  await remove('liisa');
  const after = await start(0);
  const aino: TestClient<AgentServerMessage> = await connect(after, '/ws/agent');
  defer(() => aino.close());
  aino.send({ type: 'hello', token: await login(after) });
  await aino.next(isType('welcome'));
  // Waiting in the queue as the console is welcomed, or soon after.
  await aino.next((f) => f.type === 'queue' && f.conversations.some((c) => c.id === conversationId && c.status === 'queued'), 2000);
});
