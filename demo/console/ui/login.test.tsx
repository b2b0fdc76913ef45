import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE } from '../../../protocol/errors';
import { CONSOLE_DEFAULTS } from '../config';
import { renderConsole, stopConsoles } from '../test-render';
import type { ConversationEvent } from '../../../protocol/events';
import { json, ME, summary, textEvent, TOKEN } from '../test-support';

afterEach(stopConsoles);

function fillIn(login: string, password: string) {
  fireEvent.input(screen.getByLabelText('Login'), { target: { value: login } });
  fireEvent.input(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
}

const EERO = { id: 'eero', name: 'Eero' };
type Console = ReturnType<typeof renderConsole>;

/** A console whose server logs "eero" in as Eero, anyone else as ME. */
const consoleOfTwo = () =>
  renderConsole({
    fetch: (url, init) => (url.endsWith('/api/login') ? json(200, { token: TOKEN, agent: (JSON.parse(String(init?.body)) as { login: string }).login === 'eero' ? EERO : ME }) : json(404, {})),
  });

/** The session runs out under the agent: the login form says so. */
async function expire(c: Console) {
  act(() => c.last().drop(CLOSE.unauthorized));
  await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Your session has expired. Please log in again.'));
}

/** Logs in at the form as `login`: the new session's socket opens, not yet welcomed. */
async function logIn(c: Console, login: string) {
  const sockets = c.sockets.length;
  fillIn(login, 'secret');
  await waitFor(() => expect(c.sockets).toHaveLength(sockets + 1));
}

/** The server welcomes `agent` on the newest socket, with `conversations` in the queue. */
function welcome(c: Console, agent: typeof ME, conversations: ReturnType<typeof summary>[]) {
  act(() => {
    c.last().open();
    c.last().receive({ type: 'welcome', agent, heartbeatMs: 30_000, emailsReplies: false });
  });
  c.receive({ type: 'queue', conversations });
}

describe('logging in', () => {
  it('shows an error on a wrong password and stays on the form', async () => {
    const c = renderConsole({
      loggedIn: false,
      fetch: () => json(401, { error: { code: 'unauthorized', message: 'Wrong login or password' } }),
    });
    fillIn('demo', 'nope');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Wrong login or password.'));
    expect(c.requests[0]?.url).toBe('http://localhost:8787/api/login');
    expect(JSON.parse(String(c.requests[0]?.init?.body))).toEqual({ login: 'demo', password: 'nope' });
    expect(c.sockets).toHaveLength(0);
  });

  it('keeps the focus on Log in while it works and after a failure, and sends one request however often it is pressed', async () => {
    let answer: (response: Response) => void = () => {};
    const c = renderConsole({ loggedIn: false, fetch: () => new Promise<Response>((resolve) => (answer = resolve)) });
    fireEvent.input(screen.getByLabelText('Login'), { target: { value: 'demo' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'nope' } });
    const button = screen.getByRole('button', { name: 'Log in' }) as HTMLButtonElement;
    button.focus();
    fireEvent.click(button);
    expect(button.textContent).toBe('Logging in…');
    // Still focusable: a disabled button would drop the focus to the page.
    expect(button.disabled).toBe(false);
    expect(button.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(button);
    expect(c.requests.filter((r) => r.url.endsWith('/api/login'))).toHaveLength(1);
    await act(async () => answer(json(401, { error: { code: 'unauthorized', message: 'Wrong login or password' } })));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Wrong login or password.'));
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute('aria-disabled')).toBe('false');
  });

  it('keeps the token for the tab, says hello with it and shows the agent name', async () => {
    const c = renderConsole({
      loggedIn: false,
      fetch: (url) => (url.endsWith('/api/login') ? json(200, { token: TOKEN, agent: ME }) : json(404, {})),
    });
    fillIn('demo', 'secret');
    await waitFor(() => expect(c.sockets).toHaveLength(1));
    expect(c.last().url).toBe('ws://localhost:8787/ws/agent');
    expect(JSON.parse(c.store.get(CONSOLE_DEFAULTS.storageKey) ?? '{}')).toMatchObject({ token: TOKEN });
    c.connect();
    expect(c.last().sent[0]).toEqual({ type: 'hello', token: TOKEN });
    expect(screen.getByText('Aino (demo)')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Connected');
  });

  it('logs out: the server ends the session, the console forgets the token and closes the socket', () => {
    const c = renderConsole();
    c.connect();
    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    const logout = c.requests.find((r) => r.url.endsWith('/api/logout'));
    expect(logout?.init).toMatchObject({ method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(c.store.has(CONSOLE_DEFAULTS.storageKey)).toBe(false);
    expect(c.last().readyState).toBe(3);
    expect(screen.getByRole('button', { name: 'Log in' })).toBeTruthy();
  });

  it('raises no notification after logging out and in again for what already waits at login', async () => {
    const c = renderConsole({ permission: 'granted', fetch: (url) => (url.endsWith('/api/login') ? json(200, { token: TOKEN, agent: ME }) : json(404, {})) });
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ id: 'k1', status: 'active', agent: ME, lastSeq: 5 })] });
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'visitor', 'Hei')] });
    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    // Holding k1, the agent is asked first (logout-confirm.test.tsx).
    fireEvent.click(screen.getByRole('button', { name: 'Log out anyway' }));
    fillIn('demo', 'secret');
    await waitFor(() => expect(c.sockets).toHaveLength(2));
    act(() => c.setVisible(false));
    c.connect();
    // Waiting meanwhile, written meanwhile, passed meanwhile: all of it on screen when the agent looks.
    const passed: ConversationEvent = { seq: 6, id: 'j', at: 0, role: 'system', body: { kind: 'joined', agent: ME.name, passed: true, from: 'Eero' } };
    c.receive({
      type: 'queue',
      conversations: [summary({ id: 'w1' }), summary({ id: 'w2', visitorId: 'v2' }), summary({ id: 'k1', status: 'active', agent: ME, lastSeq: 7 }), summary({ id: 'k2', status: 'active', agent: ME, lastSeq: 6 })],
    });
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'visitor', 'Hei'), textEvent(7, 'visitor', 'Haloo?')] });
    c.receive({ type: 'events', conversationId: 'k2', events: [passed] });
    expect(c.notifications).toEqual([]);
    // What comes after is news again.
    c.receive({ type: 'queue', conversations: [summary({ id: 'w1' }), summary({ id: 'w2', visitorId: 'v2' }), summary({ id: 'w3', questions: ['Uusi?'] })] });
    expect(c.notifications.map((n) => n.body)).toEqual(['Uusi?']);
  });

  it('after its session expired, shows the login form saying so, and gives the same agent back the reply they were writing, and nobody else', async () => {
    const c = consoleOfTwo();
    const mine = summary({ status: 'active', agent: ME });
    const message = () => screen.queryByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement | null;
    const writeThenExpire = async () => {
      c.connect();
      c.receive({ type: 'queue', conversations: [mine] });
      fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
      fireEvent.input(message()!, { target: { value: 'Pahoittelen viivettä, tilauksenne' } });
      await expire(c);
      expect(screen.getByRole('button', { name: 'Log in' })).toBeTruthy();
    };
    const logInAs = async (login: string, agent: typeof ME) => {
      await logIn(c, login);
      welcome(c, agent, [mine]);
    };

    await writeThenExpire();
    await logInAs('demo', ME);
    // Back in the conversation they had open, the reply as they left it.
    expect(message()?.value).toBe('Pahoittelen viivettä, tilauksenne');

    // Expired again, and a colleague logs in at this tab: none of it is theirs to read.
    await writeThenExpire();
    await logInAs('eero', EERO);
    expect(message()).toBeNull();
    expect(c.model.drafts.of(mine.id)).toEqual({ text: '', note: false });
    expect(c.store.get(CONSOLE_DEFAULTS.draftsKey)).toBeUndefined();
  });

  it('after its session expired, sends again what the agent had sent and the server had not acknowledged, with the same ids, for the same agent only', async () => {
    const c = consoleOfTwo();
    const mine = summary({ status: 'active', agent: ME });
    const log = () => screen.getByRole('log', { name: 'Transcript' });
    const onTheirWay = () => c.last().sent.filter((m) => m.type === 'msg' || m.type === 'note');
    const sendThenExpire = async (text: string, { note = false } = {}) => {
      c.connect();
      c.receive({ type: 'queue', conversations: [mine] });
      fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
      const box = screen.getByRole('textbox', { name: 'Message' });
      fireEvent.input(box, { target: { value: text } });
      fireEvent.keyDown(box, { key: 'Enter' });
      if (note) {
        fireEvent.click(screen.getByRole('button', { name: 'Note', pressed: false }));
        const noteBox = screen.getByRole('textbox', { name: 'Note for colleagues' });
        fireEvent.input(noteBox, { target: { value: 'Asiakas odottaa hyvitystä' } });
        fireEvent.keyDown(noteBox, { key: 'Enter' });
        fireEvent.click(screen.getByRole('button', { name: 'Note', pressed: true }));
      }
      const sent = onTheirWay();
      // No ack (the storage refusing a while, a slow link), and the session runs out.
      await expire(c);
      return sent;
    };
    const logInAs = async (login: string, agent: typeof ME) => {
      await logIn(c, login);
      // Nothing goes before the server has welcomed the new session.
      expect(onTheirWay()).toEqual([]);
      welcome(c, agent, [mine]);
    };

    const sent = await sendThenExpire('Pitkä vastaus jota ei saa hukata', { note: true });
    expect(sent.map((m) => m.type)).toEqual(['msg', 'note']);
    await logInAs('demo', ME);
    // The same frames again, in order, with their client ids: a reply the server did store is stored once.
    expect(onTheirWay()).toEqual(sent);
    expect(within(log()).getAllByText('Sending…')).toHaveLength(2);
    const [reply, note] = sent;
    // The server had stored the reply before the session ended: it acks the resend as that one.
    c.receive({ type: 'ack', id: String(reply?.id), conversationId: mine.id, seq: 6 });
    c.receive({ type: 'events', conversationId: mine.id, events: [textEvent(6, 'agent', 'Pitkä vastaus jota ei saa hukata', String(reply?.id))] });
    c.receive({ type: 'ack', id: String(note?.id), conversationId: mine.id, seq: 7 });
    expect(within(log()).getAllByText('Pitkä vastaus jota ei saa hukata')).toHaveLength(1);
    expect(within(log()).getByText('Asiakas odottaa hyvitystä')).toBeTruthy();
    expect(within(log()).queryByText('Sending…')).toBeNull();
    expect(c.store.get(CONSOLE_DEFAULTS.keptOutboxKey)).toBeUndefined();

    // Expired again, and a colleague logs in at this tab: nothing of it is theirs to send or read.
    await sendThenExpire('Toinen vastaus');
    await logInAs('eero', EERO);
    expect(onTheirWay()).toEqual([]);
    expect(c.model.outbox.value).toEqual([]);
    expect(screen.queryByText('Toinen vastaus')).toBeNull();
    expect(c.store.get(CONSOLE_DEFAULTS.keptOutboxKey)).toBeUndefined();
  });

  it('after its session expired, does not call the messages the agent had read new again, for the same agent; a colleague starts afresh', async () => {
    const c = consoleOfTwo();
    const read = summary({ id: 'k1', status: 'active', agent: ME, lastSeq: 2 });
    const other = summary({ id: 'k2', visitorId: 'v2', status: 'active', agent: ME, questions: ['Voinko palauttaa?'], lastSeq: 1 });
    const visitorSaid = () => c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(1, 'visitor', 'Hei'), textEvent(2, 'visitor', 'Haloo?')] });
    const card = () => screen.getByRole('button', { name: /Missä tilaukseni on/ });
    const readThenExpire = async () => {
      c.connect();
      c.receive({ type: 'queue', conversations: [read, other] });
      // The agent reads k1's two messages, then goes on to k2.
      fireEvent.click(card());
      visitorSaid();
      fireEvent.click(screen.getByRole('button', { name: /Voinko palauttaa/ }));
      expect(card().textContent).not.toMatch(/new/);
      await expire(c);
    };
    const logInAs = async (login: string, agent: typeof ME) => {
      await logIn(c, login);
      welcome(c, agent, [read, other]);
      visitorSaid();
    };

    await readThenExpire();
    await logInAs('demo', ME);
    // Read half an hour ago, as after a reload: nothing new.
    expect(card().textContent).not.toMatch(/new/);
    expect(document.title).not.toMatch(/new message/);

    // Expired again, and a colleague logs in at this tab: they have read none of it.
    await readThenExpire();
    await logInAs('eero', { ...EERO });
    expect(c.model.unread('k1')).toBe(2);
  });

  it('after a reload into an expired session, a colleague logging in at the tab neither sees nor sends what the agent had on its way', async () => {
    const first = renderConsole();
    first.connect();
    first.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME })] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.input(box, { target: { value: 'Ainon vastaus matkalla' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    stopConsoles();

    // The tab loaded again, the reply still on its way; the server says the session is over.
    const c = renderConsole({ stored: first.store, fetch: (url) => (url.endsWith('/api/login') ? json(200, { token: TOKEN, agent: EERO }) : json(404, {})) });
    expect(c.model.outbox.value.map((m) => m.text)).toEqual(['Ainon vastaus matkalla']);
    act(() => {
      c.last().open();
      c.last().drop(CLOSE.unauthorized);
    });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/session has expired/));
    fillIn('eero', 'secret');
    await waitFor(() => expect(c.sockets).toHaveLength(2));
    act(() => {
      c.last().open();
      c.last().receive({ type: 'welcome', agent: EERO, heartbeatMs: 30_000, emailsReplies: false });
    });
    expect(c.last().sentOf('msg')).toEqual([]);
    expect(c.model.outbox.value).toEqual([]);
    expect([...c.store.values()].join()).not.toContain('Ainon vastaus matkalla');
  });

  it('logging out drops what is still on its way, as before: the next login sends none of it', async () => {
    const c = renderConsole({ fetch: (url) => (url.endsWith('/api/login') ? json(200, { token: TOKEN, agent: ME }) : json(404, {})) });
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME })] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.input(box, { target: { value: 'Ennen uloskirjautumista' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    fireEvent.click(screen.getByRole('button', { name: 'Log out anyway' }));
    expect(c.store.get(CONSOLE_DEFAULTS.keptOutboxKey)).toBeUndefined();
    const sockets = c.sockets.length;
    fillIn('demo', 'secret');
    await waitFor(() => expect(c.sockets).toHaveLength(sockets + 1));
    c.connect();
    expect(c.last().sentOf('msg')).toEqual([]);
    expect(c.model.outbox.value).toEqual([]);
  });

  it('returns to the login form, saying why, when the server rejects the token', async () => {
    const c = renderConsole();
    c.last().open();
    c.last().drop(CLOSE.unauthorized);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/session has expired/));
    expect(c.sockets).toHaveLength(1);
    // Already ended on the server: nothing to end.
    expect(c.requests.some((r) => r.url.endsWith('/api/logout'))).toBe(false);
  });
});

describe('a session the server ends', () => {
  // An agent whose password was changed retried the old one, told only that the session had expired.
  it.each([
    ['expired', 'Your session has expired. Please log in again.', 'Istuntosi on vanhentunut. Kirjaudu uudelleen.'],
    ['password_changed', 'Your password was changed: log in with the new one.', 'Salasanasi vaihdettiin: kirjaudu uudella salasanalla.'],
    ['removed', 'Your account was removed from this console; ask your administrator.', 'Tunnuksesi poistettiin tästä konsolista. Kysy ylläpitäjältäsi.'],
    ['logged_out', 'This session was logged out in another tab or window. Please log in again.', 'Tämä istunto kirjattiin ulos toisessa välilehdessä tai ikkunassa. Kirjaudu uudelleen.'],
  ] as const)('says on the login form why it ended (%s), in either language', async (ended, english, finnish) => {
    const c = renderConsole();
    c.connect();
    act(() => {
      c.last().receive({ type: 'error', code: 'unauthorized', message: 'The token is missing, wrong or expired.', ended });
      c.last().drop(CLOSE.unauthorized);
    });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(english));
    fireEvent.click(screen.getByRole('button', { name: 'Suomeksi' }));
    expect(screen.getByRole('alert').textContent).toBe(finnish);
  });

  it('says why when a request of its own is refused first', async () => {
    const c = renderConsole({ fetch: (url) => (url.includes('/api/report') ? json(401, { error: { code: 'unauthorized', message: 'x', ended: 'password_changed' } }) : json(404, {})) });
    c.connect();
    fireEvent.click(screen.getByRole('button', { name: 'Report' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Your password was changed: log in with the new one.'));
  });
});

describe('the focus after logging in', () => {
  it('goes to the queue\'s heading on a wide screen, not to the page\'s body', async () => {
    const c = renderConsole({ loggedIn: false, fetch: (url) => (url.endsWith('/api/login') ? json(200, { token: TOKEN, agent: ME }) : json(404, {})) });
    expect(window.matchMedia('(max-width: 600px)').matches).toBe(false);
    const login = screen.getByLabelText('Login');
    login.focus();
    fillIn('demo', 'secret');
    await waitFor(() => expect(c.sockets).toHaveLength(1));
    expect(login.isConnected).toBe(false);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Queue' })));
  });
});
