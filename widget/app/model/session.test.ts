// The session's delivery: what the visitor writes reaches the server once, in order, or shows as
// failed with a retry. After a drop: session-reconnect.test.ts; what is kept: session-keeping.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../../../protocol/limits';
import { parseVisitorClientMessage } from '../../../protocol/parse';
import { FakeSocket } from '../net/fake-socket';
import { memoryPersist } from './storage';
import { make, page, session, settled, welcome } from './session-test-kit';

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  session.dispose();
  vi.useRealTimers();
});

describe('session delivery', () => {
  it('connects over wss to the server and sends the handoff only after the welcome', async () => {
    make();
    session.handoff('asked_for_person');
    const s = FakeSocket.last();
    expect(s.url).toBe('wss://chat.example/ws/visitor');
    s.open();
    expect(s.frames().map((f) => f.type)).toEqual(['hello']);
    s.receive({ type: 'welcome', visitorId: 'v1', token: 'k'.repeat(32), conversation: null, heartbeatMs: 0, staffed: true });
    await settled();
    expect(s.frames().map((f) => f.type)).toEqual(['hello', 'handoff']);
  });

  it("says by the visitor's clock when the handoff goes, not when it was asked for, so the server can date the bot's steps", async () => {
    make();
    session.bot.restore([{ at: Date.now(), body: { kind: 'bot.query', query: 'palautus', decision: 'none', results: [] } }]);
    session.handoff('asked_for_person');
    // Offline a while: it goes later, on the first socket that opens after (the attempts before
    // timed out; where the retries stand after 60 s depends on their random backoff).
    vi.advanceTimersByTime(60_000);
    while (FakeSocket.last().readyState !== 0) vi.advanceTimersByTime(100);
    const s = FakeSocket.last();
    await welcome(s);
    const handoff = s.frames().find((f) => f.type === 'handoff')!;
    expect(handoff.sentAt).toBe(Date.now());
    expect(parseVisitorClientMessage(s.sent[1]!)).toMatchObject({ ok: true, value: { type: 'handoff', sentAt: Date.now() } });
  });

  it('takes a message no ack came for as a dead socket: reconnects at once and sends it again, never failed', async () => {
    make();
    session.handoff('asked_for_person');
    const first = FakeSocket.last();
    await welcome(first);
    first.receive({ type: 'ack', id: first.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    // A proxy stops passing data, and does not close: nothing more comes back.
    first.dead = true;
    session.send('Hei');
    const [item] = session.outbox.items.value;
    vi.advanceTimersByTime(10_000);
    expect(session.outbox.find(item!.frame.id)?.status).toBe('sending');
    expect(first.readyState).toBe(2);
    vi.advanceTimersByTime(1_000);
    const second = FakeSocket.last();
    expect(second).not.toBe(first);
    await welcome(second);
    expect(second.frames().filter((f) => f.type === 'msg').map((f) => f.id)).toEqual([item!.frame.id]);
    second.receive({ type: 'ack', id: item!.frame.id, conversationId: 'k1', seq: 2 });
    expect(session.outbox.items.value).toEqual([]);
    expect(session.conversation.events.value.map((e) => e.id)).toEqual([item!.frame.id]);
  });

  it('marks a message the server refuses failed, and retry sends it again with the same id', async () => {
    make();
    session.handoff('asked_for_person');
    await welcome(FakeSocket.last());
    session.send('Hei');
    const [item] = session.outbox.items.value.filter((i) => i.frame.type === 'msg');
    expect(item?.status).toBe('sending');
    FakeSocket.last().receive({ type: 'error', id: item!.frame.id, code: 'bad_message', message: 'The frame does not match the protocol.' });
    expect(session.outbox.find(item!.frame.id)?.status).toBe('failed');
    session.retry(item!.frame.id);
    expect(session.outbox.find(item!.frame.id)?.status).toBe('sending');
    const ids = FakeSocket.last().frames().filter((f) => f.type === 'msg').map((f) => f.id);
    expect(ids).toEqual([item!.frame.id, item!.frame.id]);
  });

  it('sends a message the server could not store just now again by itself, shortly and in its place', async () => {
    make();
    session.handoff('asked_for_person');
    const first = FakeSocket.last();
    await welcome(first);
    first.receive({ type: 'ack', id: first.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    session.send('Yksi');
    const [one] = session.outbox.items.value;
    // The database is away a moment: the write of this one fails (commit fca0e0c answers it by id).
    first.receive({ type: 'error', id: one!.frame.id, code: 'internal', message: 'Something went wrong on the server.' });
    expect(session.outbox.find(one!.frame.id)?.status).toBe('sending');
    session.send('Kaksi');
    expect(first.frames().filter((f) => f.type === 'msg').map((f) => f.text)).toEqual(['Yksi']);
    vi.advanceTimersByTime(1_000);
    const second = FakeSocket.last();
    expect(second).not.toBe(first);
    await welcome(second);
    expect(second.frames().filter((f) => f.type === 'msg').map((f) => f.text)).toEqual(['Yksi', 'Kaksi']);
    second.receive({ type: 'ack', id: one!.frame.id, conversationId: 'k1', seq: 2 });
    second.receive({ type: 'ack', id: second.frames().at(-1)!.id, conversationId: 'k1', seq: 3 });
    expect(session.conversation.events.value.map((e) => (e.body.kind === 'text' ? e.body.text : ''))).toEqual(['Yksi', 'Kaksi']);
    expect(session.outbox.items.value).toEqual([]);
  });

  it('fails a message the server cannot store at the third try, and sends what came after it without it', async () => {
    make();
    session.handoff('asked_for_person');
    let s = FakeSocket.last();
    await welcome(s);
    s.receive({ type: 'ack', id: s.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    session.send('Yksi');
    const [one] = session.outbox.items.value;
    const internal = () => s.receive({ type: 'error', id: one!.frame.id, code: 'internal', message: 'Something went wrong on the server.' });
    const msgs = () => s.frames().filter((f) => f.type === 'msg').map((f) => f.text);
    // A server bug: every time it goes, the same answer.
    for (let attempt = 1; attempt < 3; attempt++) {
      internal();
      expect(session.outbox.find(one!.frame.id)?.status).toBe('sending');
      if (attempt === 1) session.send('Kaksi');
      vi.advanceTimersByTime(2_000);
      expect(FakeSocket.last()).not.toBe(s);
      s = FakeSocket.last();
      await welcome(s);
      expect(msgs()).toEqual(['Yksi', 'Kaksi']);
      const two = s.frames().at(-1)!;
      if (attempt === 2) s.receive({ type: 'ack', id: two.id, conversationId: 'k1', seq: 2 });
    }
    internal();
    // Failed, with its reason and the retry the view offers a failed message; the socket stays.
    expect(session.outbox.find(one!.frame.id)).toMatchObject({ status: 'failed', error: 'internal' });
    expect(session.conversation.events.value.map((e) => (e.body.kind === 'text' ? e.body.text : ''))).toEqual(['Kaksi']);
    session.send('Kolme');
    expect(msgs()).toEqual(['Yksi', 'Kaksi', 'Kolme']);
    s.receive({ type: 'ack', id: s.frames().at(-1)!.id, conversationId: 'k1', seq: 3 });
    // Not again by itself after a drop.
    s.close(1006);
    vi.advanceTimersByTime(5_000);
    s = FakeSocket.last();
    await welcome(s);
    expect(msgs()).toEqual([]);
    expect(session.outbox.find(one!.frame.id)?.status).toBe('failed');
    // The visitor's retry sends it, with the patience of a first try.
    session.retry(one!.frame.id);
    expect(msgs()).toEqual(['Yksi']);
    internal();
    expect(session.outbox.find(one!.frame.id)?.status).toBe('sending');
    vi.advanceTimersByTime(5_000);
    s = FakeSocket.last();
    await welcome(s);
    s.receive({ type: 'ack', id: one!.frame.id, conversationId: 'k1', seq: 4 });
    expect(session.outbox.items.value).toEqual([]);
    expect(session.conversation.events.value.map((e) => (e.body.kind === 'text' ? e.body.text : ''))).toEqual(['Kaksi', 'Kolme', 'Yksi']);
  });

  it('drops control characters the server would refuse', async () => {
    make();
    session.handoff('asked_for_person');
    await welcome(FakeSocket.last());
    session.send('rivi 1\r\nrivi\u0007 2');
    expect(FakeSocket.last().frames().find((f) => f.type === 'msg')).toMatchObject({ text: 'rivi 1\nrivi 2' });
  });

  it('sends a message longer than the server takes whole, as several in order, never splitting an emoji', async () => {
    make();
    session.handoff('asked_for_person');
    await welcome(FakeSocket.last());
    const pasted = `${'a'.repeat(LIMITS.text - 1)}😀${'b'.repeat(LIMITS.text)}   \n\n${'c'.repeat(10)}`;
    session.send(pasted);
    const texts = FakeSocket.last()
      .frames()
      .filter((f) => f.type === 'msg')
      .map((f) => String(f.text));
    expect(texts.map((t) => t.length)).toEqual([LIMITS.text - 1, LIMITS.text, 17]);
    expect(texts.join('')).toBe(pasted);
    // Each one the server takes (not empty once trimmed, within the limit), with no half of a pair alone.
    for (const text of texts) {
      expect(parseVisitorClientMessage(JSON.stringify({ type: 'msg', id: 'm-1', text })).ok).toBe(true);
      expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });

  it('keeps events in seq order without duplicates, whatever order they arrive in', async () => {
    make();
    session.handoff('asked_for_person');
    const s = FakeSocket.last();
    await welcome(s);
    const ev = (seq: number) => ({ seq, id: `e${seq}`, at: seq, role: 'agent', body: { kind: 'text', text: `m${seq}` } });
    s.receive({ type: 'events', conversationId: 'k1', events: [ev(3), ev(1)] });
    s.receive({ type: 'events', conversationId: 'k1', events: [ev(2), ev(3)] });
    expect(session.conversation.events.value.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('sends a long outbox typed offline at most 8 at a time, in order, under the server rate limit, even across a drop', async () => {
    make();
    session.handoff('asked_for_person');
    const first = FakeSocket.last();
    await welcome(first);
    first.receive({ type: 'ack', id: first.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    first.close(1006);
    const texts = Array.from({ length: 60 }, (_, i) => `viesti ${i}`);
    for (const text of texts) session.send(text);
    expect(session.outbox.items.value.map((i) => i.status)).toEqual(texts.map(() => 'sending'));

    // A server that acks the oldest frame in flight every 5 ms, with the server's token bucket (20/s, burst 40).
    let seq = 1;
    let tokens = 40;
    let maxInFlight = 0;
    const firstSends: string[] = [];
    const playServer = async (s: FakeSocket, stopAfterAcks: number) => {
      let read = 0;
      const inFlight: string[] = [];
      for (let acks = 0; acks < stopAfterAcks && session.outbox.items.value.length > 0; ) {
        for (const f of s.frames().slice(read)) {
          expect(tokens, 'the client tripped the rate limit').toBeGreaterThanOrEqual(1);
          tokens -= 1;
          if (f.type !== 'msg') continue;
          inFlight.push(String(f.id));
          if (!firstSends.includes(String(f.id))) firstSends.push(String(f.id));
        }
        read = s.frames().length;
        maxInFlight = Math.max(maxInFlight, inFlight.length);
        const id = inFlight.shift();
        if (id) {
          s.receive({ type: 'ack', id, conversationId: 'k1', seq: ++seq });
          acks++;
        }
        vi.advanceTimersByTime(5);
        tokens = Math.min(40, tokens + 20 * 0.005);
      }
    };
    vi.advanceTimersByTime(1_000);
    await welcome(FakeSocket.last());
    playServer(FakeSocket.last(), 10);
    FakeSocket.last().close(1006);
    vi.advanceTimersByTime(1_000);
    tokens = 40; // a new connection, a new bucket
    await welcome(FakeSocket.last());
    playServer(FakeSocket.last(), Infinity);

    expect(maxInFlight).toBe(8);
    expect(session.outbox.items.value).toEqual([]);
    const ids = session.conversation.events.value.map((e) => e.id);
    expect(firstSends).toEqual(ids);
    expect(session.conversation.events.value.map((e) => (e.body.kind === 'text' ? e.body.text : ''))).toEqual(texts);
    expect(session.conversation.events.value.map((e) => e.seq)).toEqual(texts.map((_, i) => i + 2));
  });

  it('forgets an identity refused because the conversation closed meanwhile, and still lets the visitor rate', async () => {
    let who: { name: string; email: string } | undefined;
    make(memoryPersist(), () => who!);
    session.handoff('asked_for_person');
    const s = FakeSocket.last();
    await welcome(s);
    s.receive({ type: 'ack', id: s.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    s.receive({ type: 'events', conversationId: 'k1', events: [{ seq: 2, id: 'j', at: 2, role: 'system', body: { kind: 'joined', agent: 'Aino' } }] });
    // The site says who the visitor is as they log in, just as the agent closes.
    who = { name: 'Matti', email: 'matti@example.fi' };
    session.identify();
    const identify = s.frames().find((f) => f.type === 'identify');
    expect(identify).toBeDefined();
    s.receive({ type: 'error', id: identify!.id as string, code: 'no_conversation', message: 'There is no open conversation to send to.' });
    s.receive({ type: 'events', conversationId: 'k1', events: [{ seq: 3, id: 'c', at: 3, role: 'system', body: { kind: 'closed', by: 'agent' } }] });
    expect(session.outbox.items.value).toEqual([]);
    expect(session.conversation.rated.value).toBe(false);
  });

  it("hands off with the bot steps as an array on a Magento 1 shop, whose Prototype.js gives arrays a toJSON", async () => {
    // Prototype.js ≤ 1.7: JSON.stringify calls this, and an array goes as a string of JSON.
    const array = Array.prototype as { toJSON?: () => string };
    const prototypeJs = function (this: unknown[]) {
      return '[' + this.map((item) => JSON.stringify(item)).join(', ') + ']';
    };
    array.toJSON = prototypeJs;
    try {
      make();
      session.bot.restore([{ at: 1, body: { kind: 'bot.query', query: 'sohvan palautus', decision: 'none', results: [] } }]);
      session.handoff('no_answer');
      const s = FakeSocket.last();
      await welcome(s);
      // What the server makes of each frame: a handoff it refused ("handoff.steps: Expected
      // Array") came back as "Ei lähtenyt", and every retry the same.
      const frames = s.sent.map((raw) => parseVisitorClientMessage(raw));
      expect(frames.map((f) => (f.ok ? f.value.type : f.message))).toEqual(['hello', 'handoff']);
      expect(frames[1]).toMatchObject({ ok: true, value: { steps: [{ body: { query: 'sohvan palautus', results: [] } }] } });
      // The page's own code still has what it put there.
      expect(array.toJSON).toBe(prototypeJs);
    } finally {
      delete array.toJSON;
    }
  });

  it('starts a new question without the failed messages of the last conversation', async () => {
    make();
    session.handoff('asked_for_person');
    const s = FakeSocket.last();
    await welcome(s);
    s.receive({ type: 'ack', id: s.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    session.send('Kiitos!');
    s.receive({ type: 'error', id: s.frames().find((f) => f.type === 'msg')!.id as string, code: 'no_conversation', message: 'There is no open conversation to send to.' });
    s.receive({ type: 'events', conversationId: 'k1', events: [{ seq: 2, id: 'c', at: 2, role: 'system', body: { kind: 'closed', by: 'agent' } }] });
    expect(session.outbox.items.value.map((i) => i.status)).toEqual(['failed']);
    session.startOver();
    expect(session.outbox.items.value).toEqual([]);
  });
});
