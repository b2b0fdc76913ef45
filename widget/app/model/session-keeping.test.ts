// What the session keeps for the next page and the site's other tabs, and what it lets go: when
// nothing is written yet, another tab's messages and files, someone else at the browser, a storage that throws.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../net/fake-socket';
import { memoryPersist } from './storage';
import { createSession } from './session';
import { make, page, session, settled, use, welcome } from './session-test-kit';

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  session.dispose();
  vi.useRealTimers();
});

describe('session keeping state', () => {
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

  it('keeps the token of a welcome at once, so a tab closed as the handoff goes leaves the next page the same visitor', async () => {
    const persist = make();
    session.handoff('asked_for_person');
    await welcome(FakeSocket.last());
    // No batching delay: a page closed now must not leave the next one without the token, to come
    // as a new visitor whose resent handoff opens a second conversation the agent never answers.
    await vi.advanceTimersByTimeAsync(0);
    expect(persist.saved?.token).toBe('k'.repeat(32));
  });

  it("sends a new visitor's handoff only once the welcome's token is kept, and after a second at most where storage never answers", async () => {
    for (const answers of [true, false]) {
      const persist = make();
      let done = () => {};
      const save = persist.save;
      // Held, as an IndexedDB write is until its transaction commits (a tab closed first drops it).
      persist.save = (next) => new Promise<void>((resolve) => (done = () => void save(next).then(resolve)));
      session.handoff('asked_for_person');
      const s = FakeSocket.last();
      await welcome(s);
      expect(s.frames().map((f) => f.type)).toEqual(['hello']);
      if (answers) {
        done();
        await settled();
        expect(persist.saved?.token).toBe('k'.repeat(32));
      } else {
        await vi.advanceTimersByTimeAsync(999);
        expect(s.frames().map((f) => f.type)).toEqual(['hello']);
        await vi.advanceTimersByTimeAsync(1);
      }
      expect(s.frames().map((f) => f.type)).toEqual(['hello', 'handoff']);
      // The next socket's welcome names the token kept: what waits goes at once.
      s.close(1006);
      while (FakeSocket.last() === s) await vi.advanceTimersByTimeAsync(100);
      const next = FakeSocket.last();
      next.open();
      next.receive({ type: 'welcome', visitorId: 'v1', token: 'k'.repeat(32), conversation: null, heartbeatMs: 0, staffed: true });
      expect(next.frames().map((f) => f.type)).toEqual(['hello', 'handoff']);
      session.dispose();
    }
  });

  it("keeps the conversation it is in when a message resent after a drop is acked in the one another tab has left", async () => {
    make();
    session.handoff('asked_for_person');
    const first = FakeSocket.last();
    await welcome(first);
    first.receive({ type: 'ack', id: first.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    session.send('Yksi kysymys vielä');
    first.close(1006);
    // Meanwhile, in another tab: k1 closed and rated, and a new question handed to a person as k2.
    vi.advanceTimersByTime(1_000);
    const second = FakeSocket.last();
    await welcome(second, { id: 'k2', status: 'queued', lastSeq: 1, rated: false });
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
    await welcome(a);
    a.receive({ type: 'ack', id: a.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    vi.advanceTimersByTime(1_000);
    const tabA = session;
    // The visitor opens the shop in a second tab, which resumes the chat.
    const tabB = createSession({ server: 'https://chat.example', lang: () => 'fi', page: () => page, WebSocket: FakeSocket, persist });
    await tabB.restore();
    await welcome(FakeSocket.last(), { id: 'k1', status: 'queued', lastSeq: 1, rated: false });
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
    use(createSession({ server: 'https://chat.example', lang: () => 'fi', page: () => page, WebSocket: FakeSocket, persist }));
    await session.restore();
    const next = FakeSocket.last();
    await welcome(next, { id: 'k1', status: 'active', lastSeq: 2, rated: false });
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
      await welcome(b, null);
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
      await welcome(a, null);
      a.receive({ type: 'ack', id: a.frames()[1]!.id, conversationId: 'k1', seq: 1 });
      a.receive({ type: 'events', conversationId: 'k1', events: [joined] });
      vi.advanceTimersByTime(1_000);
      const tabA = session;
      // Tab B resumes the chat; then the agent closes it, seen in both.
      const tabB = tab(persist);
      await tabB.restore();
      const b = FakeSocket.last();
      await welcome(b, { id: 'k1', status: 'active', lastSeq: 2, rated: false });
      for (const s of [a, b]) s.receive({ type: 'events', conversationId: 'k1', events: [closed] });
      vi.advanceTimersByTime(1_000);
      // In tab A the visitor rates it and starts a new question.
      tabA.rate(5);
      // (Closed, tab A's socket went; the rating opens one of its own.)
      const ar = FakeSocket.last();
      await welcome(ar, { id: 'k1', status: 'closed', lastSeq: 3, rated: false });
      ar.receive({ type: 'ack', id: ar.frames().find((f) => f.type === 'rate')!.id, conversationId: 'k1', seq: 4 });
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
      await welcome(a2, null);
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
      await welcome(a, null);
      a.receive({ type: 'ack', id: a.frames()[1]!.id, conversationId: 'k1', seq: 1 });
      vi.advanceTimersByTime(1_000);
      const tabB = tab(persist);
      await tabB.restore();
      const b = FakeSocket.last();
      await welcome(b, { id: 'k1', status: 'queued', lastSeq: 1, rated: false });
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
    await welcome(s);
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
    await welcome(s);
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

  it('sends a message once, and throws nothing at the page, when the storage throws as it is opened', async () => {
    const persist = memoryPersist();
    const refused = async () => {
      throw new DOMException('access to the Indexed Database API is denied in this context.', 'SecurityError');
    };
    persist.save = persist.saveNow = refused;
    make(persist);
    session.handoff('asked_for_person');
    const s = FakeSocket.last();
    await welcome(s);
    s.receive({ type: 'ack', id: s.frames()[1]!.id, conversationId: 'k1', seq: 1 });
    // A throw here left the message in the box, and the visitor sent it again.
    expect(() => session.send('Hei')).not.toThrow();
    expect(() => session.flush()).not.toThrow();
    vi.advanceTimersByTime(1_000);
    expect(s.frames().filter((f) => f.type === 'msg').map((f) => f.text)).toEqual(['Hei']);
  });
});
