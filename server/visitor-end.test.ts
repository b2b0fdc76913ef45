// "End chat": the visitor ends their own conversation over their socket, queued or active. Agents
// see it closed by the visitor at once, and it leaves the queue, as an agent's close does.
import { expect, it } from 'vitest';
import type { AgentServerMessage, VisitorServerMessage } from '../protocol';
import { connect, deferred, isType, startTestServer, tempDir, until, visitorAndAgent, waitingVisitor, webhookReceiver, type TestClient } from './test-support';

const defer = deferred();

async function started(overrides: Parameters<typeof startTestServer>[1] = {}) {
  const dir = await tempDir();
  const server = await startTestServer(dir.dir, overrides);
  defer(dir.remove, () => server.close());
  return server;
}

type QueueFrame = Extract<AgentServerMessage, { type: 'queue' }>;
const queueWith = (agent: TestClient<AgentServerMessage>, listed: (ids: string[]) => boolean) =>
  agent.next((f): f is QueueFrame => f.type === 'queue' && listed(f.conversations.map((c) => c.id)));
const answerTo = (client: TestClient<VisitorServerMessage>, id: string) =>
  client.next((f): f is Extract<VisitorServerMessage, { type: 'ack' | 'error' }> => (f.type === 'ack' || f.type === 'error') && f.id === id);

it('closes the active conversation by the visitor: the agent sees it at once, the queue drops it, a resend is acked once', async () => {
  const server = await started();
  const { visitor, conversationId, agent } = await visitorAndAgent(server, defer);
  agent.send({ type: 'claim', id: 'k1', conversationId });
  await agent.next((f) => f.type === 'ack' && f.id === 'k1');
  agent.send({ type: 'open', conversationId, afterSeq: 0 });
  await queueWith(agent, (ids) => ids.includes(conversationId));

  // What they wrote just before reaches the agent before the close.
  visitor.send({ type: 'msg', id: 'm1', text: 'Löysin jo vastauksen, kiitos!' });
  visitor.send({ type: 'end', id: 'e1', conversationId });
  const message = await answerTo(visitor, 'm1');
  const ended = await answerTo(visitor, 'e1');
  expect(ended).toMatchObject({ type: 'ack', conversationId });
  expect(message.type === 'ack' && ended.type === 'ack' && message.seq < ended.seq).toBe(true);

  const closed = await agent.next((f) => f.type === 'events' && f.conversationId === conversationId && f.events.some((e) => e.body.kind === 'closed'));
  expect(closed.type === 'events' && closed.events.find((e) => e.body.kind === 'closed')?.body).toEqual({ kind: 'closed', by: 'visitor' });
  await queueWith(agent, (ids) => !ids.includes(conversationId));
  // The visitor's widget hears it like an agent's close: the status and the event.
  await visitor.next((f) => f.type === 'status' && f.conversation.id === conversationId && f.conversation.status === 'closed');
  await visitor.next((f) => f.type === 'events' && f.events.some((e) => e.body.kind === 'closed'));

  // The same frame again (its ack was lost): acked with the same place, nothing closed twice.
  visitor.send({ type: 'end', id: 'e1', conversationId });
  expect(await answerTo(visitor, 'e1')).toEqual(ended);
  // Another "End chat" of the closed conversation: refused with the protocol's code.
  visitor.send({ type: 'end', id: 'e2', conversationId });
  expect(await answerTo(visitor, 'e2')).toMatchObject({ type: 'error', code: 'conversation_closed', id: 'e2' });
  await new Promise((r) => setTimeout(r, 150));
  expect(agent.events(conversationId).filter((e) => e.body.kind === 'closed')).toHaveLength(1);
});

it('takes a queued conversation out of the queue, before anyone claimed it', async () => {
  const server = await started();
  const { visitor, conversationId, agent } = await visitorAndAgent(server, defer);
  await queueWith(agent, (ids) => ids.includes(conversationId));
  visitor.send({ type: 'end', id: 'e1', conversationId });
  expect(await answerTo(visitor, 'e1')).toMatchObject({ type: 'ack', conversationId });
  const queue = await queueWith(agent, (ids) => !ids.includes(conversationId));
  expect(queue.waiting).toBe(0);
  // Nobody can take it any more.
  agent.send({ type: 'claim', id: 'k1', conversationId });
  expect(await agent.next((f) => f.type === 'error' && f.id === 'k1')).toMatchObject({ code: 'conversation_closed' });
});

it("tells the site's webhook the visitor closed it, once for a resent frame", async () => {
  const site = await webhookReceiver();
  defer(site.close);
  const server = await started({ webhook: { url: site.url, secret: 's'.repeat(32) } });
  const { visitor, conversationId } = await waitingVisitor(server, defer, 1);
  for (const id of ['e1', 'e1']) {
    visitor.send({ type: 'end', id, conversationId });
    await answerTo(visitor, id);
  }
  await until(() => site.received.some((r) => r.headers['x-kohtaamo-event'] === 'conversation.closed'));
  await new Promise((r) => setTimeout(r, 150));
  const closes = site.received.filter((r) => r.headers['x-kohtaamo-event'] === 'conversation.closed').map((r) => (JSON.parse(r.body) as { text: string }).text);
  expect(closes).toEqual(['The conversation with a visitor was closed by the visitor.']);
});

it("does not let a visitor end someone else's conversation", async () => {
  const server = await started();
  const { conversationId: theirs, agent } = await visitorAndAgent(server, defer);
  const { visitor: other } = await waitingVisitor(server, defer, 2);
  other.send({ type: 'end', id: 'e1', conversationId: theirs });
  expect(await answerTo(other, 'e1')).toMatchObject({ type: 'error', code: 'not_found', id: 'e1' });
  agent.send({ type: 'claim', id: 'k1', conversationId: theirs });
  expect(await agent.next((f) => f.type === 'ack' && f.id === 'k1')).toMatchObject({ conversationId: theirs });
});

it('refuses a malformed end as a bad message, answered by its id', async () => {
  const server = await started();
  const visitor = await connect(server, '/ws/visitor');
  defer(() => visitor.close());
  visitor.send({ type: 'hello', lang: 'fi', page: { url: 'https://kauppa.example/', title: 'Kauppa' } });
  await visitor.next(isType('welcome'));
  visitor.send({ type: 'end', id: 'e1' });
  expect(await visitor.next(isType('error'))).toMatchObject({ code: 'bad_message', id: 'e1' });
});
