// Two windows of the site side by side, both visible, one visitor: window A shows an FAQ answer,
// window B asks for a person. No visibilitychange tells A (it never stopped being shown), so A
// hears of B's chat from the live-chat flag B sets (a storage event, fired here as the browser
// fires it in A), and a handoff A makes meanwhile must go as the same visitor, into B's
// conversation: two visitors' cards for one visitor left the agent's replies in one window only.
import { afterEach, beforeEach, expect, it, onTestFinished, vi } from 'vitest';
import { LIVE_CHAT_KEY, NAMED_KEY } from '../../contract';
import type { BotStep } from '../../../protocol/events';
import { FakeSocket } from '../net/fake-socket';
import { createSession } from './session';
import { memoryPersist } from './storage';
import { make, page, session, settled } from './session-test-kit';

const B_TOKEN = 'b'.repeat(32);
const answer: BotStep = { at: 5, body: { kind: 'bot.answer', faqId: 'villahuopa', question: 'Voinko vaihtaa villahuovan väriä?' } };
const joined = { seq: 2, id: 'j', at: 2, role: 'system', body: { kind: 'joined', agent: 'Aino' } } as const;
const reply = { seq: 3, id: 'r', at: 3, role: 'agent', name: 'Aino', body: { kind: 'text', text: 'Hei, minkä värinen huopa?' } } as const;

let windowB: ReturnType<typeof createSession> | undefined;
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  windowB?.dispose();
  session.dispose();
  vi.useRealTimers();
});

/** Window A: the visitor asked the FAQ and reads its answer (kept, as every interaction is). */
async function windowAReadsAnAnswer() {
  const persist = make();
  await session.restore();
  session.interacted();
  session.bot.restore([answer]);
  await vi.advanceTimersByTimeAsync(1_000);
  return persist;
}

/** Window B, opened beside A, asks for a person and is welcomed as a new visitor. */
async function windowBAsks(persist: ReturnType<typeof memoryPersist>) {
  windowB = createSession({ server: 'https://chat.example', lang: () => 'fi', page: () => page, WebSocket: FakeSocket, persist });
  await windowB.restore();
  windowB.handoff('asked_for_person');
  const b = FakeSocket.last();
  b.open();
  b.receive({ type: 'welcome', visitorId: 'vb', token: B_TOKEN, conversation: null, heartbeatMs: 0, staffed: true });
  await settled();
  return b;
}

/** What B's write did to the flag the loader reads, as window A hears it. */
const flagSet = () => void dispatchEvent(new StorageEvent('storage', { key: LIVE_CHAT_KEY, oldValue: null, newValue: '1' }));

it("takes up the chat window B started as B's live-chat flag goes up, and hears the agent's reply as the same visitor", async () => {
  const persist = await windowAReadsAnAnswer();
  const b = await windowBAsks(persist);
  const handoff = b.frames()[1]!;
  expect(handoff).toMatchObject({ type: 'handoff' });
  flagSet();
  await settled();

  // A leaves the FAQ for the chat, and listens as B's visitor (not as one of its own).
  expect(session.phase.value).toBe('chat');
  const a = FakeSocket.last();
  expect(a).not.toBe(b);
  a.open();
  expect(a.frames()[0]).toMatchObject({ type: 'hello', token: B_TOKEN });
  a.receive({ type: 'welcome', visitorId: 'vb', token: B_TOKEN, conversation: { id: 'k1', status: 'queued', lastSeq: 1, rated: false }, heartbeatMs: 0, staffed: true });
  await settled();
  // What B had on its way goes from A too, under the same id: the server stores it once.
  expect(a.frames().filter((f) => f.type === 'handoff').map((f) => f.id)).toEqual([handoff.id]);
  a.receive({ type: 'events', conversationId: 'k1', events: [joined, reply] });
  expect(session.conversation.id.value).toBe('k1');
  expect(session.conversation.unread.value).toBe(1);
});

it("joins B's conversation when the visitor asks for a person in A before A heard of it, never as a second visitor", async () => {
  const persist = await windowAReadsAnAnswer();
  const b = await windowBAsks(persist);
  b.receive({ type: 'ack', id: b.frames()[1]!.id, conversationId: 'k1', seq: 1 });
  b.receive({ type: 'events', conversationId: 'k1', events: [joined, reply] });
  await vi.advanceTimersByTimeAsync(1_000);
  expect(persist.saved).toMatchObject({ token: B_TOKEN, conversation: { id: 'k1', status: 'active' } });

  // In A, which heard nothing (the flag went up before B's conversation was known, or a storage
  // event was missed), the visitor answers "No" under the FAQ answer.
  session.handoff('no_answer');
  await settled();
  const a = FakeSocket.last();
  a.open();
  // Said hello as B's visitor, in B's conversation; A's own steps and handoff go into it.
  expect(a.frames()[0]).toMatchObject({ type: 'hello', token: B_TOKEN, conversationId: 'k1' });
  a.receive({ type: 'welcome', visitorId: 'vb', token: B_TOKEN, conversation: { id: 'k1', status: 'active', agent: { name: 'Aino' }, lastSeq: 3, rated: false }, heartbeatMs: 0, staffed: true });
  await settled();
  const sent = a.frames().find((f) => f.type === 'handoff');
  expect(sent).toMatchObject({ reason: 'no_answer', steps: [answer] });
  a.receive({ type: 'ack', id: sent!.id, conversationId: 'k1', seq: 4 });
  expect(session.conversation.id.value).toBe('k1');
  expect(session.conversation.status.value).toBe('active');
  // No socket of A's ever spoke as a visitor of its own.
  expect(FakeSocket.all.filter((s) => s !== b).flatMap((s) => s.frames()).filter((f) => f.type === 'hello' && f.token !== B_TOKEN)).toEqual([]);
  await vi.advanceTimersByTimeAsync(1_000);
  expect(persist.saved).toMatchObject({ token: B_TOKEN, conversation: { id: 'k1' } });
});

it("says hello again as B's visitor when A's socket was welcomed as a new one before A read what B kept", async () => {
  const persist = await windowAReadsAnAnswer();
  const b = await windowBAsks(persist);
  b.receive({ type: 'ack', id: b.frames()[1]!.id, conversationId: 'k1', seq: 1 });
  await vi.advanceTimersByTimeAsync(1_000);
  // A's reads wait (IndexedDB busy): its socket opens first, and the server takes it for a new visitor.
  const held: (() => void)[] = [];
  const save = persist.save;
  persist.save = (next) => new Promise<void>((resolve) => held.push(() => void save(next).then(resolve)));
  session.handoff('no_answer');
  const first = FakeSocket.last();
  first.open();
  first.receive({ type: 'welcome', visitorId: 'va', token: 'a'.repeat(32), conversation: null, heartbeatMs: 0, staffed: true });
  for (const done of held.splice(0)) done();
  await vi.advanceTimersByTimeAsync(2_000);
  // Nothing went as that visitor: the socket is let go, and the next says hello as B's.
  expect(first.frames().map((f) => f.type)).toEqual(['hello']);
  const a = FakeSocket.last();
  expect(a).not.toBe(first);
  a.open();
  expect(a.frames()[0]).toMatchObject({ type: 'hello', token: B_TOKEN, conversationId: 'k1' });
  a.receive({ type: 'welcome', visitorId: 'vb', token: B_TOKEN, conversation: { id: 'k1', status: 'queued', lastSeq: 1, rated: false }, heartbeatMs: 0, staffed: true });
  await settled();
  expect(a.frames().find((f) => f.type === 'handoff')).toMatchObject({ reason: 'no_answer', steps: [answer] });
  for (const done of held.splice(0)) done();
  await vi.advanceTimersByTimeAsync(1_000);
  expect(persist.saved).toMatchObject({ token: B_TOKEN, conversation: { id: 'k1' } });
});

it("asks anew as B's visitor when B's conversation has closed, without showing A the closed one", async () => {
  const persist = await windowAReadsAnAnswer();
  const b = await windowBAsks(persist);
  b.receive({ type: 'ack', id: b.frames()[1]!.id, conversationId: 'k1', seq: 1 });
  b.receive({ type: 'events', conversationId: 'k1', events: [joined, reply, { seq: 4, id: 'c', at: 4, role: 'system', body: { kind: 'closed', by: 'agent' } }] });
  await vi.advanceTimersByTimeAsync(1_000);
  expect(persist.saved).toMatchObject({ token: B_TOKEN, conversation: { id: 'k1', status: 'closed' } });
  session.handoff('no_answer');
  await settled();
  expect(session.conversation.id.value).toBeNull();
  const a = FakeSocket.last();
  a.open();
  expect(a.frames()[0]).toMatchObject({ type: 'hello', token: B_TOKEN });
  expect(a.frames()[0]).not.toHaveProperty('conversationId');
  a.receive({ type: 'welcome', visitorId: 'vb', token: B_TOKEN, conversation: null, heartbeatMs: 0, staffed: true });
  await settled();
  const sent = a.frames().find((f) => f.type === 'handoff');
  a.receive({ type: 'ack', id: sent!.id, conversationId: 'k2', seq: 1 });
  expect(session.conversation.id.value).toBe('k2');
  expect(session.conversation.status.value).toBe('queued');
});

it("takes up the chat of a customer who logged in in window B where A's page said nobody was logged in, rather than write over it as another person's", async () => {
  // Window A: a page of the site with nobody logged in; the visitor reads an FAQ answer there.
  const persist = make(memoryPersist(), () => undefined);
  await session.restore();
  session.identify();
  session.interacted();
  session.bot.restore([answer]);
  await vi.advanceTimersByTimeAsync(1_000);
  // Window B: Matti logs in on the site and asks for a person; his write raises both flags.
  windowB = createSession({ server: 'https://chat.example', lang: () => 'fi', page: () => page, visitor: () => ({ name: 'Matti', email: 'matti@example.fi' }), WebSocket: FakeSocket, persist });
  await windowB.restore();
  windowB.identify();
  windowB.handoff('asked_for_person');
  const b = FakeSocket.last();
  b.open();
  b.receive({ type: 'welcome', visitorId: 'vb', token: B_TOKEN, conversation: null, heartbeatMs: 0, staffed: true });
  await vi.advanceTimersByTimeAsync(1_000);
  b.receive({ type: 'ack', id: b.frames().find((f) => f.type === 'handoff')!.id, conversationId: 'k1', seq: 1 });
  await vi.advanceTimersByTimeAsync(1_000);
  expect(persist.saved).toMatchObject({ who: 'matti@example.fi', token: B_TOKEN });
  localStorage.setItem(NAMED_KEY, '1');
  onTestFinished(() => localStorage.clear());
  flagSet();
  await vi.advanceTimersByTimeAsync(1_000);

  // Matti's chat is still what is kept, and A shows it: the site's login is the browser's.
  expect(persist.saved).toMatchObject({ who: 'matti@example.fi', token: B_TOKEN, conversation: { id: 'k1' } });
  expect(session.phase.value).toBe('chat');
});

it("keeps its page's 'nobody logged in' through another key's storage event: only the flags going up say a customer logged in elsewhere", async () => {
  const persist = make(memoryPersist({ v: 1, who: 'matti@example.fi', token: B_TOKEN, conversation: { id: 'k1', status: 'active', events: [], lastSeq: 1, lastReadSeq: 1 } as never, outbox: [], steps: [] }), () => undefined);
  // The site's logout page: nobody is logged in, so Matti's chat is not this page's to take up.
  session.identify();
  await session.restore();
  localStorage.setItem(NAMED_KEY, '1');
  onTestFinished(() => localStorage.clear());
  dispatchEvent(new StorageEvent('storage', { key: 'some-other-key', oldValue: null, newValue: '1' }));
  session.interacted();
  session.bot.restore([answer]);
  await vi.advanceTimersByTimeAsync(1_000);
  expect(persist.saved).toMatchObject({ who: null, token: undefined });
  expect(session.phase.value).not.toBe('chat');
});
