// Whether a waiting visitor is still on the site, on their queue card: an agent does not claim a
// visitor who closed the tab (a claim records their whole wait), and many leaving at once are one
// queue frame, not one each.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AgentServerMessage } from '../protocol';
import type { RunningServer } from './app';
import { connect, deferred, isType, login, PAGE, startTestServer, tempDir, visitorAndAgent, type TestClient, waitingVisitor as waitingVisitorOf } from './test-support';

const defer = deferred();
let dir: Awaited<ReturnType<typeof tempDir>>;
let server: RunningServer;

beforeEach(async () => {
  dir = await tempDir();
  // A visitor counts as gone 50 ms after their last socket; a presence change reaches the queue within 200 ms.
  server = await startTestServer(dir.dir, { visitorGoneMs: 50, queuePreviewMs: 200 });
});
afterEach(async () => {
  await server.close();
  await dir.remove();
});

type QueueFrame = Extract<AgentServerMessage, { type: 'queue' }>;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const queues = (agent: TestClient<AgentServerMessage>) => agent.received.filter(isType('queue')) as QueueFrame[];
const card = (frame: QueueFrame | undefined, id: string) => frame?.conversations.find((c) => c.id === id);

const waitingVisitor = (n: number) => waitingVisitorOf(server, defer, n);

it("says on a waiting visitor's card since when they have been gone, until they are back", async () => {
  const { visitor, token, conversationId, agent } = await visitorAndAgent(server, defer);
  await agent.next((f) => f.type === 'queue' && card(f, conversationId) !== undefined);
  expect(card(queues(agent).at(-1), conversationId)).not.toHaveProperty('visitorLeft');
  const closedAt = Date.now();
  visitor.close();
  const left = (await agent.next((f) => f.type === 'queue' && card(f, conversationId)?.visitorLeft !== undefined, 2000)) as QueueFrame;
  expect(card(left, conversationId)?.visitorLeft).toBeGreaterThanOrEqual(closedAt - 50);
  // A console that connects now is told at once.
  const late = await connect(server, '/ws/agent');
  defer(() => late.close());
  late.send({ type: 'hello', token: await login(server) });
  const first = (await late.next(isType('queue'))) as QueueFrame;
  expect(card(first, conversationId)?.visitorLeft).toBe(card(left, conversationId)?.visitorLeft);
  // The next page, with the same token: here again.
  const back = await connect(server, '/ws/visitor');
  defer(() => back.close());
  back.send({ type: 'hello', lang: 'fi', page: PAGE, token });
  const here = (await agent.next((f) => f.type === 'queue' && card(f, conversationId)?.visitorLeft === undefined, 2000)) as QueueFrame;
  expect(card(here, conversationId)).toMatchObject({ id: conversationId, status: 'queued' });
});

it('tells consoles of many visitors leaving together in one queue frame', async () => {
  const waiting = [await waitingVisitor(1), await waitingVisitor(2), await waitingVisitor(3)];
  const { agent } = await visitorAndAgent(server, defer);
  await agent.next((f) => f.type === 'queue' && waiting.every((w) => card(f, w.conversationId)));
  await pause(300);
  const before = queues(agent).length;
  for (const w of waiting) w.visitor.close();
  await pause(600);
  const after = queues(agent).slice(before);
  expect(after).toHaveLength(1);
  for (const w of waiting) expect(card(after[0], w.conversationId)?.visitorLeft).toEqual(expect.any(Number));
});

it('tells a waiting visitor only those still on the site wait before them', async () => {
  const first = await waitingVisitor(1);
  const second = await waitingVisitor(2);
  await second.visitor.next((f) => f.type === 'queue' && f.ahead === 1, 2000);
  first.visitor.close();
  // The one before them closed the tab: agents take the next visitor still here, so nobody is before them now.
  await second.visitor.next((f) => f.type === 'queue' && f.ahead === 0, 2000);
});
