import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE } from '../../../protocol/errors';
import { parseVisitorClientMessage } from '../../../protocol/parse';
import { FakeSocket } from '../net/fake-socket';
import { memoryPersist } from './storage';
import { createSession, type Session } from './session';

const page = { url: 'https://kauppa.example/', title: 'Kauppa' };
let session: Session;

function make(persist = memoryPersist(), visitor?: () => { name: string; email: string } | undefined) {
  FakeSocket.all = [];
  session = createSession({
    server: 'https://chat.example',
    lang: () => 'fi',
    page: () => page,
    visitor,
    WebSocket: FakeSocket,
    persist,
    settings: { ackTimeoutMs: 10_000 },
  });
  return persist;
}
/** The server's welcome names the conversation the widget is in, as a real one does while it lasts. */
const welcome = (s: FakeSocket, conversation = current()) => {
  s.open();
  s.receive({ type: 'welcome', visitorId: 'v1', token: 'k'.repeat(32), conversation, heartbeatMs: 0, staffed: true });
};
const current = () => {
  const { id, status, lastSeq } = session.conversation;
  return id.value ? { id: id.value, status: status.value === 'none' ? 'queued' : status.value, lastSeq: lastSeq.value, rated: false } : null;
};

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  session.dispose();
  vi.useRealTimers();
});

describe('session delivery', () => {
  it('connects over wss to the server and sends the handoff only after the welcome', () => {
    make();
    session.handoff('asked_for_person');
    const s = FakeSocket.last();
    expect(s.url).toBe('wss://chat.example/ws/visitor');
    s.open();
    expect(s.frames().map((f) => f.type)).toEqual(['hello']);
    s.receive({ type: 'welcome', visitorId: 'v1', token: 'k'.repeat(32), conversation: null, heartbeatMs: 0, staffed: true });
    expect(s.frames().map((f) => f.type)).toEqual(['hello', 'handoff']);
  });

  it("says by the visitor's clock when the handoff goes, not when it was asked for, so the server can date the bot's steps", () => {
    make();
    session.bot.restore([{ at: Date.now(), body: { kind: 'bot.query', query: 'palautus', decision: 'none', results: [] } }]);
    session.handoff('asked_for_person');
    // Offline a while: it goes later, on the first socket that opens after (the attempts before
    // timed out; where the retries stand after 60 s depends on their random backoff).
    vi.advanceTimersByTime(60_000);
    while (FakeSocket.last().readyState !== 0) vi.advanceTimersByTime(100);
    const s = FakeSocket.last();
    welcome(s);
    const handoff = s.frames().find((f) => f.type === 'handoff')!;
    expect(handoff.sentAt).toBe(Date.now());
    expect(parseVisitorClientMessage(s.sent[1]!)).toMatchObject({ ok: true, value: { type: 'handoff', sentAt: Date.now() } });
  });

  it('takes a message no ack came for as a dead socket: reconnects at once and sends it again, never failed', () => {
    make();
    session.handoff('asked_for_person');
    const first = FakeSocket.last();
    welcome(first);
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
    welcome(second);
    expect(second.frames().filter((f) => f.type === 'msg').map((f) => f.id)).toEqual([item!.frame.id]);
    second.receive({ type: 'ack', id: item!.frame.id, conversationId: 'k1', seq: 2 });
    expect(session.outbox.items.value).toEqual([]);
    expect(session.conversation.events.value.map((e) => e.id)).toEqual([item!.frame.id]);
  });

  it('marks a message the server refuses failed, and retry sends it again with the same id', () => {
    make();
    session.handoff('asked_for_person');
    welcome(FakeSocket.last());
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

  it('re-sends unacknowledged messages after a reconnect and resumes after the last seq', () => {
    make();
    session.handoff('asked_for_person');
    const first = FakeSocket.last();
    welcome(first);
    const handoff = first.frames()[1]!;
    first.receive({ type: 'ack', id: handoff.id, conversationId: 'k1', seq: 3 });
    first.receive({ type: 'events', conversationId: 'k1', events: [{ seq: 4, id: 'a', at: 1, role: 'agent', body: { kind: 'text', text: 'Moi' } }] });
    session.send('Onko paketti tulossa?');
    first.close(1006);
    vi.advanceTimersByTime(1_000);
    const second = FakeSocket.last();
    expect(second).not.toBe(first);
    welcome(second);
    const frames = second.frames();
    expect(frames[0]).toMatchObject({ type: 'hello', token: 'k'.repeat(32), afterSeq: 4, conversationId: 'k1' });
    expect(frames[1]).toMatchObject({ type: 'msg', text: 'Onko paketti tulossa?' });
    expect(frames.filter((f) => f.type === 'handoff')).toHaveLength(0);
  });

  it('keeps a message written while offline as sending, and sends it on the next welcome', () => {
    make();
    session.handoff('asked_for_person');
    const first = FakeSocket.last();
    welcome(first);
    first.close(1006);
    session.send('Oletko siellä?');
    // Longer than the ack timeout; the reconnect attempt opened at 9.5 s is still pending.
    vi.advanceTimersByTime(12_000);
    expect(session.outbox.items.value.find((i) => i.frame.type === 'msg')?.status).toBe('sending');
    welcome(FakeSocket.last());
    expect(FakeSocket.last().frames().find((f) => f.type === 'msg')).toMatchObject({ text: 'Oletko siellä?' });
  });

  it('takes a rate-limit close (4029) as a reason to reconnect after the backoff and send the outbox again', () => {
    make();
    session.handoff('asked_for_person');
    const first = FakeSocket.last();
    welcome(first);
    first.receive({ type: 'ack', id: first.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    session.send('Hei');
    first.receive({ type: 'error', code: 'rate_limited', message: 'Too many frames; slow down.' });
    first.close(CLOSE.rateLimited);
    expect(session.outbox.items.value.map((i) => i.status)).toEqual(['sending']);
    vi.advanceTimersByTime(1_000);
    const second = FakeSocket.last();
    expect(second).not.toBe(first);
    welcome(second);
    expect(second.frames().filter((f) => f.type === 'msg').map((f) => f.text)).toEqual(['Hei']);
  });

  it('sends a message the server could not store just now again by itself, shortly and in its place', () => {
    make();
    session.handoff('asked_for_person');
    const first = FakeSocket.last();
    welcome(first);
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
    welcome(second);
    expect(second.frames().filter((f) => f.type === 'msg').map((f) => f.text)).toEqual(['Yksi', 'Kaksi']);
    second.receive({ type: 'ack', id: one!.frame.id, conversationId: 'k1', seq: 2 });
    second.receive({ type: 'ack', id: second.frames().at(-1)!.id, conversationId: 'k1', seq: 3 });
    expect(session.conversation.events.value.map((e) => (e.body.kind === 'text' ? e.body.text : ''))).toEqual(['Yksi', 'Kaksi']);
    expect(session.outbox.items.value).toEqual([]);
  });

  it('fails a message the server cannot store at the third try, and sends what came after it without it', () => {
    make();
    session.handoff('asked_for_person');
    let s = FakeSocket.last();
    welcome(s);
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
      welcome(s);
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
    welcome(s);
    expect(msgs()).toEqual([]);
    expect(session.outbox.find(one!.frame.id)?.status).toBe('failed');
    // The visitor's retry sends it, with the patience of a first try.
    session.retry(one!.frame.id);
    expect(msgs()).toEqual(['Yksi']);
    internal();
    expect(session.outbox.find(one!.frame.id)?.status).toBe('sending');
    vi.advanceTimersByTime(5_000);
    s = FakeSocket.last();
    welcome(s);
    s.receive({ type: 'ack', id: one!.frame.id, conversationId: 'k1', seq: 4 });
    expect(session.outbox.items.value).toEqual([]);
    expect(session.conversation.events.value.map((e) => (e.body.kind === 'text' ? e.body.text : ''))).toEqual(['Kaksi', 'Kolme', 'Yksi']);
  });

  it('sends a file picked while offline when the connection is back, as it does messages', async () => {
    const posts: string[] = [];
    vi.stubGlobal('fetch', (_: string, init: RequestInit) => {
      posts.push(new Headers(init.headers).get('X-Kohtaamo-Id')!);
      // Offline, fetch fails at once; online again, the server stores it.
      return posts.length === 1 ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve(new Response('{}', { status: 200 }));
    });
    make();
    session.handoff('asked_for_person');
    const first = FakeSocket.last();
    welcome(first);
    first.receive({ type: 'ack', id: first.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    first.close(1006);
    session.uploads.add(new File(['jpeg'], 'kuitti.jpg', { type: 'image/jpeg' }));
    session.send('Tässä kuitti');
    await vi.advanceTimersByTimeAsync(100);
    expect(session.uploads.items.value.map((u) => u.status)).toEqual(['sending']);
    expect(session.outbox.items.value.map((i) => i.status)).toEqual(['sending']);
    await vi.advanceTimersByTimeAsync(1_000);
    welcome(FakeSocket.last());
    await vi.waitFor(() => expect(session.uploads.items.value.map((u) => u.status)).toEqual(['sent']));
    expect(posts).toEqual([session.uploads.items.value[0]!.id, session.uploads.items.value[0]!.id]);
    vi.unstubAllGlobals();
  });

  it('drops control characters the server would refuse', () => {
    make();
    session.handoff('asked_for_person');
    welcome(FakeSocket.last());
    session.send('rivi 1\r\nrivi\u0007 2');
    expect(FakeSocket.last().frames().find((f) => f.type === 'msg')).toMatchObject({ text: 'rivi 1\nrivi 2' });
  });

  it('keeps events in seq order without duplicates, whatever order they arrive in', () => {
    make();
    session.handoff('asked_for_person');
    const s = FakeSocket.last();
    welcome(s);
    const ev = (seq: number) => ({ seq, id: `e${seq}`, at: seq, role: 'agent', body: { kind: 'text', text: `m${seq}` } });
    s.receive({ type: 'events', conversationId: 'k1', events: [ev(3), ev(1)] });
    s.receive({ type: 'events', conversationId: 'k1', events: [ev(2), ev(3)] });
    expect(session.conversation.events.value.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('starts over as a new visitor when the server no longer knows the token', () => {
    make();
    session.handoff('asked_for_person');
    welcome(FakeSocket.last());
    FakeSocket.last().close(CLOSE.unauthorized);
    vi.advanceTimersByTime(1_000);
    FakeSocket.last().open();
    expect(FakeSocket.last().frames()[0]).not.toHaveProperty('token');
  });

  it('writes nothing to storage before the visitor interacts, and the outbox after', async () => {
    const persist = make();
    const save = vi.spyOn(persist, 'save');
    await session.restore();
    vi.advanceTimersByTime(1_000);
    expect(save).not.toHaveBeenCalled();
    session.handoff('no_answer');
    vi.advanceTimersByTime(1_000);
    expect(persist.saved?.outbox.map((i) => i.frame.type)).toEqual(['handoff']);
  });

  it('sends a long outbox typed offline at most 8 at a time, in order, under the server rate limit, even across a drop', () => {
    make();
    session.handoff('asked_for_person');
    const first = FakeSocket.last();
    welcome(first);
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
    const playServer = (s: FakeSocket, stopAfterAcks: number) => {
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
    welcome(FakeSocket.last());
    playServer(FakeSocket.last(), 10);
    FakeSocket.last().close(1006);
    vi.advanceTimersByTime(1_000);
    tokens = 40; // a new connection, a new bucket
    welcome(FakeSocket.last());
    playServer(FakeSocket.last(), Infinity);

    expect(maxInFlight).toBe(8);
    expect(session.outbox.items.value).toEqual([]);
    const ids = session.conversation.events.value.map((e) => e.id);
    expect(firstSends).toEqual(ids);
    expect(session.conversation.events.value.map((e) => (e.body.kind === 'text' ? e.body.text : ''))).toEqual(texts);
    expect(session.conversation.events.value.map((e) => e.seq)).toEqual(texts.map((_, i) => i + 2));
  });

  it('resumes after the last event the server sent, not after an ack that overtook an agent reply', () => {
    make();
    session.handoff('asked_for_person');
    const first = FakeSocket.last();
    welcome(first);
    first.receive({ type: 'ack', id: first.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    const ev = (seq: number) => ({ seq, id: `e${seq}`, at: seq, role: 'agent', body: { kind: 'text', text: `m${seq}` } });
    first.receive({ type: 'events', conversationId: 'k1', events: [ev(1), ev(2), ev(3), ev(4)] });
    session.send('Hei');
    // Scaled out, the ack of the visitor's message (seq 6) can come before the events, among them
    // an agent reply stored just before it (seq 5); the link goes before they arrive.
    first.receive({ type: 'ack', id: first.frames().find((f) => f.type === 'msg')!.id, conversationId: 'k1', seq: 6 });
    first.close(1006);
    vi.advanceTimersByTime(1_000);
    FakeSocket.last().open();
    expect(FakeSocket.last().frames()[0]).toMatchObject({ type: 'hello', afterSeq: 4 });
    FakeSocket.last().receive({ type: 'events', conversationId: 'k1', events: [ev(5), { seq: 6, id: 'x', at: 6, role: 'visitor', body: { kind: 'text', text: 'Hei' } }] });
    expect(session.conversation.events.value.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('goes back to the FAQ when the server no longer has the conversation the widget kept, and sends nothing into it', () => {
    make();
    session.handoff('asked_for_person');
    const first = FakeSocket.last();
    welcome(first);
    first.receive({ type: 'ack', id: first.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    first.receive({ type: 'events', conversationId: 'k1', events: [{ seq: 2, id: 'j', at: 2, role: 'system', body: { kind: 'joined', agent: 'Aino' } }] });
    expect(session.conversation.status.value).toBe('active');
    first.close(1006);
    session.send('Hei taas, onko uutisia?');
    // Back a day later: the agent closed it meanwhile, and the server shows a closed one for 24 h only.
    vi.advanceTimersByTime(1_000);
    welcome(FakeSocket.last(), null);
    expect(session.conversation.status.value).toBe('none');
    expect(session.phase.value).toBe('bot');
    expect(session.outbox.items.value).toEqual([]);
    expect(FakeSocket.last().frames().map((f) => f.type)).toEqual(['hello']);
  });

  it('forgets an identity refused because the conversation closed meanwhile, and still lets the visitor rate', () => {
    let who: { name: string; email: string } | undefined;
    make(memoryPersist(), () => who!);
    session.handoff('asked_for_person');
    const s = FakeSocket.last();
    welcome(s);
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

  it("keeps the conversation it is in when a message resent after a drop is acked in the one another tab has left", () => {
    make();
    session.handoff('asked_for_person');
    const first = FakeSocket.last();
    welcome(first);
    first.receive({ type: 'ack', id: first.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    session.send('Yksi kysymys vielä');
    first.close(1006);
    // Meanwhile, in another tab: k1 closed and rated, and a new question handed to a person as k2.
    vi.advanceTimersByTime(1_000);
    const second = FakeSocket.last();
    welcome(second, { id: 'k2', status: 'queued', lastSeq: 1, rated: false });
    second.receive({ type: 'events', conversationId: 'k2', events: [{ seq: 1, id: 'h', at: 1, role: 'system', body: { kind: 'handoff', reason: 'asked_for_person', page, lang: 'fi' } }] });
    const resent = second.frames().find((f) => f.type === 'msg')!;
    second.receive({ type: 'ack', id: resent.id as string, conversationId: 'k1', seq: 5 });
    expect(session.conversation.id.value).toBe('k2');
    expect(session.conversation.events.value.map((e) => e.body.kind)).toEqual(['handoff']);
    expect(session.outbox.items.value).toEqual([]);
  });

  it("keeps another tab's message and file still on their way when this tab saves, for that tab's next page", async () => {
    // Uploads on a slow phone connection: none finishes during the test.
    vi.stubGlobal('fetch', () => new Promise(() => {}));
    const persist = make();
    session.handoff('asked_for_person');
    const a = FakeSocket.last();
    welcome(a);
    a.receive({ type: 'ack', id: a.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    vi.advanceTimersByTime(1_000);
    const tabA = session;
    // The visitor opens the shop in a second tab, which resumes the chat.
    const tabB = createSession({ server: 'https://chat.example', lang: () => 'fi', page: () => page, WebSocket: FakeSocket, persist });
    await tabB.restore();
    welcome(FakeSocket.last(), { id: 'k1', status: 'queued', lastSeq: 1, rated: false });
    const b = FakeSocket.last();
    // Tab A: a photo still uploading, and a message written while its connection is down.
    tabA.uploads.add(new File(['jpeg'], 'sohva.jpg', { type: 'image/jpeg' }));
    a.close(1006);
    tabA.send('Tässä kuva sohvasta');
    vi.advanceTimersByTime(500);
    expect([...persist.files.values()].map((f) => f.name)).toEqual(['sohva.jpg']);
    // Tab B saves what it has: an agent's reply arrives there.
    b.receive({ type: 'events', conversationId: 'k1', events: [{ seq: 2, id: 'j', at: 2, role: 'system', body: { kind: 'joined', agent: 'Aino' } }] });
    vi.advanceTimersByTime(1_000);
    // Tab A goes to the next page; that page finds both, to send.
    tabA.dispose();
    expect([...persist.files.values()].map((f) => f.name)).toEqual(['sohva.jpg']);
    expect(persist.saved?.outbox.map((i) => i.frame.type === 'msg' && i.frame.text)).toEqual(['Tässä kuva sohvasta']);
    // Once a tab has delivered one, it is gone from what is saved.
    session = createSession({ server: 'https://chat.example', lang: () => 'fi', page: () => page, WebSocket: FakeSocket, persist });
    await session.restore();
    const next = FakeSocket.last();
    welcome(next, { id: 'k1', status: 'active', lastSeq: 2, rated: false });
    const msg = next.frames().find((f) => f.type === 'msg')!;
    next.receive({ type: 'ack', id: msg.id as string, conversationId: 'k1', seq: 3 });
    vi.advanceTimersByTime(1_000);
    expect(persist.saved?.outbox).toEqual([]);
    tabB.dispose();
    vi.unstubAllGlobals();
  });

  describe('two tabs of the site', () => {
    const tab = (persist: ReturnType<typeof memoryPersist>) =>
      createSession({ server: 'https://chat.example', lang: () => 'fi', page: () => page, WebSocket: FakeSocket, persist });
    const query = (q: string) => ({ kind: 'bot.query' as const, query: q, decision: 'none' as const, results: [] });
    const joined = { seq: 2, id: 'j', at: 2, role: 'system', body: { kind: 'joined', agent: 'Aino' } } as const;
    const closed = { seq: 3, id: 'c', at: 3, role: 'system', body: { kind: 'closed', by: 'agent' } } as const;

    it('a tab still in the FAQ since before the handoff takes up the conversation another tab started, rather than wiping it', async () => {
      const persist = make();
      const tabA = session;
      await tabA.restore();
      // Tab B: the visitor asks for a person, the agent joins.
      const tabB = tab(persist);
      tabB.handoff('asked_for_person');
      const b = FakeSocket.last();
      welcome(b, null);
      b.receive({ type: 'ack', id: b.frames()[1]!.id, conversationId: 'k1', seq: 1 });
      b.receive({ type: 'events', conversationId: 'k1', events: [joined] });
      vi.advanceTimersByTime(1_000);
      expect(persist.saved).toMatchObject({ token: 'k'.repeat(32), conversation: { id: 'k1', status: 'active' } });
      // Back in tab A, never connected: the visitor types a question in the FAQ.
      tabA.interacted();
      tabA.bot.restore([{ at: 5, body: query('palautus') }]);
      vi.advanceTimersByTime(1_000);
      await vi.waitFor(() => expect(tabA.phase.value).toBe('chat'));
      expect(persist.saved).toMatchObject({ token: 'k'.repeat(32), conversation: { id: 'k1', status: 'active' } });
      expect(tabA.conversation.id.value).toBe('k1');
      // It follows the chat from now on, as the same visitor.
      expect(FakeSocket.last()).not.toBe(b);
      FakeSocket.last().open();
      expect(FakeSocket.last().frames()[0]).toMatchObject({ type: 'hello', token: 'k'.repeat(32), conversationId: 'k1' });
      tabB.dispose();
    });

    it('a tab that never connected keeps the visitor the other tab stored, though neither has a conversation now', () => {
      const persist = make(memoryPersist({ v: 1, token: 't'.repeat(32), conversation: { id: null, events: [], status: 'none', rated: false, lastReadSeq: 0 }, outbox: [], steps: [] }));
      session.interacted();
      session.bot.restore([{ at: 5, body: query('aukioloajat') }]);
      vi.advanceTimersByTime(1_000);
      expect(persist.saved).toMatchObject({ token: 't'.repeat(32), steps: [{ body: { query: 'aukioloajat' } }] });
    });

    it("a tab showing a closed conversation does not bring it back over the other tab's new question", async () => {
      const persist = make();
      session.handoff('asked_for_person');
      const a = FakeSocket.last();
      welcome(a, null);
      a.receive({ type: 'ack', id: a.frames()[1]!.id, conversationId: 'k1', seq: 1 });
      a.receive({ type: 'events', conversationId: 'k1', events: [joined] });
      vi.advanceTimersByTime(1_000);
      const tabA = session;
      // Tab B resumes the chat; then the agent closes it, seen in both.
      const tabB = tab(persist);
      await tabB.restore();
      const b = FakeSocket.last();
      welcome(b, { id: 'k1', status: 'active', lastSeq: 2, rated: false });
      for (const s of [a, b]) s.receive({ type: 'events', conversationId: 'k1', events: [closed] });
      vi.advanceTimersByTime(1_000);
      // In tab A the visitor rates it and starts a new question.
      tabA.rate(5);
      a.receive({ type: 'ack', id: a.frames().find((f) => f.type === 'rate')!.id, conversationId: 'k1', seq: 4 });
      tabA.startOver();
      vi.advanceTimersByTime(1_000);
      expect(persist.saved?.conversation.id).toBeNull();
      // Tab B, still showing the closed chat (its rating form), saves: the new question stays.
      b.receive({ type: 'staffed', on: false });
      tabB.conversation.markRead();
      vi.advanceTimersByTime(1_000);
      expect(persist.saved?.conversation.id).toBeNull();
      expect(persist.saved?.token).toBe('k'.repeat(32));
      // Tab A hands the new question to a person; tab B saves again, and k2 stays.
      tabA.handoff('asked_for_person');
      const a2 = FakeSocket.last();
      welcome(a2, null);
      a2.receive({ type: 'ack', id: a2.frames().find((f) => f.type === 'handoff')!.id, conversationId: 'k2', seq: 1 });
      vi.advanceTimersByTime(1_000);
      tabB.bot.restore([]);
      vi.advanceTimersByTime(1_000);
      expect(persist.saved?.conversation.id).toBe('k2');
      // And a new page of the site shows k2.
      const next = tab(persist);
      await next.restore();
      expect(next.conversation.id.value).toBe('k2');
      expect(next.phase.value).toBe('chat');
      for (const t of [tabB, next]) t.dispose();
    });

    it('both tabs in one chat: each saves what it has, and a message from either is kept', async () => {
      const persist = make();
      session.handoff('asked_for_person');
      const a = FakeSocket.last();
      welcome(a, null);
      a.receive({ type: 'ack', id: a.frames()[1]!.id, conversationId: 'k1', seq: 1 });
      vi.advanceTimersByTime(1_000);
      const tabB = tab(persist);
      await tabB.restore();
      const b = FakeSocket.last();
      welcome(b, { id: 'k1', status: 'queued', lastSeq: 1, rated: false });
      for (const s of [a, b]) s.receive({ type: 'events', conversationId: 'k1', events: [joined] });
      vi.advanceTimersByTime(1_000);
      b.close(1006);
      tabB.send('Tabista B');
      vi.advanceTimersByTime(100);
      a.receive({ type: 'events', conversationId: 'k1', events: [{ seq: 3, id: 'r', at: 3, role: 'agent', body: { kind: 'text', text: 'Hei!' } }] });
      vi.advanceTimersByTime(1_000);
      expect(persist.saved?.conversation).toMatchObject({ id: 'k1', status: 'active' });
      expect(persist.saved?.conversation.events.map((e) => e.seq)).toEqual([2, 3]);
      expect(persist.saved?.outbox.map((i) => i.frame.type === 'msg' && i.frame.text)).toEqual(['Tabista B']);
      tabB.dispose();
    });
  });

  it("lets go of the photos the last customer left on their way once the site says someone else is here, on this page or the next", async () => {
    vi.stubGlobal('fetch', () => new Promise(() => {}));
    let who: { name: string; email: string } | undefined = { name: 'Matti', email: 'matti@example.fi' };
    const persist = make(memoryPersist(), () => who);
    session.identify();
    session.handoff('asked_for_person');
    const s = FakeSocket.last();
    welcome(s);
    s.receive({ type: 'ack', id: s.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    session.uploads.add(new File(['jpeg'], 'sohva.jpg', { type: 'image/jpeg' }));
    vi.advanceTimersByTime(1_000);
    const saved = (await persist.load())!;
    expect(saved.files).toHaveLength(1);
    // He logs out.
    who = undefined;
    session.identify();
    expect(session.uploads.items.value).toEqual([]);
    expect(persist.files.size).toBe(0);
    session.dispose();

    // Or he closed the tab, and the next page says nobody is logged in before it has read what was kept.
    const next = make(memoryPersist(saved), () => undefined);
    session.identify();
    await session.restore();
    expect(next.files.size).toBe(0);
    expect(FakeSocket.all).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(next.saved).toMatchObject({ token: undefined, conversation: { id: null, events: [] }, outbox: [], steps: [] });
    vi.unstubAllGlobals();
  });

  it('writes a photo still uploading once, under its own key, not again with every save of the state, and lets it go once sent', async () => {
    // 8.6 MB over a throttled link: the upload is answered only at the end of the test.
    let answer = (_: Response) => {};
    vi.stubGlobal('fetch', () => new Promise<Response>((resolve) => (answer = resolve)));
    const persist = make();
    const file = vi.spyOn(persist, 'file');
    session.handoff('asked_for_person');
    const s = FakeSocket.last();
    welcome(s);
    s.receive({ type: 'ack', id: s.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    const photo = new File([new Uint8Array(1024)], 'sohva.png', { type: 'image/png' });
    session.uploads.add(photo);
    const id = session.uploads.items.value[0]!.id;
    for (let n = 0; n < 20; n++) {
      session.send(`viesti ${n}`);
      s.receive({ type: 'ack', id: s.frames().at(-1)!.id, conversationId: 'k1', seq: n + 2 });
      vi.advanceTimersByTime(200);
    }
    await vi.advanceTimersByTimeAsync(200);
    expect(file.mock.calls).toEqual([[id, photo]]);
    // The state holds no file: what the browser writes at each change stays small.
    expect(JSON.stringify(persist.saved)).not.toContain(id);
    expect(persist.saved).not.toHaveProperty('files');
    // The next page would find it, to send.
    expect((await persist.load())?.files).toEqual([{ id, file: photo }]);
    answer(new Response('{}', { status: 200 }));
    await vi.waitFor(() => expect(session.uploads.items.value[0]?.status).toBe('sent'));
    expect(file.mock.calls).toEqual([[id, photo], [id, undefined]]);
    expect(persist.files.size).toBe(0);
    vi.unstubAllGlobals();
  });

  it('sends a message once, and throws nothing at the page, when the storage throws as it is opened', () => {
    const persist = memoryPersist();
    const refused = () => {
      throw new DOMException('access to the Indexed Database API is denied in this context.', 'SecurityError');
    };
    persist.save = persist.saveNow = refused;
    make(persist);
    session.handoff('asked_for_person');
    const s = FakeSocket.last();
    welcome(s);
    s.receive({ type: 'ack', id: s.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    // A throw here left the message in the box, and the visitor sent it again.
    expect(() => session.send('Hei')).not.toThrow();
    expect(() => session.flush()).not.toThrow();
    vi.advanceTimersByTime(1_000);
    expect(s.frames().filter((f) => f.type === 'msg').map((f) => f.text)).toEqual(['Hei']);
  });

  it("hands off with the bot steps as an array on a Magento 1 shop, whose Prototype.js gives arrays a toJSON", () => {
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
      welcome(s);
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

  it("tells the server the page a single-page app moved on to, with the next message or typing, once", () => {
    const shop = 'https://kauppa.example/spa/';
    let now = { url: shop + 'tuotteet/sohva-123', title: 'Sohva' };
    FakeSocket.all = [];
    session = createSession({ server: 'https://chat.example', lang: () => 'fi', page: () => now, WebSocket: FakeSocket, persist: memoryPersist() });
    session.handoff('asked_for_person');
    const first = FakeSocket.last();
    welcome(first);
    first.receive({ type: 'ack', id: first.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    session.send('Onko tämä sohva varastossa?');
    // The server has the page from the hello and the handoff: nothing more to say yet.
    expect(first.frames().at(-1)).not.toHaveProperty('page');

    // history.pushState: no new page load, so no new hello.
    now = { url: shop + 'kassa/maksu', title: 'Kassa' };
    session.typing(true);
    session.send('Miten maksan osamaksulla?');
    session.send('Entä lasku?');
    const sent = (s: FakeSocket) => s.frames().slice(2).map((f) => [f.type, (f.page as { url: string } | undefined)?.url]);
    expect(sent(first)).toEqual([
      ['msg', undefined],
      ['typing', shop + 'kassa/maksu'],
      ['typing', undefined],
      ['msg', undefined],
      ['msg', undefined],
    ]);

    // Without typing first, the message says it; one written while the socket is down says
    // nothing of the page it was written on: the next socket's hello has the page of then.
    now = { url: shop + 'kassa/toimitus', title: 'Toimitus' };
    session.send('Toimitatteko Ouluun?');
    expect(first.frames().at(-1)).toMatchObject({ type: 'msg', page: now });
    now = { url: shop + 'kassa/yhteenveto', title: 'Yhteenveto' };
    first.close(1006);
    session.send('Kiitos!');
    now = { url: shop + 'kiitos', title: 'Kiitos tilauksesta' };
    vi.advanceTimersByTime(1_000);
    const second = FakeSocket.last();
    welcome(second);
    expect(second.frames()[0]).toMatchObject({ type: 'hello', page: now });
    expect(second.frames().filter((f) => f.type === 'msg').map((f) => [f.text, f.page])).toEqual([
      ['Onko tämä sohva varastossa?', undefined],
      ['Miten maksan osamaksulla?', undefined],
      ['Entä lasku?', undefined],
      ['Toimitatteko Ouluun?', undefined],
      ['Kiitos!', undefined],
    ]);
  });

  it('starts a new question without the failed messages of the last conversation', () => {
    make();
    session.handoff('asked_for_person');
    const s = FakeSocket.last();
    welcome(s);
    s.receive({ type: 'ack', id: s.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    session.send('Kiitos!');
    s.receive({ type: 'error', id: s.frames().find((f) => f.type === 'msg')!.id as string, code: 'no_conversation', message: 'There is no open conversation to send to.' });
    s.receive({ type: 'events', conversationId: 'k1', events: [{ seq: 2, id: 'c', at: 2, role: 'system', body: { kind: 'closed', by: 'agent' } }] });
    expect(session.outbox.items.value.map((i) => i.status)).toEqual(['failed']);
    session.startOver();
    expect(session.outbox.items.value).toEqual([]);
  });
});
