import { act, createEvent, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationEvent, ConversationSummary } from '../../../protocol/events';
import { CLOSE } from '../../../protocol/errors';
import { LIMITS } from '../../../protocol/limits';
import { renderConsole, stopConsoles } from '../test-render';
import { json, ME, summary, TOKEN } from '../test-support';

afterEach(stopConsoles);

const UPLOAD_URL = 'http://localhost:8787/api/files';
const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]);
const label = (name = 'return label.pdf') => new File([PDF], name, { type: 'application/pdf' });

type Answer = Response | Promise<Response>;
/** A server whose answers to uploads the test gives, in turn; anything else is not found. */
function uploadServer(...answers: (() => Answer)[]) {
  return (url: string) => (url === UPLOAD_URL ? (answers.shift()?.() ?? json(500, {})) : json(404, {}));
}

/** A Response the test hands over when it likes; then a turn of the event loop, for the console to read it. */
function later() {
  let answer: (response: Response) => void = () => {};
  const response = new Promise<Response>((resolve) => (answer = resolve));
  const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  return {
    response,
    answer: (r: Response) =>
      act(async () => {
        answer(r);
        await tick();
      }),
  };
}

const mine = (overrides: Partial<ConversationSummary> = {}) => summary({ status: 'active', agent: ME, visitor: { name: 'Matti' }, ...overrides });

function openedOn(conversation: ConversationSummary, fetch = uploadServer(), language?: string) {
  const c = renderConsole({ fetch, ...(language ? { language } : {}) });
  c.connect();
  c.receive({ type: 'queue', conversations: [conversation] });
  fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
  return c;
}

/** The agent picks a file in the dialog that Attach a file opens. */
function choose(file: File, name = 'Attach a file') {
  const input = screen.getByRole('button', { name }).parentElement?.querySelector('input[type="file"]');
  if (!(input instanceof HTMLInputElement)) throw new Error('no file input beside the button');
  fireEvent.change(input, { target: { files: [file] } });
}

const uploads = (c: ReturnType<typeof renderConsole>) =>
  c.requests
    .filter((r) => r.url === UPLOAD_URL)
    .map(({ init }) => {
      const h = new Headers(init?.headers);
      return { method: init?.method, authorization: h.get('authorization'), id: h.get('x-kohtaamo-id'), name: h.get('x-kohtaamo-name'), conversation: h.get('x-kohtaamo-conversation'), body: init?.body };
    });

const fileEvent = (seq: number, id: string, name = 'return label.pdf'): ConversationEvent => ({
  seq, id, at: Date.UTC(2026, 10, 23, 20, seq), role: 'agent', name: ME.name, body: { kind: 'file', fileId: `file-${seq}`, name, type: 'application/pdf', size: PDF.length },
});
const transcript = () => screen.getByRole('log', { name: 'Transcript' });

describe('a file the agent sends', () => {
  it('can be attached only where the agent may reply, and not to a note', () => {
    const c = openedOn(summary());
    expect(screen.queryByRole('button', { name: 'Attach a file' })).toBeNull();
    c.receive({ type: 'summary', conversation: summary({ status: 'active', agent: { id: 'eero', name: 'Eero' } }) });
    expect(screen.queryByRole('button', { name: 'Attach a file' })).toBeNull();

    c.receive({ type: 'summary', conversation: mine() });
    const button = screen.getByRole('button', { name: 'Attach a file' });
    const input = button.parentElement?.querySelector('input[type="file"]');
    expect(input?.getAttribute('accept')).toBe('image/jpeg,image/png,image/webp,image/gif,application/pdf');
    expect(input?.hasAttribute('hidden')).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Note', pressed: false }));
    expect(screen.queryByRole('button', { name: 'Attach a file' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Note', pressed: true }));
    expect(screen.getByRole('button', { name: 'Attach a file' })).toBeTruthy();

    c.receive({ type: 'summary', conversation: mine({ status: 'closed' }) });
    expect(screen.queryByRole('button', { name: 'Attach a file' })).toBeNull();
  });

  it('POSTs the chosen file with the token, its id, name and conversation, and shows it once when it arrives', async () => {
    const first = later();
    const second = later();
    const c = openedOn(mine(), uploadServer(() => first.response, () => second.response));
    choose(label());
    const pending = within(transcript()).getByText('Sending return label.pdf…').closest('li');
    expect(within(pending!).getByText(ME.name)).toBeTruthy();
    const [sent] = uploads(c);
    expect(sent).toEqual({ method: 'POST', authorization: `Bearer ${TOKEN}`, id: expect.stringMatching(/^f-[\w-]+$/), name: 'return%20label.pdf', conversation: 'k1', body: expect.any(File) });
    expect([...new Uint8Array(await (sent!.body as File).arrayBuffer())]).toEqual([...PDF]);

    // The server stored it: the line stays until the event shows the file, then the file shows once.
    await first.answer(json(200, { conversationId: 'k1', seq: 5, fileId: 'file-5' }));
    await waitFor(() => expect(within(transcript()).getByText('return label.pdf').closest('li')?.textContent).toContain('Sent'));
    expect(within(transcript()).queryByText(/Sending/)).toBeNull();
    c.receive({ type: 'events', conversationId: 'k1', events: [fileEvent(5, sent!.id!)] });
    expect(within(transcript()).getByRole('button', { name: 'Download return label.pdf (1 KB)' })).toBeTruthy();
    expect(within(transcript()).getAllByText(/return label\.pdf/)).toHaveLength(1);

    // The event may come before the answer: still once.
    choose(label('assembly.pdf'));
    const id = uploads(c)[1]?.id;
    c.receive({ type: 'events', conversationId: 'k1', events: [fileEvent(6, id!, 'assembly.pdf')] });
    await second.answer(json(200, { conversationId: 'k1', seq: 6, fileId: 'file-6' }));
    expect(within(transcript()).getAllByText(/assembly\.pdf/)).toHaveLength(1);
    expect(within(transcript()).getByRole('button', { name: 'Download assembly.pdf (1 KB)' })).toBeTruthy();
  });

  it('sends a screenshot pasted into the reply box, or a file dropped on the composer, as one chosen; never as a note', async () => {
    const c = openedOn(mine(), uploadServer(() => json(200, { conversationId: 'c1', seq: 5, fileId: 'f1' }), () => json(200, { conversationId: 'c1', seq: 6, fileId: 'f2' })));
    const shot = new File([PDF], 'image.png', { type: 'image/png' });
    const box = screen.getByLabelText('Message');
    expect(fireEvent.paste(box, { clipboardData: { files: [shot] } })).toBe(false);
    const drop = createEvent.drop(box.closest('form')!);
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [label()] } });
    fireEvent(box.closest('form')!, drop);
    await waitFor(() => expect(uploads(c).map((u) => u.body)).toHaveLength(2));
    expect(uploads(c).map((u) => (u.body as File).name)).toEqual(['image.png', 'return label.pdf']);
    // Writing a note, a pasted picture is not sent to the visitor.
    fireEvent.click(screen.getByRole('button', { name: 'Note' }));
    expect(fireEvent.paste(screen.getByLabelText('Note for colleagues'), { clipboardData: { files: [shot] } })).toBe(true);
    expect(uploads(c)).toHaveLength(2);
  });

  it('has the browser ask before the page is left (a reload, a closed tab) while a file is on its way, which would cut it off', async () => {
    /** What the browser asks of the page as it is left: true, and it asks the agent "Leave site?". */
    const leavingAsks = () => {
      const leaving = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(leaving);
      return leaving.defaultPrevented;
    };
    const first = later();
    const second = later();
    openedOn(mine(), uploadServer(() => first.response, () => second.response));
    expect(leavingAsks()).toBe(false);
    choose(label());
    expect(leavingAsks()).toBe(true);
    // Stored: the server has it, the page may go.
    await first.answer(json(200, { conversationId: 'k1', seq: 5, fileId: 'file-5' }));
    await waitFor(() => expect(within(transcript()).getByText('return label.pdf').closest('li')?.textContent).toContain('Sent'));
    expect(leavingAsks()).toBe(false);
    // Failed: the line says so, and nothing is on its way.
    choose(label('assembly.pdf'));
    expect(leavingAsks()).toBe(true);
    await second.answer(json(415, { error: { code: 'bad_file', message: 'x' } }));
    await waitFor(() => expect(within(transcript()).getByText(/Failed/)).toBeTruthy());
    expect(leavingAsks()).toBe(false);
  });

  it('refuses a file over the limit at once, without sending it', () => {
    const c = openedOn(mine());
    choose(new File([new Uint8Array(LIMITS.fileBytes + 1)], 'video.pdf', { type: 'application/pdf' }));
    expect(uploads(c)).toEqual([]);
    const line = within(transcript()).getByText('video.pdf').closest('li');
    expect(line?.textContent).toContain('Failed — The file is too large: at most 10 MB.');
    expect(within(line!).queryByRole('button', { name: 'Retry' })).toBeNull();
    fireEvent.click(within(line!).getByRole('button', { name: 'Dismiss' }));
    expect(within(transcript()).queryByText('video.pdf')).toBeNull();
  });

  it('says why the server refused a file that is no picture or PDF, with no retry', async () => {
    const c = openedOn(mine(), uploadServer(() => json(415, { error: { code: 'bad_file', message: 'x' } })));
    choose(new File(['not really'], 'notes.pdf', { type: 'application/pdf' }));
    const line = (await within(transcript()).findByText('notes.pdf')).closest('li');
    expect(line?.textContent).toContain('Failed — Only JPEG, PNG, WebP or GIF pictures and PDF files can be sent.');
    expect(within(line!).queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(uploads(c)).toHaveLength(1);
  });

  it('offers a retry after a network failure, which sends the same file with the same id', async () => {
    const c = openedOn(
      mine(),
      uploadServer(
        () => Promise.reject(new TypeError('Failed to fetch')),
        () => json(200, { conversationId: 'k1', seq: 5, fileId: 'file-5' }),
      ),
    );
    choose(label());
    const line = (await within(transcript()).findByText('return label.pdf')).closest('li');
    expect(line?.textContent).toContain('Failed — It did not get through. Check the connection and retry.');
    fireEvent.click(within(line!).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(within(transcript()).getByText('return label.pdf').closest('li')?.textContent).toContain('Sent'));
    const [failed, again] = uploads(c);
    expect(again?.id).toBe(failed?.id);
    expect(again?.body).toBe(failed?.body);
    expect(again).toMatchObject({ name: 'return%20label.pdf', conversation: 'k1', authorization: `Bearer ${TOKEN}` });
    c.receive({ type: 'events', conversationId: 'k1', events: [fileEvent(5, failed!.id!)] });
    expect(within(transcript()).getAllByText(/return label\.pdf/)).toHaveLength(1);
  });

  it('keeps the keyboard in place as Retry and Dismiss take their buttons away: on the file, then the message box', async () => {
    const c = openedOn(
      mine(),
      uploadServer(
        () => Promise.reject(new TypeError('Failed to fetch')),
        () => Promise.reject(new TypeError('Failed to fetch')),
        () => json(200, { conversationId: 'k1', seq: 5, fileId: 'file-5' }),
        () => Promise.reject(new TypeError('Failed to fetch')),
      ),
    );
    choose(label());
    const line = (await within(transcript()).findByText('return label.pdf')).closest('li')!;
    const press = (name: string) => {
      const button = within(line).getByRole('button', { name });
      button.focus();
      fireEvent.click(button);
    };
    await within(line).findByRole('button', { name: 'Retry' });
    // Retry: on the file's name while it goes, and still there when it fails again.
    press('Retry');
    expect(document.activeElement?.textContent).toBe('Sending return label.pdf…');
    await within(line).findByRole('button', { name: 'Retry' });
    expect(document.activeElement?.textContent).toBe('return label.pdf');
    // Through this time: the stored file takes the line's place, the focus on the message box.
    press('Retry');
    await waitFor(() => expect(line.textContent).toContain('Sent'));
    const [sent] = uploads(c);
    c.receive({ type: 'events', conversationId: 'k1', events: [fileEvent(5, sent!.id!)] });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' })));

    // Dismiss: the line goes, the focus to the message box too.
    choose(label('assembly.pdf'));
    const failed = (await within(transcript()).findByText('assembly.pdf')).closest('li')!;
    await within(failed).findByRole('button', { name: 'Retry' });
    const dismiss = within(failed).getByRole('button', { name: 'Dismiss' });
    dismiss.focus();
    fireEvent.click(dismiss);
    expect(within(transcript()).queryByText('assembly.pdf')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' })));
  });

  it('leaves the keyboard on the heading when Dismiss takes a file away, the Message box being closed', async () => {
    const c = openedOn(mine(), uploadServer(() => json(409, { error: { code: 'conversation_closed', message: 'x' } })));
    choose(label());
    const line = (await within(transcript()).findByText('return label.pdf')).closest('li')!;
    const dismiss = await within(line).findByRole('button', { name: 'Dismiss' });
    c.receive({ type: 'events', conversationId: 'k1', events: [{ seq: 5, id: 'x', at: 0, role: 'system', body: { kind: 'closed', by: 'visitor' } }] });
    expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).disabled).toBe(true);
    dismiss.focus();
    fireEvent.click(dismiss);
    expect(line.isConnected).toBe(false);
    await waitFor(() => expect(document.activeElement).toBe(document.getElementById('conversation-title')));
  });

  it.each([
    [409, 'not_assigned', 'This conversation is not yours (any more): claim it, or take it over, to send a file.'],
    [409, 'conversation_closed', 'The conversation is closed.'],
    [429, 'rate_limited', 'Too many files at once. Wait a moment and retry.'],
    [401, 'unauthorized', 'It was not sent: your session had expired. Once you have logged in again, retry.'],
    [413, 'too_large', 'The file is too large: at most 10 MB.'],
    [413, 'conversation_full', 'The conversation holds as many files as it can take: this one does not fit.'],
    [429, 'daily_quota', 'This network address has sent as many files as it may today: more can be sent tomorrow.'],
    // The server failed, not the connection: a retry later may do, and if not, someone must be told.
    [500, 'internal', 'It was not sent: the server failed to take it. Retry later; if it keeps failing, tell whoever runs the server.'],
    // A full disk: not the connection's fault, and a retry in a moment goes through.
    [503, 'unavailable', 'The server cannot save files right now: its storage is failing. Retry in a moment.'],
    // Neither is helped by sending the same again: the conversation stays gone, the request stays refused.
    [404, 'not_found', 'This conversation is no longer on the server (it may have been deleted), so no file can be sent to it.'],
    [400, 'bad_message', 'The server did not accept the request: this page may be out of date. Reload the page and attach the file again; if that does not help, tell whoever runs the server.'],
  ])('says why when the server answers %i %s', async (status, code, why) => {
    openedOn(mine(), uploadServer(() => json(status, { error: { code, message: 'x' } })));
    choose(label());
    const line = (await within(transcript()).findByText('return label.pdf')).closest('li');
    expect(line?.textContent).toContain(`Failed — ${why}`);
    // Retrying does not help what waiting a moment does not change.
    expect(!!within(line!).queryByRole('button', { name: 'Retry' })).toBe(!['too_large', 'conversation_full', 'daily_quota', 'not_found', 'bad_message'].includes(code));
  });

  // A 2 MB file behind nginx's `client_max_body_size 1m` was told it was over 10 MB.
  const proxy413 = () => new Response('<html><head><title>413 Request Entity Too Large</title></head><body><center><h1>413 Request Entity Too Large</h1></center><hr><center>nginx</center></body></html>', { status: 413, headers: { 'content-type': 'text/html' } });

  it("does not blame the server's own limit for a proxy's 413, and offers no retry", async () => {
    openedOn(mine(), uploadServer(proxy413));
    choose(label());
    const line = (await within(transcript()).findByText('return label.pdf')).closest('li');
    expect(line?.textContent).toContain('Failed — The server refused a file this large (a proxy in front of it may limit uploads).');
    expect(within(line!).queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  // nginx in front of a server that is down or restarting.
  const proxy502 = () => new Response('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>', { status: 502, headers: { 'content-type': 'text/html' } });

  it("blames the server, not the connection, for a proxy's 502 page, and offers a retry", async () => {
    const c = openedOn(mine(), uploadServer(proxy502, () => json(200, { conversationId: 'k1', seq: 5, fileId: 'file-5' })));
    choose(label());
    const line = (await within(transcript()).findByText('return label.pdf')).closest('li');
    expect(line?.textContent).toContain('Failed — It was not sent: the server failed to take it. Retry later; if it keeps failing, tell whoever runs the server.');
    expect(line?.textContent).not.toContain('connection');
    fireEvent.click(within(line!).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(within(transcript()).getByText('return label.pdf').closest('li')?.textContent).toContain('Sent'));
    expect(uploads(c)).toHaveLength(2);
  });

  it('says in Finnish that the server failed', async () => {
    openedOn(mine(), uploadServer(proxy502), 'fi-FI');
    choose(label('palautuslappu.pdf'), 'Liitä tiedosto');
    const line = (await within(screen.getByRole('log', { name: 'Keskusteluhistoria' })).findByText('palautuslappu.pdf')).closest('li');
    expect(line?.textContent).toContain('Epäonnistui — Tiedostoa ei lähetetty, koska palvelimella tapahtui virhe. Yritä myöhemmin uudelleen. Jos virhe toistuu, kerro siitä palvelimen ylläpitäjälle.');
    expect(within(line!).getByRole('button', { name: 'Yritä uudelleen' })).toBeTruthy();
  });

  it("takes a proxy's 404 page for a refused request, not a gone conversation, and offers no retry", async () => {
    openedOn(mine(), uploadServer(() => new Response('<html><body><h1>404 Not Found</h1></body></html>', { status: 404, headers: { 'content-type': 'text/html' } })));
    choose(label());
    const line = (await within(transcript()).findByText('return label.pdf')).closest('li');
    expect(line?.textContent).toContain('Failed — The server did not accept the request: this page may be out of date.');
    expect(within(line!).queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it.each([
    ['not_found', 404, 'Keskustelua ei enää ole palvelimella (se on ehkä poistettu), joten siihen ei voi lähettää tiedostoja.'],
    ['bad_message', 400, 'Palvelin ei hyväksynyt pyyntöä. Tämä sivu voi olla vanhentunut. Lataa sivu uudelleen ja liitä tiedosto uudestaan. Jos se ei auta, kerro asiasta palvelimen ylläpitäjälle.'],
  ])('says in Finnish why a %s cannot be retried', async (code, status, why) => {
    openedOn(mine(), uploadServer(() => json(status, { error: { code, message: 'x' } })), 'fi-FI');
    choose(label('palautuslappu.pdf'), 'Liitä tiedosto');
    const line = (await within(screen.getByRole('log', { name: 'Keskusteluhistoria' })).findByText('palautuslappu.pdf')).closest('li');
    expect(line?.textContent).toContain(`Epäonnistui — ${why}`);
    expect(within(line!).queryByRole('button', { name: 'Yritä uudelleen' })).toBeNull();
  });

  it("says in Finnish that something in front of the server refused the file's size", async () => {
    openedOn(mine(), uploadServer(proxy413), 'fi-FI');
    choose(label('palautuslappu.pdf'), 'Liitä tiedosto');
    const line = (await within(screen.getByRole('log', { name: 'Keskusteluhistoria' })).findByText('palautuslappu.pdf')).closest('li');
    expect(line?.textContent).toContain('Epäonnistui — Palvelin ei ottanut vastaan näin suurta tiedostoa (sen edessä oleva välityspalvelin voi rajoittaa tiedostojen kokoa).');
    expect(within(line!).queryByRole('button', { name: 'Yritä uudelleen' })).toBeNull();
  });

  it('speaks Finnish to a Finnish agent', async () => {
    const upload = later();
    openedOn(mine(), uploadServer(() => upload.response), 'fi-FI');
    choose(label('palautuslappu.pdf'), 'Liitä tiedosto');
    const log = screen.getByRole('log', { name: 'Keskusteluhistoria' });
    expect(within(log).getByText('Lähetetään palautuslappu.pdf…')).toBeTruthy();
    await upload.answer(json(429, { error: { code: 'rate_limited', message: 'x' } }));
    const line = (await within(log).findByText('palautuslappu.pdf')).closest('li');
    expect(line?.textContent).toContain('Epäonnistui — Liian monta tiedostoa kerralla. Odota hetki ja yritä uudelleen.');
    expect(within(line!).getByRole('button', { name: 'Yritä uudelleen' })).toBeTruthy();
  });

  it('says in Finnish that a full conversation takes no more files', async () => {
    openedOn(mine(), uploadServer(() => json(413, { error: { code: 'conversation_full', message: 'x' } })), 'fi-FI');
    choose(label('palautuslappu.pdf'), 'Liitä tiedosto');
    const line = (await within(screen.getByRole('log', { name: 'Keskusteluhistoria' })).findByText('palautuslappu.pdf')).closest('li');
    expect(line?.textContent).toContain('Epäonnistui — Keskustelussa on jo niin paljon tiedostoja, ettei tämä mahdu siihen.');
    expect(within(line!).queryByRole('button', { name: 'Yritä uudelleen' })).toBeNull();
  });
});

describe('a file on its way when the session expires or the page is reloaded', () => {
  const EERO = { id: 'eero', name: 'Eero' };
  const NEW_TOKEN = 'n'.repeat(32);

  /** A console whose uploads the test answers in turn; logins answer as the agent named. */
  function expiring(...answers: (() => Answer)[]) {
    const upload = uploadServer(...answers);
    return renderConsole({
      fetch: (url, init) =>
        url.endsWith('/api/login')
          ? json(200, { token: NEW_TOKEN, agent: (JSON.parse(String(init?.body)) as { login: string }).login === 'eero' ? EERO : ME })
          : upload(url),
    });
  }

  async function expire(c: ReturnType<typeof renderConsole>) {
    act(() => c.last().drop(CLOSE.unauthorized));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Your session has expired. Please log in again.'));
  }

  async function logInAs(c: ReturnType<typeof renderConsole>, login: string, agent: typeof ME) {
    const sockets = c.sockets.length;
    fireEvent.input(screen.getByLabelText('Login'), { target: { value: login } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(c.sockets).toHaveLength(sockets + 1));
    act(() => {
      c.last().open();
      c.last().receive({ type: 'welcome', agent, heartbeatMs: 30_000, emailsReplies: false });
    });
    c.receive({ type: 'queue', conversations: [mine()] });
  }

  it('is not lost: back in the conversation, the agent reads that it was not sent, and sends it again with the same id', async () => {
    const upload = later();
    const c = expiring(() => upload.response, () => json(200, { conversationId: 'k1', seq: 5, fileId: 'file-5' }));
    c.connect();
    c.receive({ type: 'queue', conversations: [mine()] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    choose(label());
    await expire(c);
    // The server no longer takes the old token.
    await upload.answer(json(401, { error: { code: 'unauthorized', message: 'x' } }));

    await logInAs(c, 'demo', ME);
    const line = (await within(transcript()).findByText('return label.pdf')).closest('li');
    expect(line?.textContent).toContain('Failed — It was not sent: your session had expired. Once you have logged in again, retry.');
    fireEvent.click(within(line!).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(within(transcript()).getByText('return label.pdf').closest('li')?.textContent).toContain('Sent'));
    const [first, again] = uploads(c);
    expect(again).toMatchObject({ id: first?.id, body: first?.body, authorization: `Bearer ${NEW_TOKEN}`, conversation: 'k1' });
  });

  it('is for the same agent only: a colleague logging in at the tab neither sees nor sends it', async () => {
    const upload = later();
    const c = expiring(() => upload.response);
    c.connect();
    c.receive({ type: 'queue', conversations: [mine()] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    choose(label());
    await expire(c);
    await logInAs(c, 'eero', EERO);
    await upload.answer(json(401, { error: { code: 'unauthorized', message: 'x' } }));
    expect(c.model.uploads.items.value).toEqual([]);
    expect(screen.queryByText('return label.pdf')).toBeNull();
    expect(uploads(c)).toHaveLength(1);
    expect([...c.store.values()].join()).not.toContain('return label.pdf');
  });

  it('after a reload, says which files did not get through, to be attached again; one the server did store goes when its event comes', async () => {
    const never = () => new Promise<Response>(() => {});
    const first = openedOn(mine(), uploadServer(never, never));
    choose(label());
    choose(label('assembly.pdf'));
    const [, stored] = uploads(first);
    stopConsoles();

    const c = renderConsole({ stored: first.store, fetch: uploadServer() });
    c.connect();
    c.receive({ type: 'queue', conversations: [mine()] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    const line = within(transcript()).getByText('return label.pdf').closest('li');
    expect(line?.textContent).toContain('Failed — It was not sent: the page was reloaded before it got through. Attach it again.');
    // Its bytes went with the page.
    expect(within(line!).queryByRole('button', { name: 'Retry' })).toBeNull();
    c.receive({ type: 'events', conversationId: 'k1', events: [fileEvent(5, stored!.id!, 'assembly.pdf')] });
    expect(within(transcript()).getAllByText(/assembly\.pdf/)).toHaveLength(1);
    expect(within(transcript()).getByRole('button', { name: 'Download assembly.pdf (1 KB)' })).toBeTruthy();
    fireEvent.click(within(line!).getByRole('button', { name: 'Dismiss' }));
    expect(within(transcript()).queryByText('return label.pdf')).toBeNull();
    expect([...c.store.values()].join()).not.toContain('label.pdf');
  });

  it('after a reload, says so in Finnish', () => {
    const first = openedOn(mine(), uploadServer(() => new Promise<Response>(() => {})), 'fi-FI');
    choose(label('palautuslappu.pdf'), 'Liitä tiedosto');
    stopConsoles();
    const c = renderConsole({ stored: first.store, language: 'fi-FI' });
    c.connect();
    c.receive({ type: 'queue', conversations: [mine()] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    const line = within(screen.getByRole('log', { name: 'Keskusteluhistoria' })).getByText('palautuslappu.pdf').closest('li');
    expect(line?.textContent).toContain('Epäonnistui — Tiedostoa ei lähetetty, koska sivu ladattiin uudelleen ennen kuin se meni perille. Liitä se uudelleen.');
  });
});
