import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE } from '../../../protocol/errors';
import { CONSOLE_DEFAULTS } from '../config';
import { createConsole } from './console';
import { fakeEnv, ME, summary, type FakeSocket } from '../test-support';

let stop: () => void;
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  stop();
  vi.useRealTimers();
});

const welcome = (socket: FakeSocket) => {
  socket.open();
  socket.receive({ type: 'welcome', agent: ME, heartbeatMs: 30_000, emailsReplies: false });
};

/** A console welcomed, with the agent's own conversation k1 open. */
function inMyConversation() {
  const { env, last, sockets, store } = fakeEnv();
  const c = createConsole(env);
  stop = c.start();
  welcome(last());
  last().receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME })] });
  c.select('k1');
  return { c, last, sockets, store };
}

describe('the outbox', () => {
  it('sends a backlog at most 8 at a time, in order, under the server rate limit, even across a drop', () => {
    const { c, last } = inMyConversation();
    last().drop(1006);
    const texts = Array.from({ length: 60 }, (_, i) => `viesti ${i}`);
    for (const text of texts) expect(c.sendText('k1', text)).toBe(true);
    expect(c.outbox.value.map((m) => m.status)).toEqual(texts.map(() => 'sending'));

    // A server that acks the oldest message in flight every 5 ms, with the server's token bucket (20/s, burst 40).
    let seq = 4;
    let tokens = 40;
    let maxInFlight = 0;
    const firstSends: string[] = [];
    const playServer = (socket: FakeSocket, stopAfterAcks: number) => {
      let read = 0;
      const inFlight: string[] = [];
      for (let acks = 0; acks < stopAfterAcks && c.outbox.value.some((m) => m.status !== 'sent'); ) {
        for (const frame of socket.sent.slice(read)) {
          expect(tokens, 'the console tripped the rate limit').toBeGreaterThanOrEqual(1);
          tokens -= 1;
          if (frame.type !== 'msg') continue;
          inFlight.push(String(frame.id));
          if (!firstSends.includes(String(frame.id))) firstSends.push(String(frame.id));
        }
        read = socket.sent.length;
        maxInFlight = Math.max(maxInFlight, inFlight.length);
        const id = inFlight.shift();
        if (id) {
          socket.receive({ type: 'ack', id, conversationId: 'k1', seq: ++seq });
          acks++;
        }
        vi.advanceTimersByTime(5);
        tokens = Math.min(40, tokens + 20 * 0.005);
      }
    };
    vi.advanceTimersByTime(1_000);
    welcome(last());
    playServer(last(), 10);
    last().drop(1006);
    vi.advanceTimersByTime(1_000);
    tokens = 40; // a new connection, a new bucket
    welcome(last());
    playServer(last(), Infinity);

    expect(maxInFlight).toBe(8);
    expect(c.outbox.value.map((m) => m.status)).toEqual(texts.map(() => 'sent'));
    expect(c.outbox.value.map((m) => m.text)).toEqual(texts);
    expect(firstSends).toEqual(c.outbox.value.map((m) => m.id));
    expect(c.outbox.value.map((m) => m.seq)).toEqual(texts.map((_, i) => i + 5));
  });

  it('lets a message or a note go once its stored event has come: the transcript shows that from then on', () => {
    const { c, last } = inMyConversation();
    c.sendText('k1', 'Hei');
    c.sendText('k1', 'Soitti jo', { note: true });
    const msg = last().sentOf('msg')[0];
    const note = last().sentOf('note')[0];
    last().receive({ type: 'ack', id: String(msg?.id), conversationId: 'k1', seq: 5 });
    last().receive({ type: 'events', conversationId: 'k1', events: [{ seq: 5, id: String(msg?.id), at: 0, role: 'agent', name: ME.name, body: { kind: 'text', text: 'Hei' } }] });
    expect(c.outbox.value.map((m) => m.text)).toEqual(['Soitti jo']);
    last().receive({ type: 'events', conversationId: 'k1', events: [{ seq: 6, id: String(note?.id), at: 0, role: 'agent', name: ME.name, body: { kind: 'note', text: 'Soitti jo' } }] });
    expect(c.outbox.value).toEqual([]);
  });

  it('keeps what is on its way over a reload of the tab, and sends it again with the same ids: one the server had stored is shown once', () => {
    const first = inMyConversation();
    first.c.sendText('k1', 'Hei');
    first.c.sendText('k1', 'Soitti jo', { note: true });
    first.c.sendText('k1', 'Myöhässä');
    const [hei, late] = first.last().sentOf('msg');
    const note = first.last().sentOf('note')[0];
    first.last().receive({ type: 'error', id: String(late?.id), code: 'conversation_closed', message: 'closed' });
    // No ack for the others (the link went, the server stalled), and the agent presses F5.
    stop();

    const { env, last, store } = fakeEnv({ stored: first.store });
    const c = createConsole(env);
    stop = c.start();
    // Back before the welcome, in order, as they were: shown, and nothing sent yet.
    expect(c.outbox.value.map((m) => [m.text, m.status])).toEqual([['Hei', 'sending'], ['Soitti jo', 'sending'], ['Myöhässä', 'failed']]);
    welcome(last());
    expect(last().sent.filter((m) => m.type === 'msg' || m.type === 'note')).toEqual([hei, note]);
    // The server had stored "Hei" before the reload: it acks the resend as that one, once.
    last().receive({ type: 'ack', id: String(hei?.id), conversationId: 'k1', seq: 5 });
    last().receive({ type: 'events', conversationId: 'k1', events: [{ seq: 5, id: String(hei?.id), at: 0, role: 'agent', name: ME.name, body: { kind: 'text', text: 'Hei' } }] });
    last().receive({ type: 'ack', id: String(note?.id), conversationId: 'k1', seq: 6 });
    expect(c.outbox.value.map((m) => [m.text, m.status])).toEqual([['Soitti jo', 'sent'], ['Myöhässä', 'failed']]);
    // What is still unacknowledged is what the next reload would find: the failed one, for the agent to retry.
    expect(JSON.parse(store.get(CONSOLE_DEFAULTS.keptOutboxKey) ?? '[]')).toEqual([expect.objectContaining({ id: late?.id, status: 'failed' })]);
    c.retry(String(late?.id));
    last().receive({ type: 'ack', id: String(late?.id), conversationId: 'k1', seq: 7 });
    expect(store.has(CONSOLE_DEFAULTS.keptOutboxKey)).toBe(false);
  });

  it('takes a rate-limit close (4029) as a reason to reconnect after the backoff and send again', () => {
    const { c, last, sockets } = inMyConversation();
    c.sendText('k1', 'Hei');
    last().receive({ type: 'error', code: 'rate_limited', message: 'Too many frames; slow down.' });
    last().drop(CLOSE.rateLimited);
    expect(c.status.value).toBe('waiting');
    vi.advanceTimersByTime(1_000);
    expect(sockets).toHaveLength(2);
    welcome(last());
    expect(last().sentOf('msg').map((m) => m.text)).toEqual(['Hei']);
    expect(c.outbox.value.map((m) => m.status)).toEqual(['sending']);
  });

  it('keeps a message the storage refused (unavailable) sending, and sends it again after a growing wait, before the next, until it is stored once', () => {
    const { c, last, sockets } = inMyConversation();
    c.sendText('k1', 'aikana 3');
    c.sendText('k1', 'jälkeen 4');
    /** From each refusal until the messages went again. */
    const waits: number[] = [];
    for (let refusal = 0; refusal < 5; refusal++) {
      const socket = last();
      // Each socket sends the refused one first, then the one behind it.
      expect(socket.sentOf('msg').map((m) => m.text)).toEqual(['aikana 3', 'jälkeen 4']);
      // A full disk: both refused (the server fails the writes queued behind one that failed), then the socket is closed.
      for (const m of socket.sentOf('msg')) socket.receive({ type: 'error', code: 'unavailable', message: 'The server cannot store this right now; send it again later.', id: String(m.id) });
      socket.drop(CLOSE.internal);
      expect(c.outbox.value.map((m) => [m.text, m.status])).toEqual([['aikana 3', 'sending'], ['jälkeen 4', 'sending']]);
      const refusedAt = Date.now();
      const count = sockets.length;
      while (sockets.length === count) vi.advanceTimersByTime(50);
      // Welcomed again, the messages wait out the rest of a wait that grows with each refusal.
      welcome(last());
      while (last().sentOf('msg').length === 0 && Date.now() - refusedAt < 30_000) vi.advanceTimersByTime(50);
      waits.push(Date.now() - refusedAt);
    }
    expect(waits[0]).toBeLessThanOrEqual(1_000);
    expect(waits[4]).toBeGreaterThanOrEqual(4_000);
    expect(waits[4]).toBeLessThan(30_000);
    expect(sockets).toHaveLength(6);
    expect(c.notice.value).toBeNull();
    // The storage works again.
    const socket = last();
    expect(socket.sentOf('msg').map((m) => m.text)).toEqual(['aikana 3', 'jälkeen 4']);
    for (const [i, m] of socket.sentOf('msg').entries()) socket.receive({ type: 'ack', id: String(m.id), conversationId: 'k1', seq: 5 + i });
    expect(c.outbox.value.map((m) => [m.text, m.status])).toEqual([['aikana 3', 'sent'], ['jälkeen 4', 'sent']]);
    vi.advanceTimersByTime(60_000);
    expect(socket.sentOf('msg')).toHaveLength(2);
    expect(c.outbox.value.map((m) => m.status)).toEqual(['sent', 'sent']);
  });

  it('keeps a reply unanswered by a dropped socket as sending through a long outage, and sends it after the welcome', () => {
    const { c, last, sockets } = inMyConversation();
    c.sendText('k1', 'Tarkistan asian');
    expect(last().sentOf('msg')).toHaveLength(1);
    // The link goes before the ack, and the server stays out of reach past the ack timeout:
    // each new attempt hangs until the connect timeout gives up on it.
    last().drop(1006);
    vi.advanceTimersByTime(30_000);
    expect(sockets.length).toBeGreaterThan(2);
    expect(c.status.value).not.toBe('online');
    expect(c.outbox.value.map((m) => m.status)).toEqual(['sending']);
    c.retryNow();
    welcome(last());
    expect(last().sentOf('msg').map((m) => m.text)).toEqual(['Tarkistan asian']);
    // While connected, silence has the link checked; one that answers no ping is dropped, and the reply still waits.
    vi.advanceTimersByTime(CONSOLE_DEFAULTS.ackTimeoutMs + CONSOLE_DEFAULTS.pongTimeoutMs);
    expect(c.status.value).toBe('waiting');
    expect(c.outbox.value.map((m) => m.status)).toEqual(['sending']);
  });
});
