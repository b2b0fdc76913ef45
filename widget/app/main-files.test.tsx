// Files in the chat: the visitor's, sent with the paperclip, a paste or a drop, and their refusals
// and retries; and the agent's, which the visitor saves with a button.
import { act, createEvent, fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { FakeSocket } from './net/fake-socket';
import { event, welcome } from './test-kit';
import { handedOff, kit, openPanel, start } from './main-test-kit';

afterEach(() => kit.cleanup());

describe('sending a file to the person', () => {
  const ATTACH = 'Liitä kuva tai tiedosto';
  const MB = 1024 * 1024;

  /** The visitor presses the paperclip and picks `file` in the browser's file dialog. */
  async function attach(file: File, button = ATTACH) {
    fireEvent.click(await kit.ui.findByRole('button', { name: button }));
    expect(dialog).toHaveBeenCalledOnce();
    dialog.mockClear();
    const input = (kit.launcher.getRootNode() as ShadowRoot).querySelector<HTMLInputElement>('input[type=file]')!;
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    fireEvent.change(input);
  }
  // The browser's file dialog, which a test cannot use: the click that opens it is all it sees.
  let dialog: MockInstance<() => void>;
  beforeEach(() => void (dialog = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => {})));
  afterEach(() => dialog.mockRestore());

  /** The server's answer to an upload. */
  const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const refusal = (status: number, code: string) => answer(status, { error: { code, message: `the server's words, not shown` } });
  const requests = () => kit.fetch.mock.calls.map(([url, init]) => ({ url, method: init?.method, headers: new Headers(init?.headers), body: init?.body }));

  /** The stored event of a file the visitor sent, as the socket brings it. */
  const fileEvent = (seq: number, id: string, file: File) => ({
    ...event(seq, 'visitor', { kind: 'file', fileId: `f${seq}`, name: file.name, type: file.type, size: file.size }),
    id,
  });

  it('offers the paperclip only while a conversation with a person is on', async () => {
    await openPanel();
    expect(kit.ui.queryByRole('button', { name: ATTACH })).toBeNull();
    fireEvent.click(kit.ui.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    await kit.ui.findByRole('textbox', { name: 'Viesti' });
    // The server has not taken the handoff yet: there is no conversation to send a file to.
    expect(kit.ui.queryByRole('button', { name: ATTACH })).toBeNull();
    const socket = FakeSocket.last();
    await act(() => welcome(socket));
    act(() => socket.receive({ type: 'ack', id: socket.frames()[1]!.id, conversationId: 'k1', seq: 1 }));
    expect(await kit.ui.findByRole('button', { name: ATTACH })).toBeTruthy();
    const input = (kit.launcher.getRootNode() as ShadowRoot).querySelector<HTMLInputElement>('input[type=file]')!;
    expect(input.accept).toBe('image/jpeg,image/png,image/webp,image/gif,application/pdf');
    expect(input.hidden).toBe(true);
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'system', { kind: 'closed', by: 'agent' })] }));
    await kit.ui.findByRole('button', { name: '5 viidestä' });
    expect(kit.ui.queryByRole('button', { name: ATTACH })).toBeNull();
  });

  it('posts the chosen file, shows it as sending, and once when the server has stored it', async () => {
    const { socket } = await handedOff();
    let respond = (_: Response) => {};
    kit.fetch.mockImplementationOnce(() => new Promise((resolve) => (respond = resolve)));
    const file = new File([new Uint8Array(1.2 * MB)], 'kuitti ä.pdf', { type: 'application/pdf' });
    await attach(file);

    const [sent] = requests();
    expect(requests()).toHaveLength(1);
    expect(sent!.url).toBe('http://chat.example/api/files');
    expect(sent!.method).toBe('POST');
    expect(sent!.body).toBe(file);
    expect(sent!.headers.get('Authorization')).toBe(`Bearer ${'t'.repeat(32)}`);
    expect(sent!.headers.get('X-Kohtaamo-Name')).toBe('kuitti%20%C3%A4.pdf');
    const id = sent!.headers.get('X-Kohtaamo-Id')!;
    expect(id).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(await kit.ui.findByText('kuitti ä.pdf (1,2 Mt)')).toBeTruthy();
    expect(kit.ui.getByText('Lähetetään…')).toBeTruthy();

    await act(async () => respond(answer(200, { conversationId: 'k1', seq: 2, fileId: 'f2' })));
    expect(await kit.ui.findByText('Lähetetty')).toBeTruthy();
    expect(kit.ui.queryByText('Lähetetään…')).toBeNull();
    // The event, and the same again as a reconnect replays it: one file in the transcript.
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [fileEvent(2, id, file)] }));
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [fileEvent(2, id, file)] }));
    expect(kit.ui.getAllByText('kuitti ä.pdf (1,2 Mt)')).toHaveLength(1);
    expect(kit.ui.getAllByText('Lähetetty')).toHaveLength(1);
    // Drawn, not an emoji, which is an empty box without an emoji font; the attach button's too.
    expect(kit.ui.getByText('kuitti ä.pdf (1,2 Mt)').querySelector('svg.clip')).not.toBeNull();
    expect(kit.ui.getByRole('button', { name: 'Liitä kuva tai tiedosto' }).querySelector('svg.clip')).not.toBeNull();
    expect(kit.ui.getByRole('log').textContent).not.toMatch(/\p{Extended_Pictographic}/u);
  });

  it('shows a file once when its event arrives before the answer to the upload', async () => {
    const { socket } = await handedOff();
    let respond = (_: Response) => {};
    kit.fetch.mockImplementationOnce(() => new Promise((resolve) => (respond = resolve)));
    const file = new File([new Uint8Array(300 * 1024)], 'sohva.jpg', { type: 'image/jpeg' });
    await attach(file);
    const id = requests()[0]!.headers.get('X-Kohtaamo-Id')!;
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [fileEvent(2, id, file)] }));
    expect(kit.ui.getAllByText('sohva.jpg (300 kt)')).toHaveLength(1);
    expect(kit.ui.queryByText('Lähetetään…')).toBeNull();
    await act(async () => respond(answer(200, { conversationId: 'k1', seq: 2, fileId: 'f2' })));
    expect(kit.ui.getAllByText('sohva.jpg (300 kt)')).toHaveLength(1);
  });

  it('sends a screenshot pasted into the message box, or a file dropped on the chat, as one picked', async () => {
    await handedOff();
    kit.fetch.mockResolvedValue(answer(200, { conversationId: 'k1', seq: 2, fileId: 'f2' }));
    const shot = new File(['\x89PNG'], 'image.png', { type: 'image/png' });
    const pasted = fireEvent.paste(kit.ui.getByRole('textbox', { name: 'Viesti' }), { clipboardData: { files: [shot] } });
    // Not also pasted as text into the box.
    expect(pasted).toBe(false);
    const photo = new File(['\xff\xd8\xff'], 'sohva.jpg', { type: 'image/jpeg' });
    const body = kit.ui.getByRole('log', { name: 'Keskustelu' }).closest('.body')!;
    fireEvent.dragOver(body);
    // As a browser's drop brings it (happy-dom's DataTransfer takes no files).
    const drop = createEvent.drop(body);
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [photo] } });
    fireEvent(body, drop);
    await waitFor(() => expect(requests().map((r) => r.body)).toEqual([shot, photo]));
    // Plain text pastes as text.
    expect(fireEvent.paste(kit.ui.getByRole('textbox', { name: 'Viesti' }), { clipboardData: { files: [] } })).toBe(true);
  });

  it('refuses a file over 10 MB at once, without sending a byte of it', async () => {
    await handedOff();
    await attach(new File([new Uint8Array(10 * MB + 1)], 'video.mov', { type: 'video/quicktime' }));
    expect(await kit.ui.findByText('Ei lähtenyt – Tiedosto on liian suuri: enintään 10 Mt.')).toBeTruthy();
    expect(kit.fetch).not.toHaveBeenCalled();
    // The same file would be refused again: the visitor picks another instead.
    expect(kit.ui.queryByRole('button', { name: 'Yritä uudelleen' })).toBeNull();
  });

  it('says which files can be sent when the server refuses the type, with no retry that would be refused again', async () => {
    await handedOff();
    kit.fetch.mockResolvedValueOnce(refusal(415, 'bad_file'));
    await attach(new File(['<html>'], 'kuva.jpg', { type: 'image/jpeg' }));
    expect(await kit.ui.findByText('Ei lähtenyt – Vain kuvat (JPEG, PNG, WebP, GIF) ja PDF-tiedostot käyvät.')).toBeTruthy();
    expect(kit.ui.getByText('kuva.jpg (1 kt)')).toBeTruthy();
    expect(kit.ui.queryByRole('button', { name: 'Yritä uudelleen' })).toBeNull();
  });

  it('says when the conversation holds all the files it takes, or the day\'s are sent, with no retry, and keeps neither for the next page', async () => {
    await handedOff();
    kit.fetch.mockResolvedValueOnce(refusal(413, 'conversation_full'));
    await attach(new File(['%PDF-1.7'], 'kuitti.pdf', { type: 'application/pdf' }));
    expect(await kit.ui.findByText('Ei lähtenyt – Tähän keskusteluun ei voi lähettää enempää tiedostoja. Viestejä voit silti kirjoittaa.')).toBeTruthy();
    kit.fetch.mockResolvedValueOnce(refusal(429, 'daily_quota'));
    await attach(new File(['\xff\xd8\xff'], 'sohva.jpg', { type: 'image/jpeg' }));
    expect(await kit.ui.findByText('Ei lähtenyt – Tänään ei voi lähettää enempää tiedostoja. Voit lähettää lisää huomenna.')).toBeTruthy();
    // Not "too large", nor "too many messages": and a retry that cannot succeed is not offered.
    expect(kit.ui.queryByText(/liian/)).toBeNull();
    expect(kit.ui.queryByRole('button', { name: 'Yritä uudelleen' })).toBeNull();
    await waitFor(() => expect(kit.persist.files.size).toBe(0));
  });

  it('says a file refused as one of too many at once is one of too many files, with a retry', async () => {
    await handedOff();
    kit.fetch.mockResolvedValueOnce(refusal(429, 'rate_limited'));
    await attach(new File(['%PDF-1.7'], 'kuitti.pdf', { type: 'application/pdf' }));
    expect(await kit.ui.findByText('Ei lähtenyt – Liian monta tiedostoa kerralla – odota hetki ja yritä uudelleen.')).toBeTruthy();
    kit.fetch.mockResolvedValueOnce(answer(200, { conversationId: 'k1', seq: 2, fileId: 'f2' }));
    fireEvent.click(kit.ui.getByRole('button', { name: 'Yritä uudelleen' }));
    expect(await kit.ui.findByText('Lähetetty')).toBeTruthy();
    kit.cleanup();

    await handedOff('en');
    kit.fetch.mockResolvedValueOnce(refusal(429, 'rate_limited'));
    await attach(new File(['%PDF-1.7'], 'receipt.pdf', { type: 'application/pdf' }), 'Attach a photo or file');
    expect(await kit.ui.findByText('Not sent – Too many files at once – wait a moment and try again.')).toBeTruthy();
    expect(kit.ui.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('says so in English too', async () => {
    await handedOff('en');
    kit.fetch.mockResolvedValueOnce(refusal(413, 'conversation_full')).mockResolvedValueOnce(refusal(429, 'daily_quota'));
    await attach(new File(['%PDF-1.7'], 'receipt.pdf', { type: 'application/pdf' }), 'Attach a photo or file');
    expect(await kit.ui.findByText('Not sent – No more files can be sent in this conversation. You can still write messages.')).toBeTruthy();
    await attach(new File(['%PDF-1.7'], 'invoice.pdf', { type: 'application/pdf' }), 'Attach a photo or file');
    expect(await kit.ui.findByText('Not sent – No more files can be sent today. You can send more tomorrow.')).toBeTruthy();
    expect(kit.ui.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('sends the same file again, under the same id, when the visitor retries after the network failed', async () => {
    const { socket } = await handedOff();
    // The kit's fetch fails as a network does until a test answers it.
    const file = new File(['%PDF-1.7'], 'kuitti.pdf', { type: 'application/pdf' });
    await attach(file);
    expect(await kit.ui.findByText('Ei lähtenyt')).toBeTruthy();
    kit.fetch.mockResolvedValueOnce(answer(200, { conversationId: 'k1', seq: 2, fileId: 'f2' }));
    fireEvent.click(kit.ui.getByRole('button', { name: 'Yritä uudelleen' }));
    expect(await kit.ui.findByText('Lähetetty')).toBeTruthy();
    const [first, again] = requests();
    expect(again!.body).toBe(file);
    // The same client id: had the first one been stored after all, the server stores it once.
    expect(again!.headers.get('X-Kohtaamo-Id')).toBe(first!.headers.get('X-Kohtaamo-Id'));
    expect(kit.ui.queryByText(/Ei lähtenyt/)).toBeNull();
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [fileEvent(2, again!.headers.get('X-Kohtaamo-Id')!, file)] }));
    expect(kit.ui.getAllByText('kuitti.pdf (1 kt)')).toHaveLength(1);
  });

  it('sends a file still on its way again from the next page, under the same id', async () => {
    await handedOff();
    // A slow phone connection: the page is left before the upload is answered.
    kit.fetch.mockImplementationOnce(() => new Promise(() => {}));
    const file = new File(['%PDF-1.7'], 'kuitti.pdf', { type: 'application/pdf' });
    await attach(file);
    await waitFor(() => expect(kit.persist.files.size).toBe(1));
    const id = requests()[0]!.headers.get('X-Kohtaamo-Id');
    const saved = (await kit.persist.load())!;
    kit.cleanup();

    start(saved);
    kit.fetch.mockResolvedValueOnce(answer(200, { conversationId: 'k1', seq: 2, fileId: 'f2' }));
    act(() => kit.api.command('open'));
    expect(await kit.ui.findByText('kuitti.pdf (1 kt)')).toBeTruthy();
    expect(await kit.ui.findByText('Lähetetty')).toBeTruthy();
    const [again] = requests();
    expect(requests()).toHaveLength(1);
    expect(again!.headers.get('X-Kohtaamo-Id')).toBe(id);
    expect(await (again!.body as Blob).text()).toBe('%PDF-1.7');
    // Once the server has it, it is no longer kept.
    await waitFor(() => expect(kit.persist.files.size).toBe(0));
  });

  it('says why when it can, and only that the file did not go when the network failed', async () => {
    await handedOff();
    // Sent as the agent closed the conversation: no retry, which would be refused again.
    kit.fetch.mockResolvedValueOnce(refusal(409, 'no_conversation'));
    await attach(new File(['GIF89a'], 'kuva.gif', { type: 'image/gif' }));
    expect(await kit.ui.findByText('Ei lähtenyt – Keskustelu on jo päättynyt.')).toBeTruthy();
    expect(kit.ui.queryByRole('button', { name: 'Yritä uudelleen' })).toBeNull();
    // Unanswered (the kit's fetch fails as a network does) and a reply that is not ours alike.
    await attach(new File(['%PDF-1.7'], 'lasku.pdf', { type: 'application/pdf' }));
    kit.fetch.mockResolvedValueOnce(new Response('Bad Gateway', { status: 502 }));
    await attach(new File(['%PDF-1.7'], 'tilaus.pdf', { type: 'application/pdf' }));
    await waitFor(() => expect(kit.ui.getAllByText('Ei lähtenyt')).toHaveLength(2));
    expect(kit.ui.getAllByRole('button', { name: 'Yritä uudelleen' })).toHaveLength(2);
  });

  it('speaks English to an English visitor', async () => {
    await handedOff('en');
    await attach(new File([new Uint8Array(12.3 * MB)], 'video.mp4', { type: 'video/mp4' }), 'Attach a photo or file');
    expect(await kit.ui.findByText('video.mp4 (12.3 MB)')).toBeTruthy();
    expect(kit.ui.getByText('Not sent – The file is too large: at most 10 MB.')).toBeTruthy();
  });
});
