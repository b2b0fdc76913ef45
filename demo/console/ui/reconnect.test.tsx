import { act, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderConsole, stopConsoles } from '../test-render';
import { botPart, ME, summary, textEvent } from '../test-support';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  stopConsoles();
  vi.useRealTimers();
});

describe('reconnecting', () => {
  it('comes back after a drop and re-opens the conversation after the last seq seen, showing nothing twice', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME })] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    c.receive({ type: 'events', conversationId: 'k1', events: [...botPart(), textEvent(5, 'visitor', 'Hei')] });

    // An unsent message while the link is down waits as "sending" and goes out again after the welcome.
    act(() => c.last().drop(1006));
    expect(screen.getByRole('status').textContent).toMatch(/Reconnecting/);
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.input(box, { target: { value: 'Oletko vielä siellä?' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(screen.getByText('Sending…')).toBeTruthy();

    // First retry: 500 ms × jitter 0.75 (random 0.5).
    act(() => void vi.advanceTimersByTime(374));
    expect(c.sockets).toHaveLength(1);
    act(() => void vi.advanceTimersByTime(1));
    expect(c.sockets).toHaveLength(2);
    c.connect(c.sockets[1]);
    const second = c.sockets[1]!;
    expect(second.sent.map((m) => m.type)).toEqual(['hello', 'open', 'history', 'msg']);
    expect(second.sentOf('open')).toEqual([{ type: 'open', conversationId: 'k1', afterSeq: 5 }]);
    expect(second.sentOf('msg')[0]).toMatchObject({ text: 'Oletko vielä siellä?' });
    expect(screen.getByRole('status').textContent).toBe('Connected');

    // The server replays from 6; a repeat of 5 is ignored.
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'visitor', 'Hei'), textEvent(6, 'visitor', 'Haloo')] });
    const log = screen.getByRole('log', { name: 'Transcript' });
    expect(within(log).getAllByText('Hei')).toHaveLength(1);
    expect(within(log).getByText('Haloo')).toBeTruthy();
  });

  it("streams all of the agent's own conversations again after a drop, so a reply in one not open is still badged new", () => {
    const c = renderConsole();
    c.connect();
    const mine = [summary({ status: 'active', agent: ME }), summary({ id: 'k2', visitorId: 'v2', status: 'active', agent: ME, questions: ['Lahjakortti?'] })];
    c.receive({ type: 'queue', conversations: [...mine, summary({ id: 'k3', visitorId: 'v3', status: 'active', agent: { id: 'pekka', name: 'Pekka' }, questions: ['Aukioloajat?'] })] });
    // Its own conversations are followed from the first queue on, the colleague's is not.
    expect(c.last().sentOf('open')).toEqual([
      { type: 'open', conversationId: 'k1', afterSeq: 0 },
      { type: 'open', conversationId: 'k2', afterSeq: 0 },
    ]);
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    c.receive({ type: 'events', conversationId: 'k1', events: botPart() });
    c.receive({ type: 'events', conversationId: 'k2', events: [textEvent(1, 'visitor', 'Hei')] });

    act(() => c.last().drop(1006));
    act(() => void vi.advanceTimersByTime(375));
    c.connect();
    c.receive({ type: 'queue', conversations: mine });
    expect(c.last().sentOf('open')).toEqual([
      { type: 'open', conversationId: 'k1', afterSeq: 4 },
      { type: 'open', conversationId: 'k2', afterSeq: 1 },
    ]);
    c.receive({ type: 'events', conversationId: 'k2', events: [textEvent(2, 'visitor', 'Onko lahjakortti voimassa?')] });
    expect(screen.getByRole('button', { name: /Lahjakortti\? 2 new/ })).toBeTruthy();
  });

  it('after a reload, calls new only what the agent had not seen before it', () => {
    const mine = [summary({ status: 'active', agent: ME }), summary({ id: 'k2', visitorId: 'v2', status: 'active', agent: ME, questions: ['Lahjakortti?'] })];
    const first = renderConsole();
    first.connect();
    first.receive({ type: 'queue', conversations: mine });
    first.receive({ type: 'events', conversationId: 'k2', events: [textEvent(1, 'visitor', 'Hei')] });
    fireEvent.click(screen.getByRole('button', { name: /Lahjakortti/ }));
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    const stored = [...first.store];
    stopConsoles();

    const again = renderConsole({ stored });
    again.connect();
    again.receive({ type: 'queue', conversations: mine });
    again.receive({ type: 'events', conversationId: 'k2', events: [textEvent(1, 'visitor', 'Hei'), textEvent(2, 'visitor', 'Haloo?')] });
    expect(screen.getByRole('button', { name: /Lahjakortti\? 1 new/ })).toBeTruthy();
  });

  it('says once that the connection is lost, not again at each attempt while the server is down', () => {
    const c = renderConsole();
    c.connect();
    const status = screen.getByRole('status');
    act(() => c.last().drop(1006));
    // Waiting, then trying (a new socket), three times over: the same words all along.
    for (const wait of [375, 750, 1_500]) {
      expect(status.textContent).toBe('Connection lost. Reconnecting…');
      const sockets = c.sockets.length;
      act(() => void vi.advanceTimersByTime(wait));
      expect(c.sockets).toHaveLength(sockets + 1);
      expect(status.textContent).toBe('Connection lost. Reconnecting…');
      act(() => c.last().drop(1006));
    }
    act(() => void vi.advanceTimersByTime(3_000));
    c.connect();
    expect(screen.getByRole('status')).toBe(status);
    expect(status.textContent).toBe('Connected');
  });

  it('backs off further on every failed attempt and starts over after a welcome', () => {
    const c = renderConsole();
    act(() => c.last().drop(1006));
    act(() => void vi.advanceTimersByTime(375)); // attempt 0: 375 ms
    act(() => c.last().drop(1006));
    act(() => void vi.advanceTimersByTime(749)); // attempt 1: 750 ms
    expect(c.sockets).toHaveLength(2);
    act(() => void vi.advanceTimersByTime(1));
    expect(c.sockets).toHaveLength(3);
    c.connect();
    act(() => c.last().drop(1006));
    act(() => void vi.advanceTimersByTime(375));
    expect(c.sockets).toHaveLength(4);
  });

  it('gives up on a socket that never opens and tries a fresh one', () => {
    const c = renderConsole({}, { connectTimeoutMs: 1_000 });
    act(() => void vi.advanceTimersByTime(1_000));
    expect(c.sockets[0]?.readyState).toBe(3);
    act(() => void vi.advanceTimersByTime(375));
    expect(c.sockets).toHaveLength(2);
  });

  it('gives up on a socket that opens but is never welcomed, says so as for a failed connect, and tries again with the backoff', () => {
    const c = renderConsole({}, { connectTimeoutMs: 1_000 });
    const status = screen.getByRole('status');
    act(() => c.last().open());
    expect(c.last().sentOf('hello')).toHaveLength(1);
    act(() => void vi.advanceTimersByTime(999));
    expect(status.textContent).toBe('Connecting…');
    // The welcome never comes within the connect timeout: the socket is given up, as one that never opened.
    act(() => void vi.advanceTimersByTime(1));
    expect(c.sockets[0]?.readyState).toBe(3);
    expect(status.textContent).toBe('Connection lost. Reconnecting…');
    act(() => void vi.advanceTimersByTime(375));
    expect(c.sockets).toHaveLength(2);
    // An open without a welcome does not start the backoff over: the next wait is longer.
    act(() => c.last().open());
    act(() => void vi.advanceTimersByTime(1_000));
    expect(c.sockets[1]?.readyState).toBe(3);
    act(() => void vi.advanceTimersByTime(749));
    expect(c.sockets).toHaveLength(2);
    act(() => void vi.advanceTimersByTime(1));
    expect(c.sockets).toHaveLength(3);
    c.connect();
    expect(status.textContent).toBe('Connected');
  });

  it('shows the connection lost as soon as the browser says the network is gone, and a reply written then goes after the welcome', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME })] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    act(() => c.goOffline());
    // The socket may stay "open" for many seconds until TCP gives up: the console does not wait for it.
    expect(screen.getByRole('status').textContent).toBe('Connection lost. Reconnecting…');
    expect(c.sockets[0]?.readyState).toBe(3);
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.input(box, { target: { value: 'Tarkistan asian' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    act(() => void vi.advanceTimersByTime(60_000));
    expect(screen.getByText('Sending…')).toBeTruthy();
    act(() => c.goOnline());
    c.connect();
    expect(c.last().sentOf('msg').map((m) => m.text)).toEqual(['Tarkistan asian']);
    expect(c.offlineListeners.size).toBe(1);
    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    fireEvent.click(screen.getByRole('button', { name: 'Log out anyway' }));
    expect(c.offlineListeners.size).toBe(0);
  });

  it('does not fail a reply the dead link never acked: it takes the link for dead, and the reply and those after it go in order after the welcome', () => {
    const c = renderConsole({}, { ackTimeoutMs: 2_000, pongTimeoutMs: 1_000 });
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME })] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    const box = screen.getByRole('textbox', { name: 'Message' });
    const write = (text: string) => {
      fireEvent.input(box, { target: { value: text } });
      fireEvent.keyDown(box, { key: 'Enter' });
    };
    // The network is gone without the browser knowing: the socket still looks open, nothing comes back.
    write('Ensimmäinen');
    act(() => void vi.advanceTimersByTime(2_000));
    // No ack in time: the console asks the link whether it lives, and the reply is still on its way.
    expect(c.sockets[0]?.sentOf('ping')).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toBe('Connected');
    expect(screen.getByText('Sending…')).toBeTruthy();
    act(() => void vi.advanceTimersByTime(1_000));
    // No pong either: the link is dead, and the bar says so.
    expect(c.sockets[0]?.readyState).toBe(3);
    expect(screen.getByRole('status').textContent).toBe('Connection lost. Reconnecting…');
    write('Toinen');
    act(() => void vi.advanceTimersByTime(30_000));
    expect(screen.queryByText('Failed')).toBeNull();
    expect(screen.getAllByText('Sending…')).toHaveLength(2);
    act(() => c.goOnline());
    c.connect();
    // In the order written, the first with its id: the server stores one it already had once.
    expect(c.last().sentOf('msg').map((m) => m.text)).toEqual(['Ensimmäinen', 'Toinen']);
    expect(c.last().sentOf('msg')[0]?.id).toBe(c.sockets[0]?.sentOf('msg')[0]?.id);
  });

  it('waits one more ack timeout for a live but slow server, and fails a reply only when the server refuses it', () => {
    const c = renderConsole({}, { ackTimeoutMs: 2_000, pongTimeoutMs: 1_000 });
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME })] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.input(box, { target: { value: 'Hei' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    // Almost twice the ack timeout without the ack; the link answers the ping at once: the server has the reply and is still storing it.
    let answered = 0;
    for (let t = 0; t < 3_900; t += 100) {
      act(() => void vi.advanceTimersByTime(100));
      for (; answered < c.last().sentOf('ping').length; answered++) c.receive({ type: 'pong', t: Date.now() });
    }
    expect(answered).toBe(1);
    expect(c.sockets).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toBe('Connected');
    expect(screen.getByText('Sending…')).toBeTruthy();
    c.receive({ type: 'error', code: 'not_assigned', message: 'x', id: String(c.last().sentOf('msg')[0]?.id) });
    expect(screen.getByText('Failed')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('does not leave a reply "Sending…" for ever on a server that answers pings but never acks it: it reconnects and sends it again, in order', () => {
    const c = renderConsole({}, { ackTimeoutMs: 2_000, pongTimeoutMs: 1_000 });
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME })] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    const box = screen.getByRole('textbox', { name: 'Message' });
    for (const text of ['Ensimmäinen', 'Toinen']) {
      fireEvent.input(box, { target: { value: text } });
      fireEvent.keyDown(box, { key: 'Enter' });
    }
    const [first, second] = c.sockets[0]!.sentOf('msg');
    // The second is acked; the first never is, though every ping has its pong.
    c.receive({ type: 'ack', id: String(second?.id), conversationId: 'k1', seq: 6 });
    let answered = 0;
    for (let t = 0; t < 4_000; t += 100) {
      act(() => void vi.advanceTimersByTime(100));
      for (; answered < c.sockets[0]!.sentOf('ping').length; answered++) c.receive({ type: 'pong', t: Date.now() });
    }
    // A pong and still no ack an ack timeout later: the console stops waiting on this link, and the bar says so.
    expect(c.sockets[0]?.readyState).toBe(3);
    expect(screen.getByRole('status').textContent).toBe('Connection lost. Reconnecting…');
    expect(screen.getByText('Sending…')).toBeTruthy();
    act(() => void vi.advanceTimersByTime(375));
    c.connect();
    // Only the unacknowledged one goes again, with its id: the server stores an id once.
    expect(c.last().sentOf('msg')).toEqual([first]);
    c.receive({ type: 'ack', id: String(first?.id), conversationId: 'k1', seq: 5 });
    expect(screen.queryByText('Sending…')).toBeNull();
  });

  it('pings at half the heartbeat interval', () => {
    const c = renderConsole();
    c.connect();
    act(() => void vi.advanceTimersByTime(15_000));
    expect(c.last().sentOf('ping')).toHaveLength(1);
  });

  it('sends nothing but hello until the server has said welcome', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary(), summary({ id: 'k2', questions: ['Lahjakortti?'] })] });
    act(() => c.last().drop(1006));
    act(() => void vi.advanceTimersByTime(375));
    act(() => c.last().open());
    fireEvent.click(screen.getByRole('button', { name: /Lahjakortti/ }));
    expect(c.last().sent.map((m) => m.type)).toEqual(['hello']);
    act(() => c.last().receive({ type: 'welcome', agent: ME, heartbeatMs: 30_000, emailsReplies: false }));
    expect(c.last().sentOf('open')).toEqual([{ type: 'open', conversationId: 'k2', afterSeq: 0 }]);
  });

  it('drops a link that answers no pings, even while other frames still arrive, and reconnects', () => {
    const c = renderConsole();
    c.connect();
    for (let i = 0; i < 3; i++) {
      act(() => void vi.advanceTimersByTime(15_000));
      c.receive({ type: 'queue', conversations: [] });
    }
    expect(c.sockets[0]?.readyState).toBe(3);
    expect(screen.getByRole('status').textContent).toMatch(/Reconnecting/);
  });

  it("drops a link that answers no pings after the agent's clock is set back, not an hour later", () => {
    const c = renderConsole();
    c.connect();
    // A laptop waking and syncing its clock: the wall clock goes back an hour, time goes on.
    vi.setSystemTime(Date.now() - 3_600_000);
    act(() => void vi.advanceTimersByTime(45_000));
    expect(c.sockets[0]?.readyState).toBe(3);
    expect(screen.getByRole('status').textContent).toMatch(/Reconnecting/);
  });

  it("counts down to the next attempt in seconds, however the agent's clock is set meanwhile", () => {
    const c = renderConsole();
    c.connect();
    for (const wait of [375, 750, 1_500]) {
      act(() => c.last().drop(1006));
      act(() => void vi.advanceTimersByTime(wait));
    }
    // The fourth attempt comes in 3 s; the clock goes back an hour meanwhile.
    act(() => c.last().drop(1006));
    vi.setSystemTime(Date.now() - 3_600_000);
    act(() => void vi.advanceTimersByTime(1_000));
    expect(screen.getByRole('status').parentElement?.textContent).toMatch(/Reconnecting…in 2 s/);
  });

  it('keeps a link that answers its pings', () => {
    const c = renderConsole();
    c.connect();
    for (let i = 0; i < 4; i++) {
      act(() => void vi.advanceTimersByTime(15_000));
      c.receive({ type: 'pong', t: Date.now() });
    }
    expect(c.sockets).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toBe('Connected');
  });

  it('does not fail a message written offline; it goes with the next welcome', () => {
    const c = renderConsole({}, { ackTimeoutMs: 2_000 });
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME })] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    act(() => c.last().drop(1006));
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.input(box, { target: { value: 'Odota hetki' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    act(() => void vi.advanceTimersByTime(5_000));
    expect(screen.getByText('Sending…')).toBeTruthy();
    c.connect();
    expect(c.last().sentOf('msg')).toHaveLength(1);
  });

  it('skips the rest of the backoff when the browser is back online, and stops listening on logout', () => {
    const c = renderConsole();
    c.connect();
    for (let i = 0; i < 4; i++) {
      act(() => c.last().drop(1006));
      act(() => void vi.advanceTimersByTime(i === 3 ? 0 : 10_000));
    }
    const before = c.sockets.length;
    act(() => c.goOnline());
    expect(c.sockets).toHaveLength(before + 1);
    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    expect(c.onlineListeners.size).toBe(0);
  });
});
