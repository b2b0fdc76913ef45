// The relay without sockets: sessions driven with raw frames through fake connections.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE, LIMITS } from '../protocol';
import { agentSession, CLOSED_FOLLOWED } from './agent-socket';
import { createMemoryBus, topics } from './bus';
import { createConversations } from './conversations';
import { closesAt, nextOpening, parseOpeningHours, type OpeningHours } from './opening-hours';
import { createPresence } from './presence';
import { createVisitorPresence } from './visitor-presence';
import { createWaitEstimate } from './wait-estimate';
import { openSqliteStore } from './store/sqlite';
import type { Store } from './store/types';
import { hashToken } from './tokens';
import { visitorSession } from './visitor-socket';
import type { SocketDeps } from './socket-deps';

class FakeConn {
  sent: { type: string; [key: string]: unknown }[] = [];
  closedWith: number | null = null;
  send(message: object) {
    this.sent.push(message as { type: string });
  }
  close(code: number) {
    this.closedWith = code;
  }
  last(type: string) {
    return this.sent.filter((m) => m.type === type).at(-1);
  }
}

let store: Store;
let deps: SocketDeps;
let logged: unknown[];
const page = { url: 'https://kauppa.example/', title: 'Kauppa' };
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeEach(() => {
  store = openSqliteStore(':memory:');
  const bus = createMemoryBus();
  logged = [];
  deps = {
    store,
    bus,
    conversations: createConversations({ store, bus, queueDebounceMs: 1, queuePreviewMs: 1 }),
    presence: createPresence({ awayMs: 0, onAway: () => {} }),
    agentSessionEnd: async () => null,
    visitorPresence: createVisitorPresence(() => {}, 15_000),
    typicalWait: () => null,
    faqHas: (id) => id === 'returns-fi',
    emailsReplies: false,
    opensAt: () => undefined,
    closesAt: () => undefined,
    heartbeatMs: 10_000,
    helloTimeoutMs: 1000,
    closedVisibleMs: 60_000,
    rate: { perSecond: 20, burst: 40 },
    now: Date.now,
    log: (error) => logged.push(error),
  };
});
afterEach(() => {
  deps.presence.dispose();
  deps.visitorPresence.dispose();
  return store.close();
});

/** A logged-in agent and a visitor who has just handed off: the start of most stories here. */
async function handedOff() {
    await store.saveSession(hashToken('agent-token-0123456789'), { agent: { id: 'aino', name: 'Aino' }, expiresAt: Date.now() + 60_000 }, Date.now());
    const visitor = new FakeConn();
    const agent = new FakeConn();
    const v = visitorSession(visitor, deps);
    const a = agentSession(agent, deps);
    v.frame(JSON.stringify({ type: 'hello', lang: 'fi', page }));
    a.frame(JSON.stringify({ type: 'hello', token: 'agent-token-0123456789' }));
    await settle();
    v.frame(JSON.stringify({ type: 'handoff', id: 'h', reason: 'no_answer', lang: 'fi', page, steps: [] }));
    await settle();
    const conversationId = String(visitor.last('ack')?.conversationId);
  return { visitor, agent, v, a, conversationId };
}

describe('sessions over fake connections', () => {
  it('relays a handoff to an agent and the agent reply to the visitor', async () => {
    const { visitor, agent, v, a, conversationId } = await handedOff();
    expect(agent.last('queue')).toMatchObject({ conversations: [{ id: conversationId, status: 'queued' }] });
    a.frame(JSON.stringify({ type: 'claim', id: 'k', conversationId }));
    a.frame(JSON.stringify({ type: 'msg', id: 'm', conversationId, text: 'Hei!' }));
    await settle();
    expect(visitor.last('events')).toMatchObject({ events: [{ role: 'agent', name: 'Aino', body: { text: 'Hei!' } }] });
    expect(agent.sent.filter((m) => m.type === 'ack').map((m) => m.seq)).toEqual([2, 3]);
    v.closed();
    a.closed();
  });

  it('reads the store again when the bus says messages were lost, and sends what was missed once', async () => {
    const { visitor, agent, a, conversationId } = await handedOff();
    a.frame(JSON.stringify({ type: 'open', conversationId, afterSeq: 0 }));
    await settle();
    const visitorId = String(visitor.last('welcome')?.visitorId);
    // Changes whose bus messages never arrived (Redis was out of reach): straight to the store.
    const aino = { id: 'aino', name: 'Aino' };
    await store.claim(conversationId, aino, 'k-lost', 1);
    await store.append(conversationId, { clientId: 'a-lost', at: 2, role: 'agent', name: 'Aino', body: { kind: 'text', text: 'Kadonnut?' } }, { agentId: 'aino' });
    const before = { visitor: visitor.sent.length, agent: agent.sent.length };
    for (const topic of [topics.visitor(visitorId), topics.agents, topics.conversation(conversationId)]) deps.bus.publish(topic, { kind: 'resync' });
    await settle();
    const since = (conn: FakeConn, from: number) => conn.sent.slice(from);
    expect(since(visitor, before.visitor)).toEqual([
      { type: 'status', conversation: { id: conversationId, status: 'active', lastSeq: 3, rated: false, agent: { name: 'Aino' } } },
      // After seq 1, the last this socket sent: the visitor's resume point moves only across no gap.
      { type: 'events', conversationId, after: 1, events: [expect.objectContaining({ seq: 2, body: expect.objectContaining({ kind: 'joined' }) }), expect.objectContaining({ seq: 3 })] },
    ]);
    // The agent heard it on two topics and reads once: the queue, the summary, the missed events
    // (and whether the visitor is here, had that changed: the next test).
    expect(since(agent, before.agent).map((f) => f.type)).toEqual(['queue', 'summary', 'events']);
    expect(agent.last('queue')).toMatchObject({ conversations: [{ id: conversationId, status: 'active' }] });
    expect(agent.last('events')).toMatchObject({ events: [{ seq: 2 }, { seq: 3 }] });
  });

  it('tells a waiting visitor how many wait before them, until an agent takes them', async () => {
    // Lately visitors waited 1, 2 and 3 minutes; the claim below adds one of a few milliseconds.
    const waits = createWaitEstimate(deps.bus, [60_000, 120_000, 180_000]);
    deps.typicalWait = waits.typical;
    const { visitor: first, a, conversationId } = await handedOff();
    const second = new FakeConn();
    const s = visitorSession(second, deps);
    s.frame(JSON.stringify({ type: 'hello', lang: 'en', page }));
    await settle();
    s.frame(JSON.stringify({ type: 'handoff', id: 'h2', reason: 'asked_for_person', lang: 'en', page, steps: [] }));
    await settle();
    expect(first.sent.filter((m) => m.type === 'queue')).toEqual([{ type: 'queue', ahead: 0, typicalWaitMs: 120_000 }]);
    expect(second.last('queue')).toEqual({ type: 'queue', ahead: 1, typicalWaitMs: 120_000 });
    // The first is taken: the second is next, the short wait just measured counts, and the first hears no more of the queue.
    a.frame(JSON.stringify({ type: 'claim', id: 'k', conversationId }));
    await settle();
    expect(second.last('queue')).toEqual({ type: 'queue', ahead: 0, typicalWaitMs: 60_000 });
    expect(first.sent.filter((m) => m.type === 'queue')).toHaveLength(1);
    // A next page (a new socket) hears its place at once.
    const again = new FakeConn();
    visitorSession(again, deps).frame(JSON.stringify({ type: 'hello', lang: 'en', page, token: String(second.last('welcome')?.token) }));
    await settle();
    expect(again.last('queue')).toEqual({ type: 'queue', ahead: 0, typicalWaitMs: 60_000 });
    s.closed();
    waits.dispose();
  });

  it('tells a waiting visitor a typical wait that counts the visitors agents have passed over, still waiting', async () => {
    // Lately agents took visitors at once; four others have been waiting for 20 to 50 minutes.
    const waits = createWaitEstimate(deps.bus, [46, 46, 46]);
    deps.typicalWait = waits.typical;
    for (const [i, minutes] of [20, 30, 40, 50].entries()) {
      await store.createVisitor(`old${i}`, `hash-old${i}`, 1);
      await store.handoff({
        visitorId: `old${i}`, handoffId: `h-old${i}`, conversationId: `c-old${i}`, at: Date.now() - minutes * 60_000, lang: 'fi', page,
        reason: 'asked_for_person', visitor: {}, questions: [], botAnswers: [], events: [],
      });
    }
    const { visitor } = await handedOff();
    expect(visitor.last('queue')).toEqual({ type: 'queue', ahead: 4, typicalWaitMs: 20 * 60_000 });
    waits.dispose();
  });

  it('tells a visitor whose agent put them back in the queue that nobody is ahead of them: they wait at its top', async () => {
    const { visitor: older, a } = await handedOff();
    const newest = new FakeConn();
    const n = visitorSession(newest, deps);
    n.frame(JSON.stringify({ type: 'hello', lang: 'fi', page }));
    await settle();
    n.frame(JSON.stringify({ type: 'handoff', id: 'h2', reason: 'asked_for_person', lang: 'fi', page, steps: [] }));
    await settle();
    expect(newest.last('queue')).toEqual({ type: 'queue', ahead: 1 });
    // Aino takes the newest, and then returns it to the queue (or her console is gone too long).
    const conversationId = String(newest.last('ack')?.conversationId);
    a.frame(JSON.stringify({ type: 'claim', id: 'k', conversationId }));
    await settle();
    expect(older.last('queue')).toEqual({ type: 'queue', ahead: 0 });
    a.frame(JSON.stringify({ type: 'release', id: 'r', conversationId }));
    await settle();
    expect(newest.last('queue')).toEqual({ type: 'queue', ahead: 0 });
    expect(older.last('queue')).toEqual({ type: 'queue', ahead: 1 });
    n.closed();
  });

  it('works out where the waiting visitors are once per queue push, not once per visitor', async () => {
    const typicalWait = vi.fn(() => 3 * 60_000);
    deps.typicalWait = typicalWait;
    const waiting = Array.from({ length: 30 }, () => {
      const conn = new FakeConn();
      return { conn, session: visitorSession(conn, deps) };
    });
    for (const { session } of waiting) session.frame(JSON.stringify({ type: 'hello', lang: 'fi', page }));
    await settle();
    for (const [i, { session }] of waiting.entries()) session.frame(JSON.stringify({ type: 'handoff', id: `h${i}`, reason: 'no_answer', lang: 'fi', page, steps: [] }));
    await settle();
    const visitorIds = waiting.map(({ conn }) => String(conn.last('welcome')?.visitorId));
    // A push of the queue as every socket is handed it, the newest handoff now first (as if the
    // others had been returned to it), each conversation counting how often the sorting reads it.
    let reads = 0;
    const open = (await store.openConversations()).map((c) => {
      const counted = { ...c, queuedAt: -visitorIds.indexOf(c.visitorId) };
      return Object.defineProperty(counted, 'status', { enumerable: true, get: () => (reads++, c.status) });
    });
    typicalWait.mockClear();
    deps.bus.publish(topics.agents, { kind: 'queue', conversations: open });
    expect(waiting.map(({ conn }) => conn.last('queue'))).toEqual(waiting.map((_, i) => ({ type: 'queue', ahead: waiting.length - 1 - i, typicalWaitMs: 3 * 60_000 })));
    expect(typicalWait).toHaveBeenCalledTimes(1);
    expect(reads).toBeLessThanOrEqual(open.length);
    for (const { session } of waiting) session.closed();
  });

  it('lets a console go of the conversations it closed long ago, but not of the one it shows, nor of one it opens again', async () => {
    // Which conversations' topics have a listener, as the bus keeps them.
    const listening = new Map<string, number>();
    const bus = deps.bus;
    deps.bus = {
      ...bus,
      subscribe(topic, handler) {
        listening.set(topic, (listening.get(topic) ?? 0) + 1);
        const stop = bus.subscribe(topic, handler);
        let on = true;
        return () => {
          if (on) listening.set(topic, (listening.get(topic) ?? 1) - 1);
          on = false;
          stop();
        };
      },
    };
    const followed = () => [...listening].filter(([topic, n]) => topic.startsWith('conversation:') && n > 0).length;
    // Faster than the rate limit lets a person work.
    deps.rate = { perSecond: 1000, burst: 1000 };
    const { visitor, agent, v, a, conversationId: first } = await handedOff();
    const chat = async (i: number, conversationId: string) => {
      a.frame(JSON.stringify({ type: 'claim', id: `k${i}`, conversationId }));
      await settle();
      a.frame(JSON.stringify({ type: 'msg', id: `m${i}`, conversationId, text: 'Hei!' }));
      a.frame(JSON.stringify({ type: 'close', id: `x${i}`, conversationId }));
      await settle();
    };
    await chat(0, first);
    // The visitor rates the chat the agent has just closed, and still has on screen.
    v.frame(JSON.stringify({ type: 'rate', id: 'r0', score: 5 }));
    await settle();
    expect(agent.last('summary')).toMatchObject({ conversation: { id: first, status: 'closed', rating: { score: 5 } } });
    expect(agent.last('events')).toMatchObject({ conversationId: first, events: [{ body: { kind: 'rating', score: 5 } }] });
    // 25 more chats, each handed off, claimed and closed.
    for (let i = 1; i <= 25; i++) {
      v.frame(JSON.stringify({ type: 'handoff', id: `h${i}`, reason: 'no_answer', lang: 'fi', page, steps: [] }));
      await settle();
      await chat(i, String(visitor.last('ack')?.conversationId));
    }
    expect(followed()).toBe(CLOSED_FOLLOWED);
    // The first, opened again, is followed again, from the seq the console has.
    a.frame(JSON.stringify({ type: 'open', conversationId: first, afterSeq: 5 }));
    await settle();
    a.frame(JSON.stringify({ type: 'note', id: 'n1', conversationId: first, text: 'Asiakas oli tyytyväinen.' }));
    await settle();
    expect(agent.last('events')).toMatchObject({ conversationId: first, events: [{ seq: 6, body: { kind: 'note' } }] });
    expect(followed()).toBe(CLOSED_FOLLOWED);
    v.closed();
    a.closed();
    expect(followed()).toBe(0);
  });

  it('tells a console after an outage that its visitor left meanwhile, when the news was lost', async () => {
    deps.visitorPresence.dispose();
    // A leave after 30 ms whose announcement goes nowhere: as if Redis lost it.
    deps.visitorPresence = createVisitorPresence(() => {}, 30);
    const { agent, v, a, conversationId } = await handedOff();
    a.frame(JSON.stringify({ type: 'open', conversationId, afterSeq: 0 }));
    await settle();
    expect(agent.last('visitor')).toMatchObject({ conversationId, online: true });
    v.closed();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(agent.last('visitor')).toMatchObject({ online: true });
    deps.bus.publish(topics.agents, { kind: 'resync' });
    await settle();
    expect(agent.last('visitor')).toMatchObject({ conversationId, online: false, since: expect.any(Number) });
    a.closed();
  });

  it("tells the agents following a conversation whether its visitor is on the site", async () => {
    deps.visitorPresence.dispose();
    deps.visitorPresence = createVisitorPresence((visitorId, state) => void deps.conversations.visitorPresence(visitorId, state), 30);
    const { visitor, agent, v, a, conversationId } = await handedOff();
    a.frame(JSON.stringify({ type: 'open', conversationId, afterSeq: 0 }));
    await settle();
    expect(agent.last('visitor')).toMatchObject({ type: 'visitor', conversationId, online: true });
    v.closed();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(agent.last('visitor')).toMatchObject({ conversationId, online: false, since: expect.any(Number) });
    // Back on the site, with the same token.
    const back = visitorSession(new FakeConn(), deps);
    back.frame(JSON.stringify({ type: 'hello', lang: 'fi', page, token: String(visitor.last('welcome')?.token) }));
    await settle();
    expect(agent.last('visitor')).toMatchObject({ conversationId, online: true });
    back.closed();
    // Scaled out, every process announces the same leave: the console hears it once.
    const before = agent.sent.filter((m) => m.type === 'visitor').length;
    for (const since of [1, 2]) deps.bus.publish(topics.conversation(conversationId), { kind: 'visitor', conversationId, online: false, since });
    await settle();
    expect(agent.sent.filter((m) => m.type === 'visitor').slice(before)).toEqual([{ type: 'visitor', conversationId, online: false, since: 1 }]);
    a.closed();
  });

  it('tells a waiting visitor nobody is online while the only agent has paused new chats, and when they take them again', async () => {
    deps.presence = createPresence({ awayMs: 0, onAway: () => {}, unstaffedGraceMs: 40 });
    await store.saveSession(hashToken('agent-token-0123456789'), { agent: { id: 'aino', name: 'Aino' }, expiresAt: Date.now() + 60_000 }, Date.now());
    const a = agentSession(new FakeConn(), deps);
    a.frame(JSON.stringify({ type: 'hello', token: 'agent-token-0123456789' }));
    const visitor = new FakeConn();
    const v = visitorSession(visitor, deps);
    v.frame(JSON.stringify({ type: 'hello', lang: 'fi', page }));
    await settle();
    a.frame(JSON.stringify({ type: 'available', on: false }));
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(visitor.last('staffed')).toEqual({ type: 'staffed', on: false });
    a.frame(JSON.stringify({ type: 'available', on: true }));
    await settle();
    expect(visitor.last('staffed')).toEqual({ type: 'staffed', on: true });
    v.closed();
    a.closed();
  });

  it('tells a waiting visitor when nobody is online, and when someone comes back', async () => {
    deps.presence = createPresence({ awayMs: 0, onAway: () => {}, unstaffedGraceMs: 40 });
    const visitor = new FakeConn();
    const v = visitorSession(visitor, deps);
    v.frame(JSON.stringify({ type: 'hello', lang: 'fi', page }));
    await settle();
    // Right after a start, agents' consoles are still reconnecting: not yet "nobody".
    expect(visitor.last('welcome')).toMatchObject({ staffed: true });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(visitor.last('staffed')).toEqual({ type: 'staffed', on: false });
    await store.saveSession(hashToken('agent-token-0123456789'), { agent: { id: 'aino', name: 'Aino' }, expiresAt: Date.now() + 60_000 }, Date.now());
    const a = agentSession(new FakeConn(), deps);
    a.frame(JSON.stringify({ type: 'hello', token: 'agent-token-0123456789' }));
    await settle();
    expect(visitor.last('staffed')).toEqual({ type: 'staffed', on: true });
    // A console reload is not "nobody": within the grace, visitors hear nothing.
    a.closed();
    const b = agentSession(new FakeConn(), deps);
    b.frame(JSON.stringify({ type: 'hello', token: 'agent-token-0123456789' }));
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(visitor.sent.filter((m) => m.type === 'staffed')).toHaveLength(2);
    // A visitor who has left hears nothing more.
    v.closed();
    b.closed();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(visitor.sent.filter((m) => m.type === 'staffed')).toHaveLength(2);
  });

  it('tells a visitor the last agent left waiting in opening hours when the service opens again, as it closes', async () => {
    // Friday 27.11.2026 15:50 in Helsinki, open "ma-pe 9-16": the next opening is Monday 30.11. at 9.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.parse('2026-11-27T13:50:00Z') });
    // Commits run on setImmediate, which stays real.
    const io = async () => {
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    try {
      const hours = parseOpeningHours('ma-pe 9-16', 'Europe/Helsinki') as OpeningHours;
      deps.presence.dispose();
      deps.presence = createPresence({ awayMs: 0, onAway: () => {}, unstaffedGraceMs: 40 });
      deps.now = () => Date.now();
      deps.opensAt = () => nextOpening(hours, Date.now()) ?? undefined;
      deps.closesAt = () => closesAt(hours, Date.now()) ?? undefined;
      await store.saveSession(hashToken('agent-token-0123456789'), { agent: { id: 'aino', name: 'Aino' }, expiresAt: Date.now() + 3_600_000 }, Date.now());
      const a = agentSession(new FakeConn(), deps);
      a.frame(JSON.stringify({ type: 'hello', token: 'agent-token-0123456789' }));
      const visitor = new FakeConn();
      const v = visitorSession(visitor, deps);
      v.frame(JSON.stringify({ type: 'hello', lang: 'fi', page }));
      await io();
      expect(visitor.last('welcome')).toMatchObject({ staffed: true });
      a.closed();
      await vi.advanceTimersByTimeAsync(40);
      // Still open: only that nobody is online.
      expect(visitor.last('staffed')).toEqual({ type: 'staffed', on: false });
      await vi.advanceTimersByTimeAsync(10 * 60_000 - 41);
      expect(visitor.sent.filter((m) => m.type === 'staffed')).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(visitor.last('staffed')).toEqual({ type: 'staffed', on: false, opensAt: Date.parse('2026-11-30T07:00:00Z') });
      // Told once; nothing more over the weekend.
      await vi.advanceTimersByTimeAsync(2 * 24 * 3_600_000);
      expect(visitor.sent.filter((m) => m.type === 'staffed')).toHaveLength(2);
      // Monday 9.00 with still nobody online: the opening time, now past, is taken back …
      await vi.advanceTimersByTimeAsync(Date.parse('2026-11-30T07:00:00Z') - Date.now());
      expect(visitor.sent.filter((m) => m.type === 'staffed')).toHaveLength(3);
      expect(visitor.last('staffed')).toEqual({ type: 'staffed', on: false });
      // … and at 16.00 the visitor is told of Tuesday's.
      await vi.advanceTimersByTimeAsync(7 * 3_600_000);
      expect(visitor.last('staffed')).toEqual({ type: 'staffed', on: false, opensAt: Date.parse('2026-12-01T07:00:00Z') });
      v.closed();
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets any agent say which FAQ entry a closed conversation needed, and keeps it from the visitor', async () => {
    const { visitor, agent, v, a, conversationId } = await handedOff();
    a.frame(JSON.stringify({ type: 'open', conversationId, afterSeq: 0 }));
    await settle();
    // Opening sends the summary: a console reloaded on a closed conversation finds it so.
    expect(agent.last('summary')).toMatchObject({ conversation: { id: conversationId, status: 'queued' } });
    a.frame(JSON.stringify({ type: 'claim', id: 'k', conversationId }));
    a.frame(JSON.stringify({ type: 'close', id: 'x', conversationId }));
    await settle();
    const toVisitor = visitor.sent.length;
    a.frame(JSON.stringify({ type: 'faqMatch', id: 'f1', conversationId, faqId: 'returns-fi' }));
    await settle();
    expect(agent.last('ack')).toMatchObject({ id: 'f1', conversationId });
    expect(agent.last('summary')).toMatchObject({ conversation: { id: conversationId, status: 'closed', faqMatch: { faqId: 'returns-fi', agent: 'Aino' } } });
    expect(visitor.sent.slice(toVisitor)).toEqual([]);
    // An id the FAQ does not have is refused with a code the console can explain.
    a.frame(JSON.stringify({ type: 'faqMatch', id: 'f2', conversationId, faqId: 'gone-fi' }));
    await settle();
    expect(agent.last('error')).toMatchObject({ code: 'unknown_faq_entry', id: 'f2' });
    // No entry fits: said as null.
    a.frame(JSON.stringify({ type: 'faqMatch', id: 'f3', conversationId, faqId: null }));
    await settle();
    expect((await store.conversation(conversationId))?.faqMatch).toMatchObject({ faqId: null, agent: 'Aino' });
    v.closed();
    a.closed();
  });

  it("keeps agents' notes from the visitor, live and on reconnect, without holding up what follows", async () => {
    const { visitor, agent, v, a, conversationId } = await handedOff();
    a.frame(JSON.stringify({ type: 'open', conversationId, afterSeq: 0 }));
    a.frame(JSON.stringify({ type: 'claim', id: 'k', conversationId }));
    await settle();
    const toVisitor = visitor.sent.length;
    a.frame(JSON.stringify({ type: 'note', id: 'n1', conversationId, text: 'Asiakas soitti jo aamulla' }));
    await settle();
    expect(agent.last('ack')).toMatchObject({ id: 'n1', conversationId, seq: 3 });
    expect(agent.last('events')).toMatchObject({ events: [{ seq: 3, role: 'agent', name: 'Aino', body: { kind: 'note', text: 'Asiakas soitti jo aamulla' } }] });
    expect(visitor.sent.slice(toVisitor)).toEqual([]);
    a.frame(JSON.stringify({ type: 'msg', id: 'm1', conversationId, text: 'Hei, autan mielelläni' }));
    await settle();
    // After seq 2: the note (3) is no gap for the visitor.
    expect(visitor.sent.slice(toVisitor)).toEqual([{ type: 'events', conversationId, after: 2, events: [expect.objectContaining({ seq: 4, body: { kind: 'text', text: 'Hei, autan mielelläni' } })] }]);
    a.frame(JSON.stringify({ type: 'note', id: 'n2', conversationId, text: 'Lupasin hyvityksen' }));
    await settle();
    // The visitor's other tab, or a reload, reads the whole conversation from the store.
    const token = String(visitor.last('welcome')?.token);
    const again = new FakeConn();
    const v2 = visitorSession(again, deps);
    v2.frame(JSON.stringify({ type: 'hello', token, conversationId, afterSeq: 0, lang: 'fi', page }));
    await settle();
    const replayed = again.sent.filter((m) => m.type === 'events').flatMap((m) => m.events as { seq: number }[]);
    expect(replayed.map((e) => e.seq)).toEqual([1, 2, 4]);
    expect(JSON.stringify(again.sent)).not.toContain('hyvityksen');
    expect(JSON.stringify(visitor.sent)).not.toMatch(/aamulla|hyvityksen/);
    // An agent who does not have the conversation may note on it too.
    await store.saveSession(hashToken('eero-token-0123456789'), { agent: { id: 'eero', name: 'Eero' }, expiresAt: Date.now() + 60_000 }, Date.now());
    const eero = new FakeConn();
    const e = agentSession(eero, deps);
    e.frame(JSON.stringify({ type: 'hello', token: 'eero-token-0123456789' }));
    await settle();
    e.frame(JSON.stringify({ type: 'note', id: 'n3', conversationId, text: 'Tunnen asiakkaan' }));
    await settle();
    expect(eero.last('ack')).toMatchObject({ id: 'n3', seq: 6 });
    expect(agent.last('events')).toMatchObject({ events: [{ seq: 6, name: 'Eero', body: { kind: 'note' } }] });
    v.closed();
    v2.closed();
    a.closed();
    e.closed();
  });

  it('passes a conversation to a colleague who is online, tells every console who is, and refuses one who is not', async () => {
    const { visitor, agent, v, a, conversationId } = await handedOff();
    expect(agent.last('colleagues')).toEqual({ type: 'colleagues', agents: [{ id: 'aino', name: 'Aino', available: true }] });
    await store.saveSession(hashToken('eero-token-0123456789'), { agent: { id: 'eero', name: 'Eero' }, expiresAt: Date.now() + 60_000 }, Date.now());
    const eero = new FakeConn();
    const e = agentSession(eero, deps);
    e.frame(JSON.stringify({ type: 'hello', token: 'eero-token-0123456789' }));
    await settle();
    const both = [{ id: 'aino', name: 'Aino', available: true }, { id: 'eero', name: 'Eero', available: true }];
    expect(agent.last('colleagues')).toEqual({ type: 'colleagues', agents: both });
    expect(eero.last('colleagues')).toEqual({ type: 'colleagues', agents: both });
    e.frame(JSON.stringify({ type: 'available', on: false }));
    await settle();
    expect(agent.last('colleagues')?.agents).toEqual([both[0], { ...both[1], available: false }]);

    a.frame(JSON.stringify({ type: 'claim', id: 'k', conversationId }));
    a.frame(JSON.stringify({ type: 'pass', id: 'p1', conversationId, to: 'liisa' }));
    await settle();
    expect(agent.last('error')).toMatchObject({ code: 'agent_offline', id: 'p1' });
    a.frame(JSON.stringify({ type: 'pass', id: 'p2', conversationId, to: 'eero' }));
    await settle();
    expect(agent.last('ack')).toMatchObject({ id: 'p2', conversationId });
    expect(visitor.last('events')).toMatchObject({ events: [{ role: 'system', body: { kind: 'joined', agent: 'Eero', from: 'Aino', passed: true } }] });
    expect((await store.conversation(conversationId))?.agent).toEqual({ id: 'eero', name: 'Eero' });
    // Eero's console closes: Aino's hears he is gone.
    e.closed();
    await settle();
    expect(agent.last('colleagues')?.agents).toEqual([both[0]]);
    v.closed();
    a.closed();
  });

  it('gives a conversation to one of two agents taking it over from the same colleague at once, and tells the other it is taken', async () => {
    const { visitor, a, conversationId } = await handedOff();
    // Aino has the conversation, and has left without returning it.
    a.frame(JSON.stringify({ type: 'claim', id: 'k', conversationId }));
    await settle();
    const login = async (id: string, name: string) => {
      const token = `${id}-token-0123456789`;
      await store.saveSession(hashToken(token), { agent: { id, name }, expiresAt: Date.now() + 60_000 }, Date.now());
      const conn = new FakeConn();
      const session = agentSession(conn, deps);
      session.frame(JSON.stringify({ type: 'hello', token }));
      await settle();
      return { conn, session };
    };
    const veera = await login('veera', 'Veera-Maria');
    const liisa = await login('liisa', 'Liisa');
    // Both click "Take over from Aino" at the same moment.
    veera.session.frame(JSON.stringify({ type: 'claim', id: 't1', conversationId, takeover: true, from: 'aino' }));
    liisa.session.frame(JSON.stringify({ type: 'claim', id: 't2', conversationId, takeover: true, from: 'aino' }));
    await settle();
    expect(veera.conn.last('ack')).toMatchObject({ id: 't1', conversationId });
    expect(liisa.conn.last('error')).toMatchObject({ code: 'already_claimed', id: 't2' });
    expect(liisa.conn.last('ack')).toBeUndefined();
    // The visitor sees one agent join after Aino, not two.
    const joins = visitor.sent.filter((m) => m.type === 'events').flatMap((m) => (m.events as { body: { kind: string; agent?: string } }[]).filter((e) => e.body.kind === 'joined'));
    expect(joins.map((e) => e.body.agent)).toEqual(['Aino', 'Veera-Maria']);
    veera.session.closed();
    liisa.session.closed();
  });

  it("answers an agent's search with the matching conversations, and refuses a query too short to mean anything", async () => {
    const { agent, v, a, conversationId } = await handedOff();
    v.frame(JSON.stringify({ type: 'msg', id: 'm-1', text: 'Tilausnumero 98765' }));
    await settle();
    a.frame(JSON.stringify({ type: 'search', query: ' 98765 ' }));
    await settle();
    expect(agent.last('search')).toMatchObject({ type: 'search', query: '98765', conversations: [{ id: conversationId }] });
    a.frame(JSON.stringify({ type: 'search', query: 'x' }));
    await settle();
    expect(agent.last('error')).toMatchObject({ code: 'bad_message' });
    v.closed();
    a.closed();
  });

  it('pushes the queue soon after a handoff but coalesces message previews', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    // Commits run on setImmediate, which stays real.
    const io = async () => {
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    try {
      const bus = createMemoryBus();
      const conversations = createConversations({ store, bus, queueDebounceMs: 50, queuePreviewMs: 1000 });
      const pushes: string[][] = [];
      bus.subscribe('agents', (m) => m.kind === 'queue' && pushes.push(m.conversations.map((c) => c.lastText ?? '-')));
      const visitor = new FakeConn();
      const v = visitorSession(visitor, { ...deps, bus, conversations });
      v.frame(JSON.stringify({ type: 'hello', lang: 'fi', page }));
      await io();
      v.frame(JSON.stringify({ type: 'handoff', id: 'h', reason: 'no_answer', lang: 'fi', page, steps: [] }));
      await io();
      await vi.advanceTimersByTimeAsync(50);
      await io();
      expect(pushes).toEqual([['-']]);
      for (const id of ['a', 'b', 'c']) v.frame(JSON.stringify({ type: 'msg', id, text: `viesti ${id}` }));
      await io();
      await vi.advanceTimersByTimeAsync(900);
      await io();
      expect(pushes).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(100);
      await io();
      expect(pushes).toEqual([['-'], ['viesti c']]);
      v.closed();
      conversations.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives bot steps ids no client id can take, within the id limit', async () => {
    const conn = new FakeConn();
    const v = visitorSession(conn, deps);
    v.frame(JSON.stringify({ type: 'hello', lang: 'fi', page }));
    await settle();
    const step = { at: 1, body: { kind: 'bot.query', query: 'hei', decision: 'none', results: [] } };
    v.frame(JSON.stringify({ type: 'handoff', id: 'm', reason: 'no_answer', lang: 'fi', page, steps: [step] }));
    v.frame(JSON.stringify({ type: 'msg', id: 'm-0', text: 'not a duplicate of the first step' }));
    await settle();
    expect(conn.sent.filter((m) => m.type === 'ack').map((m) => m.seq)).toEqual([2, 3]);
    const long = 'x'.repeat(64);
    v.frame(JSON.stringify({ type: 'handoff', id: long, reason: 'no_answer', lang: 'fi', page, steps: [step] }));
    await settle();
    const ids = conn.sent.flatMap((m) => (m.type === 'events' ? (m.events as { id: string }[]).map((e) => e.id) : []));
    expect(ids.every((id) => id.length <= LIMITS.clientId)).toBe(true);
    v.closed();
  });

  it('does not subscribe a socket that closed while its hello was reading the store', async () => {
    const subscribed: number[] = [];
    const bus = createMemoryBus();
    const counting = { ...bus, subscribe: (topic: string, handler: Parameters<typeof bus.subscribe>[1]) => (subscribed.push(1), bus.subscribe(topic, handler)) };
    const v = visitorSession(new FakeConn(), { ...deps, bus: counting });
    v.frame(JSON.stringify({ type: 'hello', lang: 'fi', page }));
    v.closed();
    await settle();
    expect(subscribed).toEqual([]);
  });

  it('shows a closed, unrated conversation to its visitor for a while, then starts fresh', async () => {
    const { visitor, agent, v, a, conversationId } = await handedOff();
    a.frame(JSON.stringify({ type: 'claim', id: 'k', conversationId }));
    a.frame(JSON.stringify({ type: 'close', id: 'x', conversationId }));
    await settle();
    const token = String(visitor.last('welcome')?.token);
    const hello = async (now: number) => {
      const conn = new FakeConn();
      const session = visitorSession(conn, { ...deps, now: () => now });
      session.frame(JSON.stringify({ type: 'hello', token, lang: 'fi', page }));
      await settle();
      session.closed();
      return conn.last('welcome')?.conversation;
    };
    expect(await hello(Date.now())).toMatchObject({ id: conversationId, status: 'closed', rated: false });
    expect(await hello(Date.now() + 61_000)).toBeNull();
    v.closed();
    a.closed();
  });

  it('closes a socket that never says hello', () => {
    vi.useFakeTimers();
    try {
      const conn = new FakeConn();
      visitorSession(conn, deps);
      vi.advanceTimersByTime(1001);
      expect(conn.last('error')).toMatchObject({ code: 'hello_required' });
      expect(conn.closedWith).toBe(CLOSE.helloRequired);
    } finally {
      vi.useRealTimers();
    }
  });

  it('turns an unexpected failure into a coded internal error without details', async () => {
    const conn = new FakeConn();
    const broken = { ...deps, store: { ...store, visitorByTokenHash: () => Promise.reject(new Error('disk on fire')) } };
    visitorSession(conn, broken).frame(JSON.stringify({ type: 'hello', token: 't'.repeat(40), lang: 'fi', page }));
    await settle();
    expect(conn.last('error')).toEqual({ type: 'error', code: 'internal', message: 'Something went wrong on the server.' });
    expect(conn.closedWith).toBe(CLOSE.internal);
    expect(logged).toHaveLength(1);
  });

  it("logs a store's refusal of the page a returning visitor is on, and goes on: unhandled, it would end the process", async () => {
    const { visitor, v, a } = await handedOff();
    const token = String(visitor.last('welcome')?.token);
    // PostgreSQL's jsonb, say, refusing something in the page: the rejection the socket does not await.
    const refused = new Error('unsupported Unicode escape sequence');
    const broken = { ...store, updateVisitor: () => Promise.reject(refused) };
    const conversations = createConversations({ store: broken, bus: deps.bus, queueDebounceMs: 1, queuePreviewMs: 1 });
    const conn = new FakeConn();
    const next = visitorSession(conn, { ...deps, store: broken, conversations });
    next.frame(JSON.stringify({ type: 'hello', token, lang: 'fi', page: { url: 'https://kauppa.example/kassa', title: 'Kassa' } }));
    await settle();
    expect(conn.last('welcome')).toMatchObject({ conversation: { status: 'queued' } });
    expect(logged).toEqual([refused]);
    expect(conn.closedWith).toBeNull();
    next.closed();
    v.closed();
    a.closed();
  });

  it('shows agents the page a single-page app moved on to, from the typing or message that says it', async () => {
    const { visitor, agent, v, a, conversationId } = await handedOff();
    a.frame(JSON.stringify({ type: 'open', conversationId, afterSeq: 0 }));
    await settle();
    expect(agent.last('summary')).toMatchObject({ conversation: { page } });
    expect(agent.last('summary')?.conversation).not.toHaveProperty('nowOn');
    // history.pushState: no new hello, so the widget says it with what it sends next.
    const checkout = { url: 'https://kauppa.example/spa/kassa/maksu', title: 'Kassa' };
    v.frame(JSON.stringify({ type: 'typing', on: true, page: checkout }));
    await settle();
    expect(agent.last('typing')).toMatchObject({ conversationId, on: true });
    expect(agent.last('summary')).toMatchObject({ conversation: { page, nowOn: checkout } });
    const delivery = { url: 'https://kauppa.example/spa/kassa/toimitus', title: 'Toimitus' };
    v.frame(JSON.stringify({ type: 'msg', id: 'm1', text: 'Toimitatteko Ouluun?', page: delivery }));
    await settle();
    expect(visitor.last('ack')).toMatchObject({ id: 'm1', conversationId });
    expect(agent.last('summary')).toMatchObject({ conversation: { page, nowOn: delivery } });
    // Where the email's link back goes.
    const visitorId = String(visitor.last('welcome')?.visitorId);
    expect((await store.currentConversation(visitorId))?.nowOn).toEqual(delivery);
    // Checked as a hello's page is: not an http(s) page, the message is refused with its id.
    v.frame(JSON.stringify({ type: 'msg', id: 'm2', text: 'Hei', page: { url: 'javascript:alert(1)', title: '' } }));
    expect(visitor.last('error')).toMatchObject({ code: 'bad_message', id: 'm2' });
    v.closed();
    a.closed();
  });

  it('echoes the client id of an invalid message', async () => {
    const conn = new FakeConn();
    const v = visitorSession(conn, deps);
    v.frame(JSON.stringify({ type: 'hello', lang: 'fi', page }));
    await settle();
    v.frame(JSON.stringify({ type: 'msg', id: 'c-1', text: '' }));
    expect(conn.last('error')).toMatchObject({ code: 'bad_message', id: 'c-1' });
    v.closed();
  });
});
