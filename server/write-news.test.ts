// A write resent because its ack never came: the first server may have stored it and crashed
// before telling anyone, so the server the resend reaches tells everyone again, but never
// switches a visitor's widget back to a conversation it has left.
import { expect, it } from 'vitest';
import type { VisitorClientMessage } from '../protocol';
import { createMemoryBus, topics } from './bus';
import type { BusMessage } from './bus';
import { createConversations } from './conversations';
import { openSqliteStore } from './store/sqlite';
import { deferred } from './test-support';

const defer = deferred();
const aino = { id: 'aino', name: 'Aino' };
const handoff: Extract<VisitorClientMessage, { type: 'handoff' }> = { type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'fi', page: { url: 'https://x.example/', title: 'X' }, steps: [], visitor: {} };

/** A store and a bus as servers share them, one server's conversations, and what the visitor's widget and the conversation's followers hear. */
async function setUp() {
  const store = openSqliteStore(':memory:');
  const bus = createMemoryBus();
  const conversations = createConversations({ store, bus, queueDebounceMs: 60_000, queuePreviewMs: 60_000 });
  defer(
    () => store.close(),
    () => conversations.dispose(),
  );
  await store.createVisitor('v1', 'hash1', 1);
  const first = await conversations.handoff('v1', handoff).outcome;
  if (!first.ok) throw new Error(first.code);
  const widget: BusMessage[] = [];
  const followers: BusMessage[] = [];
  bus.subscribe(topics.visitor('v1'), (m) => void widget.push(m));
  bus.subscribe(topics.conversation(first.conversationId), (m) => void followers.push(m));
  return { store, conversations, conversationId: first.conversationId, widget, followers };
}

const texts = (heard: BusMessage[]) => heard.flatMap((m) => (m.kind === 'events' ? m.events.map((e) => (e.body.kind === 'text' ? `${e.seq}:${e.body.text}` : `${e.seq}`)) : []));

it('tells everyone of a message again when it is resent: its first server stored it and crashed before telling anyone', async () => {
  const { store, conversations, widget, followers } = await setUp();
  // Stored, never published: the first server died right after its commit.
  await store.visitorMessage('v1', { clientId: 'm1', at: 2, role: 'visitor', body: { kind: 'text', text: 'Hei' } });
  expect(await conversations.visitorMessage('v1', 'm1', 'Hei').outcome).toMatchObject({ ok: true, seq: 2 });
  expect(texts(followers)).toEqual(['2:Hei']);
  expect(texts(widget)).toEqual(['2:Hei']);
});

it("tells the agents of an agent's resent close, but not the visitor's widget, which shows the conversation they started since", async () => {
  const { conversations, conversationId, widget, followers } = await setUp();
  await conversations.claim(aino, 'k1', conversationId).outcome;
  await conversations.close(aino, 'x1', conversationId).outcome;
  const again = await conversations.handoff('v1', { ...handoff, id: 'h2' }).outcome;
  expect(again).toMatchObject({ ok: true });
  widget.length = 0;
  followers.length = 0;
  // The console never had its ack, and sends the close again when it is back.
  expect(await conversations.close(aino, 'x1', conversationId).outcome).toMatchObject({ ok: true, conversationId });
  expect(followers.map((m) => (m.kind === 'status' ? m.conversation.status : m.kind))).toEqual(['closed', 'events']);
  expect(widget).toEqual([]);
});
