// What reaches a visitor's topic: only events they may see. Agents' notes and the server's records
// go to agents alone, so one written in an old, closed conversation of the visitor cannot pull
// their widget back into that conversation.
import { expect, it } from 'vitest';
import type { VisitorServerMessage } from '../protocol';
import { createMemoryBus, topics } from './bus';
import type { BusMessage } from './bus';
import { createConversations } from './conversations';
import { openSqliteStore } from './store/sqlite';
import { connect, deferred, handoffInput, isType, PAGE, startTestServer, tempDir, visitorAndAgent, type TestClient } from './test-support';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const defer = deferred();

it("carries the visitor's messages, agents' replies, read marks and system events, and nothing agents keep to themselves", async () => {
  const store = openSqliteStore(':memory:');
  const bus = createMemoryBus();
  const conversations = createConversations({ store, bus, queueDebounceMs: 1, queuePreviewMs: 1 });
  defer(() => store.close(), () => conversations.dispose());
  const heard: BusMessage[] = [];
  bus.subscribe(topics.visitor('v1'), (message) => heard.push(message));
  const aino = { id: 'aino', name: 'Aino' };
  await store.createVisitor('v1', 'hash', 1);
  await store.handoff(handoffInput('v1', 'c1', 2));

  await conversations.claim(aino, 'k1', 'c1').outcome;
  await conversations.visitorMessage('v1', 'm1', 'Hei').outcome;
  await conversations.agentMessage(aino, 'a1', 'c1', 'Hei, autan mielelläni').outcome;
  await conversations.agentNote(aino, 'n1', 'c1', 'Asiakas soitti jo aamulla').outcome;
  await conversations.record('c1', 'seen.4', { kind: 'seen', through: 4 }, 5).outcome;
  await conversations.record('c1', 'emailed.4', { kind: 'emailed', to: 'matti@example.fi', replies: 1, through: 4 }, 6).outcome;
  await conversations.record('c1', 'read.3', { kind: 'read', through: 3 }, 7).outcome;
  await conversations.close(aino, 'x1', 'c1').outcome;

  const events = heard.flatMap((m) => (m.kind === 'events' ? m.events.map((e) => e.body.kind) : []));
  expect(events).toEqual(['joined', 'text', 'text', 'read', 'closed']);
  // Nothing left to tell: no empty message either.
  expect(heard.filter((m) => m.kind === 'events' && m.events.length === 0)).toEqual([]);
});

it('a note in an old closed conversation does not reach the visitor who is in a new one', async () => {
  const dir = await tempDir();
  const server = await startTestServer(dir.dir);
  defer(dir.remove, () => server.close());
  const { visitor, token, conversationId: old, agent } = await visitorAndAgent(server, defer);
  const acked = (id: string) => agent.next((f) => f.type === 'ack' && (f as { id: string }).id === id);
  agent.send({ type: 'claim', id: 'k1', conversationId: old });
  await acked('k1');
  agent.send({ type: 'msg', id: 'a1', conversationId: old, text: 'Vanha vastaus' });
  await acked('a1');
  agent.send({ type: 'close', id: 'c1', conversationId: old });
  await acked('c1');
  // Rated, the old conversation is behind the visitor: their next handoff opens a new one.
  visitor.send({ type: 'rate', id: 'r1', score: 5 });
  await visitor.next((f) => f.type === 'ack' && (f as { id: string }).id === 'r1');
  visitor.send({ type: 'handoff', id: 'h2', reason: 'no_answer', lang: 'fi', page: PAGE, steps: [] });
  const { conversationId: fresh } = (await visitor.next((f) => f.type === 'ack' && (f as { id: string }).id === 'h2')) as { conversationId: string };
  expect(fresh).not.toBe(old);
  visitor.close();

  // The visitor's next page, in the new conversation.
  const page2: TestClient<VisitorServerMessage> = await connect(server, '/ws/visitor');
  defer(() => page2.close());
  page2.send({ type: 'hello', lang: 'fi', page: PAGE, token, conversationId: fresh, afterSeq: 0 });
  expect((await page2.next(isType('welcome'))).conversation?.id).toBe(fresh);
  await pause(100);
  const before = page2.received.length;
  agent.send({ type: 'note', id: 'n1', conversationId: old, text: 'Asiakas soitti myöhemmin, asia hoidettu.' });
  await acked('n1');
  await pause(300);
  expect(page2.received.slice(before).filter((f) => f.type === 'events')).toEqual([]);

  // And the new conversation still reaches them, past a note in it too.
  agent.send({ type: 'claim', id: 'k2', conversationId: fresh });
  await acked('k2');
  agent.send({ type: 'note', id: 'n2', conversationId: fresh, text: 'Sama asiakas kuin eilen' });
  await acked('n2');
  agent.send({ type: 'msg', id: 'a2', conversationId: fresh, text: 'Hei taas!' });
  await acked('a2');
  const reply = await page2.next((f) => f.type === 'events' && f.events.some((e) => e.body.kind === 'text'));
  expect(reply).toMatchObject({ conversationId: fresh, events: [{ role: 'agent', body: { kind: 'text', text: 'Hei taas!' } }] });
  expect(page2.events(old)).toEqual([]);
  expect(page2.events(fresh).map((e) => e.body.kind)).not.toContain('note');
});
