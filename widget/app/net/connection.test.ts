import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnection, type Connection } from './connection';
import { FakeSocket } from './fake-socket';
import { CLOSE } from '../../../protocol/errors';

let conn: Connection;
let urls = 0;
const messages: string[] = [];

function make(extra: Partial<Parameters<typeof createConnection>[0]> = {}) {
  conn = createConnection({
    url: () => `wss://chat.example/ws/visitor?attempt=${++urls}`,
    WebSocket: FakeSocket,
    onOpen: (send) => send(JSON.stringify({ type: 'hello' })),
    onMessage: (m) => messages.push(m),
    random: () => 1,
    ...extra,
  });
  return conn;
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all = [];
  urls = 0;
  messages.length = 0;
});
afterEach(() => {
  conn.stop();
  vi.useRealTimers();
});

function welcome(heartbeatMs = 0) {
  const s = FakeSocket.last();
  s.open();
  conn.ready(heartbeatMs);
  return s;
}

describe('connection', () => {
  it('says hello on open and is connected once welcomed', () => {
    make().start();
    expect(conn.state.value).toBe('connecting');
    const s = welcome();
    expect(s.frames()).toEqual([{ type: 'hello' }]);
    expect(conn.state.value).toBe('connected');
    expect(conn.send('x')).toBe(true);
  });

  it('reconnects with exponential backoff and a fresh URL per attempt', () => {
    make().start();
    FakeSocket.last().close(1006);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(499);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.last().close(1006);
    vi.advanceTimersByTime(999);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all.map((s) => s.url)).toEqual([
      'wss://chat.example/ws/visitor?attempt=1',
      'wss://chat.example/ws/visitor?attempt=2',
      'wss://chat.example/ws/visitor?attempt=3',
    ]);
  });

  it("starts the backoff over after a connection that lived, though the visitor's clock went back meanwhile", async () => {
    make().start();
    FakeSocket.last().close(1006);
    vi.advanceTimersByTime(500);
    await welcome();
    vi.advanceTimersByTime(6_000);
    // A laptop waking and syncing its clock: the wall clock goes back an hour, time goes on.
    vi.setSystemTime(Date.now() - 3_600_000);
    FakeSocket.last().close(1006);
    vi.advanceTimersByTime(500);
    expect(FakeSocket.all).toHaveLength(3);
  });

  it('gives up on an attempt that does not open in time', () => {
    make({ settings: { connectTimeoutMs: 1000 } }).start();
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all[0]!.readyState).toBe(3);
    vi.advanceTimersByTime(500);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('does not flicker on a short drop, and says reconnecting on a long one', async () => {
    make().start();
    await welcome();
    FakeSocket.last().close(1006);
    expect(conn.state.value).toBe('connected');
    vi.advanceTimersByTime(500);
    await welcome();
    vi.advanceTimersByTime(5000);
    expect(conn.state.value).toBe('connected');

    FakeSocket.last().close(1006);
    vi.advanceTimersByTime(500);
    FakeSocket.last().close(1006);
    vi.advanceTimersByTime(2000);
    expect(conn.state.value).toBe('reconnecting');
  });

  it('tells the visitor they are offline after several failed attempts, and recovers', async () => {
    make().start();
    for (let i = 0; i < 4; i++) {
      FakeSocket.last().close(1006);
      vi.advanceTimersByTime(40_000);
    }
    expect(conn.state.value).toBe('offline');
    await welcome();
    expect(conn.state.value).toBe('connected');
  });

  it('stops on a close code that says retrying is pointless', () => {
    make().start();
    FakeSocket.last().close(CLOSE.helloRequired);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(conn.state.value).toBe('offline');
  });

  it('pings within the heartbeat interval and drops a silent server', () => {
    make().start();
    const s = welcome(10_000);
    vi.advanceTimersByTime(8_000);
    expect(s.frames().filter((f) => f.type === 'ping')).toHaveLength(1);
    s.receive({ type: 'pong', t: 1 });
    vi.advanceTimersByTime(19_999);
    expect(s.readyState).toBe(1);
    vi.advanceTimersByTime(1);
    expect(s.readyState).toBe(3);
  });

  it('replaces a server silent through a link that passes nothing at once, not after the closing handshake', async () => {
    make().start();
    const s = welcome(10_000);
    s.dead = true;
    vi.advanceTimersByTime(20_000);
    // Closing, and never closed: it is no longer the connection, and nothing more goes into it.
    expect(s.readyState).toBe(2);
    expect(conn.isReady()).toBe(false);
    const pings = s.sent.length;
    vi.advanceTimersByTime(500);
    expect(FakeSocket.all).toHaveLength(2);
    // Not healed within the grace period: the visitor is told.
    vi.advanceTimersByTime(2_000);
    expect(conn.state.value).toBe('reconnecting');
    vi.advanceTimersByTime(60_000);
    expect(s.sent.length).toBe(pings);
    await welcome(10_000);
    expect(conn.state.value).toBe('connected');
  });

  it('replaces a socket taken for dead on request', () => {
    make().start();
    const s = welcome(10_000);
    s.dead = true;
    conn.drop();
    expect(conn.isReady()).toBe(false);
    vi.advanceTimersByTime(500);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('retries at once when the browser comes back online', () => {
    make().start();
    FakeSocket.last().close(1006);
    window.dispatchEvent(new Event('online'));
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('says offline at once when the browser goes offline, and reconnects when it is back', async () => {
    make().start();
    const s = welcome(10_000);
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    window.dispatchEvent(new Event('offline'));
    expect(conn.state.value).toBe('offline');
    expect(s.readyState).toBe(3);
    vi.advanceTimersByTime(5_000); // no grace timer turns it into "reconnecting"
    expect(conn.state.value).toBe('offline');
    onLine.mockReturnValue(true);
    window.dispatchEvent(new Event('online'));
    await welcome();
    expect(conn.state.value).toBe('connected');
    onLine.mockRestore();
  });

  it('clears every timer when stopped', async () => {
    make().start();
    await welcome(10_000);
    conn.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(conn.state.value).toBe('idle');
  });
});
