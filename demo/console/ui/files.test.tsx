import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE } from '../../../protocol/errors';
import type { ConversationEvent } from '../../../protocol/events';
import { renderConsole, stopConsoles } from '../test-render';
import { EVENTS_DAY, json, ME, summary, textEvent, TOKEN } from '../test-support';
import { STRINGS } from '../strings';
import { transcriptText } from '../transcript-text';

afterEach(stopConsoles);

// The transcript's times read as the events' own day's (test-support.ts): plain "20:12".
beforeEach(() => vi.setSystemTime(EVENTS_DAY));
afterEach(() => vi.useRealTimers());

const FILES_URL = 'http://localhost:8787/api/files/';
/** The first bytes of a JPEG and of a PDF: what the server answers for each file. */
const PHOTO = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70]);
const RECEIPT = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]);
const MB = 1024 * 1024;

type FileBody = Extract<ConversationEvent['body'], { kind: 'file' }>;

function fileEvent(seq: number, body: Omit<FileBody, 'kind'>): ConversationEvent {
  return { seq, id: `f${seq}`, at: Date.UTC(2026, 10, 23, 20, seq), role: 'visitor', body: { kind: 'file', ...body } };
}
const photo = (seq = 5) => fileEvent(seq, { fileId: 'photo1', name: 'sohva.jpg', type: 'image/jpeg', size: 340 * 1024 });
const receipt = (seq = 6) => fileEvent(seq, { fileId: 'receipt1', name: 'kuitti.pdf', type: 'application/pdf', size: Math.round(1.2 * MB) });

/** A server that answers the files it holds, only to the console's token, as /api/files does. */
function fileServer(held: Record<string, { bytes: Uint8Array<ArrayBuffer>; type: string }>) {
  return async (url: string, init?: RequestInit) => {
    if (!url.startsWith(FILES_URL)) return json(404, {});
    if (new Headers(init?.headers).get('authorization') !== `Bearer ${TOKEN}`) return json(401, {});
    const file = held[url.slice(FILES_URL.length)];
    return file ? new Response(file.bytes, { headers: { 'content-type': file.type } }) : json(404, {});
  };
}

/** A connected console showing the agent's conversation with Matti (k1), on this file server. */
function openedWith(fetch: ReturnType<typeof fileServer>, envOptions: Parameters<typeof renderConsole>[0] = {}) {
  const c = renderConsole({ fetch, ...envOptions });
  c.connect();
  c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME, visitor: { name: 'Matti' } }), summary({ id: 'k2', questions: ['Lahjakortti?'] })] });
  fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
  return c;
}

const bytesOf = async (blob: Blob | undefined) => [...new Uint8Array(await blob!.arrayBuffer())];
const transcript = () => screen.getByRole('log', { name: 'Transcript' });
const fileRequests = (c: ReturnType<typeof renderConsole>) =>
  c.requests.filter((r) => r.url.startsWith(FILES_URL)).map((r) => ({ url: r.url, authorization: new Headers(r.init?.headers).get('authorization') }));

describe('a file the visitor sent', () => {
  it('shows a picture as a thumbnail in the visitor\'s bubble, fetched with the agent\'s token, and lets it go when off screen', async () => {
    const c = openedWith(fileServer({ photo1: { bytes: PHOTO, type: 'image/jpeg' } }));
    c.receive({ type: 'events', conversationId: 'k1', events: [photo()] });
    const bubble = within(transcript()).getByText('Loading image…').closest('li');
    expect(bubble?.className).toBe('event text visitor file');
    expect(within(bubble!).getByText('Matti')).toBeTruthy();
    expect(within(bubble!).getByText('20:05')).toBeTruthy();

    const image = await within(transcript()).findByRole('img', { name: 'sohva.jpg' });
    expect(within(transcript()).queryByText('Loading image…')).toBeNull();
    expect(fileRequests(c)).toEqual([{ url: `${FILES_URL}photo1`, authorization: `Bearer ${TOKEN}` }]);
    // Shown from an object URL of exactly the bytes the server answered, typed as the image it is.
    const src = image.getAttribute('src') ?? '';
    expect(src).toMatch(/^blob:/);
    expect(await bytesOf(c.objectUrls.get(src))).toEqual([...PHOTO]);
    expect(c.objectUrls.get(src)?.type).toBe('image/jpeg');
    // A click (or Enter) opens the full picture in a new tab.
    const link = within(transcript()).getByRole('link', { name: 'sohva.jpg' });
    expect([link.getAttribute('href'), link.getAttribute('target'), link.getAttribute('rel')]).toEqual([src, '_blank', 'noopener']);
    expect(link.contains(image)).toBe(true);

    expect(c.revoked).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: /Lahjakortti/ }));
    expect(c.revoked).toEqual([src]);
  });

  it('offers a PDF as a button that saves it, fetched with the agent\'s token', async () => {
    const c = openedWith(fileServer({ receipt1: { bytes: RECEIPT, type: 'application/pdf' } }));
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'visitor', 'Tässä kuitti'), receipt()] });
    const button = within(transcript()).getByRole('button', { name: 'Download kuitti.pdf (1.2 MB)' });
    expect(button.closest('li')?.textContent).toMatch(/^Matti 20:06/);
    // Nothing is fetched until the agent asks for it.
    expect(fileRequests(c)).toEqual([]);
    expect(within(transcript()).queryByRole('img')).toBeNull();

    fireEvent.click(button);
    await waitFor(() => expect(c.downloads).toHaveLength(1));
    expect(fileRequests(c)).toEqual([{ url: `${FILES_URL}receipt1`, authorization: `Bearer ${TOKEN}` }]);
    expect(c.downloads[0]?.filename).toBe('kuitti.pdf');
    expect(await bytesOf(c.downloads[0]?.blob)).toEqual([...RECEIPT]);
    expect(c.downloads[0]?.blob?.type).toBe('application/pdf');
    expect(within(transcript()).queryByText(/could not/)).toBeNull();
  });

  it('saves a PDF an older server stored under an HTML name as a .pdf, so the computer does not open it as a page', async () => {
    const c = openedWith(fileServer({ receipt1: { bytes: RECEIPT, type: 'application/pdf' } }));
    c.receive({ type: 'events', conversationId: 'k1', events: [fileEvent(6, { fileId: 'receipt1', name: 'kuitti.html', type: 'application/pdf', size: 9 })] });
    fireEvent.click(within(transcript()).getByRole('button', { name: /Download kuitti\.html/ }));
    await waitFor(() => expect(c.downloads).toHaveLength(1));
    expect(c.downloads[0]?.filename).toBe('kuitti.html.pdf');
  });

  it('says why a file cannot be fetched and what to do, with Retry only where another try can help', async () => {
    // What the server (or the network) answers for the PDF, one cause after another.
    let answer: () => Response | Promise<Response> = () => json(410, {});
    const c = openedWith(async (url) => (url.endsWith('receipt1') ? answer() : json(404, {})));
    c.receive({ type: 'events', conversationId: 'k1', events: [receipt()] });
    const bubble = within(transcript()).getByRole('button', { name: 'Download kuitti.pdf (1.2 MB)' }).closest('li')!;
    const download = () => fireEvent.click(within(bubble).getByRole('button', { name: 'Download kuitti.pdf (1.2 MB)' }));
    /** What the agent reads by the button: what failed and why, then Retry where it helps. */
    const said = async (words: string) => {
      await waitFor(() => expect(bubble.querySelector('.file-state.failed')?.textContent?.trim().replace(/ Retry$/, '')).toBe(`The file could not be downloaded. ${words}`));
      return true;
    };
    const retry = () => within(bubble).queryByRole('button', { name: 'Retry' });

    const causes: [string, () => Response | Promise<Response>, string, boolean][] = [
      ['erased', () => json(410, {}), 'It is no longer on the server (erased, or past the time files are kept). If it is still needed, it has to be sent again.', false],
      ['pruned', () => json(404, { error: { code: 'not_found' } }), 'It is no longer on the server (erased, or past the time files are kept). If it is still needed, it has to be sent again.', false],
      ['session', () => json(401, { error: { code: 'unauthorized' } }), 'Your session had expired. Once you have logged in again, retry.', true],
      ['server', () => json(500, { error: { code: 'internal' } }), 'The server failed to send it. Retry later; if it keeps failing, tell whoever runs the server.', true],
      ['proxy', () => new Response('<h1>502 Bad Gateway</h1>', { status: 502 }), 'The server failed to send it. Retry later; if it keeps failing, tell whoever runs the server.', true],
      ['network', () => Promise.reject(new TypeError('Failed to fetch')), 'It did not get through. Check the connection and retry.', true],
      ['refused', () => json(403, { error: { code: 'origin_not_allowed' } }), 'The server did not accept the request: this page may be out of date. Reload the page and try again; if that does not help, tell whoever runs the server.', false],
    ];
    for (const [cause, response, words, retries] of causes) {
      answer = response;
      download();
      await said(words);
      expect(retry() !== null, cause).toBe(retries);
    }
    expect(c.downloads).toEqual([]);

    // The network is back: Retry saves it, and the keyboard is still at the file.
    answer = () => json(500, {});
    download();
    await said('The server failed to send it. Retry later; if it keeps failing, tell whoever runs the server.');
    answer = () => new Response(RECEIPT, { headers: { 'content-type': 'application/pdf' } });
    retry()!.focus();
    fireEvent.click(retry()!);
    await waitFor(() => expect(c.downloads).toHaveLength(1));
    expect(c.downloads[0]?.filename).toBe('kuitti.pdf');
    expect(bubble.querySelector('.failed')).toBeNull();
    expect(document.activeElement?.textContent).toBe('Download kuitti.pdf (1.2 MB)');
  });

  it('says why a picture cannot be shown, and Retry shows it once it can, the focus kept on it', async () => {
    let answer: () => Response | Promise<Response> = () => Promise.reject(new TypeError('Failed to fetch'));
    const c = openedWith(async (url) => (url.endsWith('photo1') ? answer() : json(404, {})));
    c.receive({ type: 'events', conversationId: 'k1', events: [photo()] });
    const failed = await within(transcript()).findByText('The image could not be loaded. It did not get through. Check the connection and retry.');
    // Named, so that two pictures that failed do not read the same.
    expect(failed.textContent).toBe('sohva.jpg The image could not be loaded. It did not get through. Check the connection and retry. Retry');
    expect(within(transcript()).queryByRole('img')).toBeNull();
    expect(c.objectUrls.size).toBe(0);

    answer = () => new Response(PHOTO, { headers: { 'content-type': 'image/jpeg' } });
    const retry = within(transcript()).getByRole('button', { name: 'Retry' });
    retry.focus();
    fireEvent.click(retry);
    const link = await within(transcript()).findByRole('link', { name: 'sohva.jpg' });
    await waitFor(() => expect(document.activeElement).toBe(link));

    // Erased meanwhile: a reload of the conversation says so, with no Retry.
    answer = () => json(404, { error: { code: 'not_found' } });
    fireEvent.click(screen.getByRole('button', { name: /Lahjakortti/ }));
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    expect(
      await within(transcript()).findByText(
        'The image could not be loaded. It is no longer on the server (erased, or past the time files are kept). If it is still needed, it has to be sent again.',
      ),
    ).toBeTruthy();
    expect(within(transcript()).queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('after a download found the session expired, fetches the file once the agent has logged in again', async () => {
    const NEW_TOKEN = 'n'.repeat(32);
    const c = renderConsole({
      fetch: (url, init) => {
        if (url.endsWith('/api/login')) return json(200, { token: NEW_TOKEN, agent: ME });
        // The old session is over on the server; the new one's token gets the file.
        if (!url.startsWith(FILES_URL)) return json(404, {});
        return new Headers(init?.headers).get('authorization') === `Bearer ${NEW_TOKEN}` ? new Response(RECEIPT) : json(401, { error: { code: 'unauthorized' } });
      },
    });
    const mine = summary({ status: 'active', agent: ME, visitor: { name: 'Matti' } });
    c.connect();
    c.receive({ type: 'queue', conversations: [mine] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    c.receive({ type: 'events', conversationId: 'k1', events: [receipt()] });
    fireEvent.click(within(transcript()).getByRole('button', { name: 'Download kuitti.pdf (1.2 MB)' }));
    expect(await within(transcript()).findByText(/Your session had expired\. Once you have logged in again, retry\./)).toBeTruthy();

    // The socket hears of it too: the login form, and back in the conversation after it.
    act(() => c.last().drop(CLOSE.unauthorized));
    fireEvent.input(await screen.findByLabelText('Login'), { target: { value: 'demo' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(c.sockets).toHaveLength(2));
    c.connect();
    c.receive({ type: 'queue', conversations: [mine] });
    c.receive({ type: 'events', conversationId: 'k1', events: [receipt()] });
    fireEvent.click(within(transcript()).getByRole('button', { name: 'Download kuitti.pdf (1.2 MB)' }));
    await waitFor(() => expect(c.downloads).toHaveLength(1));
    expect(await bytesOf(c.downloads[0]?.blob)).toEqual([...RECEIPT]);
  });

  it('shows the size in Finnish units with a decimal comma', () => {
    const c = openedWith(fileServer({}), { language: 'fi-FI' });
    c.receive({ type: 'events', conversationId: 'k1', events: [receipt()] });
    expect(within(screen.getByRole('log', { name: 'Keskusteluhistoria' })).getByRole('button', { name: 'Lataa kuitti.pdf (1,2 Mt)' })).toBeTruthy();
  });

  it('is a line in the downloaded transcript, in the agent\'s language', () => {
    const c = openedWith(fileServer({}));
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'visitor', 'Sohva tuli rikki'), receipt(), photo(7)] });
    fireEvent.click(screen.getByRole('button', { name: 'Download transcript' }));
    expect(c.downloads[0]?.text?.split('\n').slice(-4)).toEqual([
      '20:05 Matti: Sohva tuli rikki',
      '20:06 Matti sent a file: kuitti.pdf (1.2 MB)',
      '20:07 Matti sent a file: sohva.jpg (340 KB)',
      '',
    ]);
    const finnish = transcriptText(STRINGS.fi, summary({ visitor: { name: 'Matti' } }), [receipt()]);
    expect(finnish).toContain('\n20:06 Matti lähetti tiedoston: kuitti.pdf (1,2 Mt)\n');
  });

  it('counts as new and tells an agent in another tab which file came', () => {
    const c = renderConsole({ fetch: fileServer({}), permission: 'granted' });
    c.connect();
    const mine = summary({ status: 'active', agent: ME, visitor: { name: 'Matti' }, lastSeq: 4 });
    c.receive({ type: 'queue', conversations: [mine, summary({ id: 'k2', questions: ['Lahjakortti?'] })] });
    act(() => c.setVisible(false));
    c.receive({ type: 'events', conversationId: 'k1', events: [receipt(5)] });
    expect(c.notifications.map(({ title, body, tag }) => ({ title, body, tag }))).toEqual([{ title: 'Matti', body: '📎 kuitti.pdf', tag: 'k1' }]);
    expect(screen.getByRole('button', { name: /Missä tilaukseni on\? 1 new/ })).toBeTruthy();
  });
});
