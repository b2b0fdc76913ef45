import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VisitorEvent } from '../../../protocol/events';
import { FakeSocket } from '../net/fake-socket';
import type { SavedConversation } from './conversation';
import { over, resending } from './kept';
import type { OutboxItem } from './outbox';
import { createSession } from './session';
import { settled } from './session-test-kit';
import { memoryPersist } from './storage';

const HOUR = 3_600_000;
const NOW = 100 * HOUR;
const closedAt = (at: number, rated = false): SavedConversation => ({
  id: 'k1',
  events: [{ seq: 1, id: 'c', at, role: 'system', body: { kind: 'closed', by: 'agent' } }],
  status: 'closed',
  rated,
  lastReadSeq: 0,
});

describe('a conversation a later page finds', () => {
  it('is shown again, for its rating or to be read, until its last event is older than the time kept', () => {
    for (const rated of [false, true]) {
      expect(over(closedAt(NOW - HOUR, rated), NOW, HOUR)).toBe(false);
      expect(over(closedAt(NOW - HOUR - 1, rated), NOW, HOUR)).toBe(true);
    }
  });

  it('is never over while it goes on, however old its last event', () => {
    expect(over({ ...closedAt(0), status: 'active' }, NOW, HOUR)).toBe(false);
  });

  it("counts the time kept from when this browser heard of its close, by its own clock, not by the server's time on it", () => {
    // The visitor's clock 2 h fast: the close, stamped by the server, heard at NOW.
    const heard = { ...closedAt(NOW - 2 * HOUR, true), heardAt: NOW };
    expect(over(heard, NOW + HOUR, HOUR)).toBe(false);
    expect(over(heard, NOW + HOUR + 1, HOUR)).toBe(true);
  });
});

describe("a rated conversation, the next page, on a visitor's computer whose clock is wrong", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const page = { url: 'https://kauppa.example/', title: 'Kauppa' };
  const SERVER = Date.UTC(2026, 10, 24, 12, 0);
  const open = (persist: ReturnType<typeof memoryPersist>) => createSession({ server: 'https://chat.example', lang: () => 'fi', page: () => page, WebSocket: FakeSocket, persist });

  /** Aino gives a return code and closes; the visitor rates. The server's clock says SERVER, the visitor's SERVER + `skew`. */
  async function rated(skew: number) {
    vi.setSystemTime(SERVER + skew);
    FakeSocket.all = [];
    const persist = memoryPersist();
    const session = open(persist);
    session.handoff('asked_for_person');
    const s = FakeSocket.last();
    s.open();
    s.receive({ type: 'welcome', visitorId: 'v1', token: 'k'.repeat(32), conversation: null, heartbeatMs: 0, staffed: true });
    await settled();
    s.receive({ type: 'ack', id: s.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    const at = (seq: number, role: VisitorEvent['role'], body: VisitorEvent['body']): VisitorEvent => ({ seq, id: `e${seq}`, at: SERVER, role, body, ...(role === 'agent' ? { name: 'Aino' } : {}) });
    s.receive({ type: 'events', conversationId: 'k1', events: [at(2, 'system', { kind: 'joined', agent: 'Aino' }), at(3, 'agent', { kind: 'text', text: 'Palautuskoodisi on R-4711' }), at(4, 'system', { kind: 'closed', by: 'agent' })] });
    // Closed, the socket went; the rating opens one of its own.
    session.rate(5);
    const r = FakeSocket.last();
    r.open();
    r.receive({ type: 'welcome', visitorId: 'v1', token: 'k'.repeat(32), conversation: { id: 'k1', status: 'closed', lastSeq: 4, rated: false }, heartbeatMs: 0, staffed: true });
    r.receive({ type: 'ack', id: r.frames().find((f) => f.type === 'rate')!.id, conversationId: 'k1', seq: 5 });
    r.receive({ type: 'events', conversationId: 'k1', events: [at(5, 'visitor', { kind: 'rating', score: 5 })] });
    vi.advanceTimersByTime(1_000);
    session.dispose();
    return persist;
  }
  /** The next page, `later` ms on: what it shows. */
  async function reloaded(persist: ReturnType<typeof memoryPersist>, later: number) {
    vi.advanceTimersByTime(later);
    const next = open(persist);
    await next.restore();
    const shown = { phase: next.phase.value, texts: next.conversation.events.value.flatMap((e) => (e.body.kind === 'text' ? [e.body.text] : [])) };
    next.dispose();
    return shown;
  }

  // README, Security and privacy: after the hour, the transcript goes from the browser on the
  // first page where the app comes, without the visitor doing anything there.
  it('is written over, transcript, steps and all, by the first page after the hour', async () => {
    const persist = await rated(0);
    vi.advanceTimersByTime(59 * 60_000);
    const within = open(persist);
    await within.restore();
    vi.advanceTimersByTime(1_000);
    within.dispose();
    expect(JSON.stringify(persist.saved)).toContain('R-4711');
    vi.advanceTimersByTime(2 * 60_000);
    const after = open(persist);
    await after.restore();
    vi.advanceTimersByTime(1_000);
    after.dispose();
    expect(JSON.stringify(persist.saved)).not.toContain('R-4711');
    expect(persist.saved).toMatchObject({ token: 'k'.repeat(32), conversation: { id: null, events: [] }, steps: [], outbox: [] });
  });

  for (const [clock, skew] of [['right', 0], ['1 h fast', HOUR], ['3 h fast', 3 * HOUR], ['3 h slow', -3 * HOUR]] as const) {
    it(`is there to be read again for the hour, and then over: clock ${clock}`, async () => {
      const persist = await rated(skew);
      expect(await reloaded(persist, 59 * 60_000)).toEqual({ phase: 'chat', texts: ['Palautuskoodisi on R-4711'] });
      expect(await reloaded(persist, 2 * 60_000)).toEqual({ phase: 'bot', texts: [] });
    });
  }
});

it('what was on its way is sent again after a reload; what failed stays failed, with its reason', () => {
  const item = (id: string, status: OutboxItem['status']): OutboxItem => ({ frame: { type: 'msg', id, text: id }, status, at: 1 });
  const failed = { ...item('c', 'failed'), error: 'too_large' } as const;
  expect(resending([item('a', 'sending'), item('b', 'sent'), failed])).toEqual([item('a', 'sending'), item('b', 'sending'), failed]);
});
