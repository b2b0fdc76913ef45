// A script at one address opening throwaway visitors and handing each off filled the queue: the
// next real customer was told 150 were ahead of them, and every card on the agents' console was
// the script's. One address may have a few visitors waiting at once; a handoff past them is
// refused with a coded error naming it, and room frees up as theirs are taken, closed or left.
// Addresses are faked as a proxy on this machine names them (--trust-proxy loopback).
import { WebSocket } from 'ws';
import { expect, it } from 'vitest';
import { ERRORS, type AgentServerMessage, type VisitorServerMessage } from '../protocol';
import type { RunningServer } from './app';
import { parseTrustProxy, type TrustProxy } from './client-address';
import { PAGE, TestClient, connect, deferred, isType, login, startTestServer, tempDir } from './test-support';

const defer = deferred();

async function started(overrides: Parameters<typeof startTestServer>[1] = {}) {
  const dir = await tempDir();
  const server = await startTestServer(dir.dir, { trustProxy: parseTrustProxy('loopback') as TrustProxy, waitingPerAddress: 2, ...overrides });
  defer(dir.remove, () => server.close());
  return server;
}

/** A visitor's socket through the proxy, from `client` (none: the proxy's own, loopback); hello said, with `token` to come back. */
async function visitorFrom(server: RunningServer, client: string | undefined, token?: string) {
  const ws = new WebSocket(server.url.replace('http', 'ws') + '/ws/visitor', client ? { headers: { 'x-forwarded-for': client } } : {});
  const visitor = new TestClient<VisitorServerMessage>(ws);
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  defer(() => visitor.close());
  visitor.send({ type: 'hello', lang: 'fi', page: PAGE, ...(token ? { token } : {}) });
  const welcome = await visitor.next(isType('welcome'));
  return { visitor, token: welcome.token };
}

type Answer = Extract<VisitorServerMessage, { type: 'ack' | 'error' }>;
/** Asks for a person (handoff `id`) and returns the server's answer to it. */
async function handoff(visitor: TestClient<VisitorServerMessage>, id: string): Promise<Answer> {
  visitor.send({ type: 'handoff', id, reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [] });
  return visitor.next((f): f is Answer => (f.type === 'ack' || f.type === 'error') && f.id === id);
}

const refused = (id: string) => ({ type: 'error', code: 'too_many_waiting', message: ERRORS.too_many_waiting.message, id });

async function agentOf(server: RunningServer) {
  const agent = await connect(server, '/ws/agent');
  defer(() => agent.close());
  agent.send({ type: 'hello', token: await login(server) });
  await agent.next(isType('welcome'));
  return agent;
}
type QueueFrame = Extract<AgentServerMessage, { type: 'queue' }>;
const queueOf = (agent: TestClient<AgentServerMessage>, waiting: number) => agent.next((f): f is QueueFrame => f.type === 'queue' && f.waiting === waiting);

it('refuses a handoff past the waiting visitors one address may have, by its id; other addresses and loopback still hand off', async () => {
  const server = await started();
  const a = await visitorFrom(server, '203.0.113.7');
  const b = await visitorFrom(server, '203.0.113.7');
  const c = await visitorFrom(server, '203.0.113.7');
  expect((await handoff(a.visitor, 'h1')).type).toBe('ack');
  expect((await handoff(b.visitor, 'h1')).type).toBe('ack');
  expect(await handoff(c.visitor, 'h1')).toEqual(refused('h1'));
  // Nothing of it reached the queue; the socket stays open.
  const agent = await agentOf(server);
  await queueOf(agent, 2);
  expect((await handoff(c.visitor, 'h1')).type).toBe('error');

  // An IPv6 client is one by its /64.
  const six = await Promise.all(['2001:db8:5:6::1', '2001:db8:5:6::2', '2001:db8:5:6:ffff::3'].map((address) => visitorFrom(server, address)));
  const answers = [];
  for (const { visitor } of six) answers.push((await handoff(visitor, 'h1')).type);
  expect(answers).toEqual(['ack', 'ack', 'error']);
  // Another address, and the proxy's own (loopback, which carries every client), are not held to theirs.
  expect((await handoff((await visitorFrom(server, '198.51.100.1')).visitor, 'h1')).type).toBe('ack');
  for (let i = 0; i < 3; i++) expect((await handoff((await visitorFrom(server, undefined)).visitor, 'h1')).type).toBe('ack');
});

it('frees a place when a waiting conversation is taken, closed, or its visitor has left', async () => {
  const server = await started({ visitorGoneMs: 300 });
  const agent = await agentOf(server);
  const [a, b, c] = await Promise.all([1, 2, 3].map(() => visitorFrom(server, '203.0.113.7')));
  const taken = await handoff(a!.visitor, 'h1');
  const closed = await handoff(b!.visitor, 'h1');
  expect(await handoff(c!.visitor, 'h1')).toEqual(refused('h1'));

  // Taken by an agent: the same handoff again (the widget's retry) goes.
  agent.send({ type: 'claim', id: 'k1', conversationId: taken.type === 'ack' ? taken.conversationId : '' });
  await agent.next((f) => f.type === 'ack' && f.id === 'k1');
  await a!.visitor.next((f) => f.type === 'status' && f.conversation.status === 'active');
  expect((await handoff(c!.visitor, 'h1')).type).toBe('ack');

  // Closed by an agent.
  const d = await visitorFrom(server, '203.0.113.7');
  expect(await handoff(d.visitor, 'h1')).toEqual(refused('h1'));
  agent.send({ type: 'close', id: 'x1', conversationId: closed.type === 'ack' ? closed.conversationId : '' });
  await agent.next((f) => f.type === 'ack' && f.id === 'x1');
  await b!.visitor.next((f) => f.type === 'status' && f.conversation.status === 'closed');
  expect((await handoff(d.visitor, 'h1')).type).toBe('ack');

  // Gone from the site: after the grace a next page would come back within, not at once.
  const e = await visitorFrom(server, '203.0.113.7');
  c!.visitor.close();
  await c!.visitor.closed;
  expect(await handoff(e.visitor, 'h1')).toEqual(refused('h1'));
  await new Promise((r) => setTimeout(r, 500));
  expect((await handoff(e.visitor, 'h1')).type).toBe('ack');
});

it('counts a visitor whose socket dropped and came back with their token once, and acks their resent handoff', async () => {
  const server = await started();
  const a = await visitorFrom(server, '203.0.113.7');
  expect((await handoff(a.visitor, 'h1')).type).toBe('ack');
  a.visitor.close();
  await a.visitor.closed;
  const back = await visitorFrom(server, '203.0.113.7', a.token);
  await back.visitor.next((f) => f.type === 'queue');
  // A second tab of theirs is the same visitor too.
  const tab = await visitorFrom(server, '203.0.113.7', a.token);
  await tab.visitor.next((f) => f.type === 'queue');

  const b = await visitorFrom(server, '203.0.113.7');
  expect((await handoff(b.visitor, 'h1')).type).toBe('ack');
  // Full now, but the visitor already waiting asks again (a lost ack), and is acked.
  expect((await handoff(back.visitor, 'h1')).type).toBe('ack');
  expect(await handoff((await visitorFrom(server, '203.0.113.7')).visitor, 'h1')).toEqual(refused('h1'));
});
