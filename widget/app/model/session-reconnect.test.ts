// The session across a dropped or replaced socket: what goes again, where it resumes, and what a
// new welcome (or a refused token) means for the conversation the widget kept.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE } from '../../../protocol/errors';
import { FakeSocket } from '../net/fake-socket';
import { memoryPersist } from './storage';
import { createSession } from './session';
import { make, page, session, use, welcome } from './session-test-kit';

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  session.dispose();
  vi.useRealTimers();
});

describe('session after a reconnect', () => {
  it('re-sends unacknowledged messages after a reconnect and resumes after the last seq', async () => {
    make();
    session.handoff('asked_for_person');
    const first = FakeSocket.last();
    await welcome(first);
    const handoff = first.frames()[1]!;
    first.receive({ type: 'ack', id: handoff.id, conversationId: 'k1', seq: 3 });
    first.receive({ type: 'events', conversationId: 'k1', events: [{ seq: 4, id: 'a', at: 1, role: 'agent', body: { kind: 'text', text: 'Moi' } }] });
    session.send('Onko paketti tulossa?');
    first.close(1006);
    vi.advanceTimersByTime(1_000);
    const second = FakeSocket.last();
    expect(second).not.toBe(first);
    await welcome(second);
    const frames = second.frames();
    expect(frames[0]).toMatchObject({ type: 'hello', token: 'k'.repeat(32), afterSeq: 4, conversationId: 'k1' });
    expect(frames[1]).toMatchObject({ type: 'msg', text: 'Onko paketti tulossa?' });
    expect(frames.filter((f) => f.type === 'handoff')).toHaveLength(0);
  });

  it('keeps a message written while offline as sending, and sends it on the next welcome', async () => {
    make();
    session.handoff('asked_for_person');
    const first = FakeSocket.last();
    await welcome(first);
    first.close(1006);
    session.send('Oletko siellä?');
    // Longer than the ack timeout; the reconnect attempt opened at 9.5 s is still pending.
    vi.advanceTimersByTime(12_000);
    expect(session.outbox.items.value.find((i) => i.frame.type === 'msg')?.status).toBe('sending');
    await welcome(FakeSocket.last());
    expect(FakeSocket.last().frames().find((f) => f.type === 'msg')).toMatchObject({ text: 'Oletko siellä?' });
  });

  it('takes a rate-limit close (4029) as a reason to reconnect after the backoff and send the outbox again', async () => {
    make();
    session.handoff('asked_for_person');
    const first = FakeSocket.last();
    await welcome(first);
    first.receive({ type: 'ack', id: first.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    session.send('Hei');
    first.receive({ type: 'error', code: 'rate_limited', message: 'Too many frames; slow down.' });
    first.close(CLOSE.rateLimited);
    expect(session.outbox.items.value.map((i) => i.status)).toEqual(['sending']);
    vi.advanceTimersByTime(1_000);
    const second = FakeSocket.last();
    expect(second).not.toBe(first);
    await welcome(second);
    expect(second.frames().filter((f) => f.type === 'msg').map((f) => f.text)).toEqual(['Hei']);
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
    await welcome(first);
    first.receive({ type: 'ack', id: first.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    first.close(1006);
    session.uploads.add(new File(['jpeg'], 'kuitti.jpg', { type: 'image/jpeg' }));
    session.send('Tässä kuitti');
    await vi.advanceTimersByTimeAsync(100);
    expect(session.uploads.items.value.map((u) => u.status)).toEqual(['sending']);
    expect(session.outbox.items.value.map((i) => i.status)).toEqual(['sending']);
    await vi.advanceTimersByTimeAsync(1_000);
    await welcome(FakeSocket.last());
    await vi.waitFor(() => expect(session.uploads.items.value.map((u) => u.status)).toEqual(['sent']));
    expect(posts).toEqual([session.uploads.items.value[0]!.id, session.uploads.items.value[0]!.id]);
    vi.unstubAllGlobals();
  });

  it('starts over as a new visitor when the server no longer knows the token', async () => {
    make();
    session.handoff('asked_for_person');
    await welcome(FakeSocket.last());
    FakeSocket.last().close(CLOSE.unauthorized);
    vi.advanceTimersByTime(1_000);
    FakeSocket.last().open();
    expect(FakeSocket.last().frames()[0]).not.toHaveProperty('token');
  });

  it('resumes after the last event the server sent, not after an ack that overtook an agent reply', async () => {
    make();
    session.handoff('asked_for_person');
    const first = FakeSocket.last();
    await welcome(first);
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

  it('resumes from before a frame it never got, on the next socket and the next page, not past it', async () => {
    const persist = make();
    session.handoff('asked_for_person');
    const first = FakeSocket.last();
    await welcome(first);
    first.receive({ type: 'ack', id: first.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    const ev = (seq: number) => ({ seq, id: `e${seq}`, at: seq, role: 'agent', body: { kind: 'text', text: `m${seq}` } });
    first.receive({ type: 'events', conversationId: 'k1', after: 0, events: [ev(1), ev(2), ev(3)] });
    // The frame with 4 and 5 never arrives (once: one over 64 K, refused); the next follows on from 5.
    first.receive({ type: 'events', conversationId: 'k1', after: 5, events: [ev(6)] });
    expect(session.conversation.events.value.map((e) => e.seq)).toEqual([1, 2, 3, 6]);
    first.close(1006);
    vi.advanceTimersByTime(1_000);
    const second = FakeSocket.last();
    second.open();
    expect(second.frames()[0]).toMatchObject({ type: 'hello', afterSeq: 3, conversationId: 'k1' });
    // The page is left before the replay comes: the next page asks from 3 again.
    vi.advanceTimersByTime(1_000);
    session.dispose();
    use(createSession({ server: 'https://chat.example', lang: () => 'fi', page: () => page, WebSocket: FakeSocket, persist }));
    await session.restore();
    const third = FakeSocket.last();
    await welcome(third, { id: 'k1', status: 'active', lastSeq: 6, rated: false });
    expect(third.frames()[0]).toMatchObject({ type: 'hello', afterSeq: 3, conversationId: 'k1' });
    third.receive({ type: 'events', conversationId: 'k1', after: 3, events: [ev(4), ev(5), ev(6)] });
    expect(session.conversation.events.value.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    third.close(1006);
    vi.advanceTimersByTime(1_000);
    FakeSocket.last().open();
    expect(FakeSocket.last().frames()[0]).toMatchObject({ type: 'hello', afterSeq: 6 });
  });

  it('goes back to the FAQ when the server no longer has the conversation the widget kept, and sends nothing into it', async () => {
    make();
    session.handoff('asked_for_person');
    const first = FakeSocket.last();
    await welcome(first);
    first.receive({ type: 'ack', id: first.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    first.receive({ type: 'events', conversationId: 'k1', events: [{ seq: 2, id: 'j', at: 2, role: 'system', body: { kind: 'joined', agent: 'Aino' } }] });
    expect(session.conversation.status.value).toBe('active');
    first.close(1006);
    session.send('Hei taas, onko uutisia?');
    // Back a day later: the agent closed it meanwhile, and the server shows a closed one for 24 h only.
    vi.advanceTimersByTime(1_000);
    await welcome(FakeSocket.last(), null);
    expect(session.conversation.status.value).toBe('none');
    expect(session.phase.value).toBe('bot');
    expect(session.outbox.items.value).toEqual([]);
    expect(FakeSocket.last().frames().map((f) => f.type)).toEqual(['hello']);
  });

  it("tells the server the page a single-page app moved on to, with the next message or typing, once", async () => {
    const shop = 'https://kauppa.example/spa/';
    let now = { url: shop + 'tuotteet/sohva-123', title: 'Sohva' };
    FakeSocket.all = [];
    use(createSession({ server: 'https://chat.example', lang: () => 'fi', page: () => now, WebSocket: FakeSocket, persist: memoryPersist() }));
    session.handoff('asked_for_person');
    const first = FakeSocket.last();
    await welcome(first);
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
    await welcome(second);
    expect(second.frames()[0]).toMatchObject({ type: 'hello', page: now });
    expect(second.frames().filter((f) => f.type === 'msg').map((f) => [f.text, f.page])).toEqual([
      ['Onko tämä sohva varastossa?', undefined],
      ['Miten maksan osamaksulla?', undefined],
      ['Entä lasku?', undefined],
      ['Toimitatteko Ouluun?', undefined],
      ['Kiitos!', undefined],
    ]);
  });
});
