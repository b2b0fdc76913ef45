// The chat with a person when something went wrong before: a refused request for a person, a
// visitor the server forgot, a file refused for good, a new question after a closed chat, a
// reconnect while typing. What the visitor sees, and what goes to the server. And a phone
// keyboard's Enter key, named for what it does.
import { act, fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, expect, it, vi } from 'vitest';
import { FakeSocket } from '../net/fake-socket';
import { event, setup, welcome } from '../test-kit';

let kit: ReturnType<typeof setup>;
afterEach(() => kit.cleanup());

async function askForPerson() {
  act(() => kit.api.command('open'));
  fireEvent.click(await kit.ui.findByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
}

/** A visitor who asked for a person, whose request the server stored as k1 (seq 1). */
async function handedOff() {
  kit = setup();
  await askForPerson();
  const socket = FakeSocket.last();
  await act(() => welcome(socket));
  const handoff = socket.frames()[1]!;
  act(() => socket.receive({ type: 'ack', id: handoff.id, conversationId: 'k1', seq: 1 }));
  return socket;
}

/** The next socket, after the one in use dropped or was closed. */
const nextSocket = () =>
  waitFor(
    () => {
      expect(FakeSocket.all.length).toBeGreaterThan(1);
      return FakeSocket.last();
    },
    { timeout: 3000 },
  );

it('says so when the request for a person was refused, with a retry that asks again under the same id', async () => {
  kit = setup();
  await askForPerson();
  const socket = FakeSocket.last();
  await act(() => welcome(socket));
  const handoff = socket.frames()[1]!;
  act(() => socket.receive({ type: 'error', code: 'bad_message', message: 'The frame does not match the protocol.', id: handoff.id }));
  expect(await kit.ui.findByText(/Ei lähtenyt/)).toBeTruthy();
  expect(kit.ui.queryByText('Asiakaspalvelija liittyy keskusteluun pian')).toBeNull();
  fireEvent.click(kit.ui.getByRole('button', { name: 'Yritä uudelleen' }));
  expect(socket.frames().filter((f) => f.type === 'handoff').map((f) => f.id)).toEqual([handoff.id, handoff.id]);
  expect(await kit.ui.findByText('Asiakaspalvelija liittyy keskusteluun pian')).toBeTruthy();
});

it("says so too when the visitor's address has the most visitors waiting the server takes, and the retry asks again", async () => {
  kit = setup();
  await askForPerson();
  const socket = FakeSocket.last();
  await act(() => welcome(socket));
  const handoff = socket.frames()[1]!;
  // An address's cap (server/waiting-limit.ts): a code the widget must know, or the ask would stay "sending" for ever.
  act(() => socket.receive({ type: 'error', code: 'too_many_waiting', message: 'Visitors at this client address already wait.', id: handoff.id }));
  // Why, not only "not sent": an office or a phone network's customers share one address.
  expect(await kit.ui.findByText(/Ei lähtenyt – Samasta verkosta odottaa jo monta asiakasta\. Yritä hetken päästä uudelleen\./)).toBeTruthy();
  fireEvent.click(kit.ui.getByRole('button', { name: 'Yritä uudelleen' }));
  expect(socket.frames().filter((f) => f.type === 'handoff').map((f) => f.id)).toEqual([handoff.id, handoff.id]);
});

it('goes back to the FAQ when the server no longer knows the visitor whose closed chat was kept', async () => {
  const socket = await handedOff();
  // Closed just now: a later page within the hour shows it again, for its rating.
  act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [{ ...event(2, 'system', { kind: 'closed', by: 'agent' }), at: Date.now() }] }));
  await kit.ui.findByRole('button', { name: '5 viidestä' });
  await waitFor(() => expect(kit.persist.saved?.conversation.status).toBe('closed'));
  const saved = kit.persist.saved!;
  kit.cleanup();
  // Meanwhile the chat and the visitor's token were erased on the server.
  kit = setup(saved);
  act(() => kit.api.command('open'));
  // Closed, it opens no socket of its own; the visitor's rating does.
  fireEvent.click(await kit.ui.findByRole('button', { name: '5 viidestä' }));
  expect(FakeSocket.all).toEqual([]);
  fireEvent.click(kit.ui.getByRole('button', { name: 'Lähetä arvio' }));
  const first = FakeSocket.last();
  act(() => {
    first.open();
    first.receive({ type: 'error', code: 'unauthorized', message: 'The token is missing, wrong or expired.' });
    first.close(4001);
  });
  expect(await kit.ui.findByRole('combobox', { name: 'Kysymyksesi' })).toBeTruthy();
  expect(kit.ui.queryByText('Asiakaspalvelija liittyy keskusteluun pian')).toBeNull();
});

it('starts the next chat without a message refused in the last one, also after a new page', async () => {
  const socket = await handedOff();
  act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'system', { kind: 'joined', agent: 'Aino' })] }));
  const composer = await kit.ui.findByRole('textbox', { name: 'Viesti' });
  fireEvent.input(composer, { target: { value: 'Kiitos!' } });
  fireEvent.keyDown(composer, { key: 'Enter' });
  const msg = socket.frames().find((f) => f.type === 'msg')!;
  act(() => {
    socket.receive({ type: 'events', conversationId: 'k1', events: [event(3, 'system', { kind: 'closed', by: 'agent' })] });
    socket.receive({ type: 'error', code: 'conversation_closed', message: 'The conversation is closed.', id: msg.id });
  });
  fireEvent.click(await kit.ui.findByRole('button', { name: '5 viidestä' }));
  fireEvent.click(kit.ui.getByRole('button', { name: 'Lähetä arvio' }));
  // The closed conversation's socket went; the rating opens one of its own.
  const again = FakeSocket.last();
  await act(() => welcome(again, { id: 'k1', status: 'closed', lastSeq: 3, rated: false }));
  const rate = again.frames().find((f) => f.type === 'rate')!;
  act(() => again.receive({ type: 'ack', id: rate.id, conversationId: 'k1', seq: 4 }));
  expect(await kit.ui.findByText('Kiitos palautteesta!')).toBeTruthy();
  await waitFor(() => expect(kit.persist.saved?.conversation.rated).toBe(true));
  const saved = kit.persist.saved!;
  kit.cleanup();
  // The next page, within the hour: the rated conversation is there to be read, and a new question for a person starts anew.
  kit = setup(saved);
  act(() => kit.api.command('open'));
  fireEvent.click(await kit.ui.findByRole('button', { name: 'Uusi kysymys' }));
  fireEvent.click(await kit.ui.findByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
  await kit.ui.findByRole('textbox', { name: 'Viesti' });
  expect(kit.ui.queryByText('Kiitos!')).toBeNull();
});

it('does not send again from the next page a file the server refused for what it is', async () => {
  await handedOff();
  vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => {});
  kit.fetch.mockResolvedValueOnce(new Response(JSON.stringify({ error: { code: 'bad_file', message: 'Only JPEG, PNG, WebP or GIF images and PDF files can be sent.' } }), { status: 415, headers: { 'Content-Type': 'application/json' } }));
  fireEvent.click(await kit.ui.findByRole('button', { name: 'Liitä kuva tai tiedosto' }));
  const input = (kit.launcher.getRootNode() as ShadowRoot).querySelector<HTMLInputElement>('input[type=file]')!;
  Object.defineProperty(input, 'files', { value: [new File([new Uint8Array(5 * 1024)], 'tilaus.heic', { type: 'image/jpeg' })], configurable: true });
  fireEvent.change(input);
  expect(await kit.ui.findByText(/Ei lähtenyt – Vain kuvat/)).toBeTruthy();
  vi.restoreAllMocks();
  await waitFor(() => expect(kit.persist.files.size).toBe(0));
  const saved = kit.persist.saved!;
  kit.cleanup();
  kit = setup(saved);
  act(() => kit.api.command('open'));
  await new Promise((r) => setTimeout(r, 100));
  expect(kit.fetch).not.toHaveBeenCalled();
});

it('does not say the connection dropped when a new question after a closed chat connects again', async () => {
  const socket = await handedOff();
  act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'system', { kind: 'closed', by: 'agent' })] }));
  fireEvent.click(await kit.ui.findByRole('button', { name: 'Uusi kysymys' }));
  fireEvent.click(await kit.ui.findByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
  await kit.ui.findByRole('textbox', { name: 'Viesti' });
  expect(FakeSocket.all.length).toBe(2);
  expect(kit.ui.queryByText('Yhteys katkesi, yhdistetään uudelleen…')).toBeNull();
});

it('tells the agent the visitor types again after a reconnect', async () => {
  const socket = await handedOff();
  const composer = kit.ui.getByRole('textbox', { name: 'Viesti' });
  fireEvent.input(composer, { target: { value: 'Hei' } });
  expect(socket.frames().filter((f) => f.type === 'typing')).toEqual([{ type: 'typing', on: true }]);
  act(() => socket.close(1006));
  fireEvent.input(composer, { target: { value: '' } });
  const next = await nextSocket();
  await act(() => welcome(next, { id: 'k1', status: 'queued', lastSeq: 1, rated: false }));
  fireEvent.input(composer, { target: { value: 'Vielä yksi asia' } });
  expect(next.frames().filter((f) => f.type === 'typing')).toEqual([{ type: 'typing', on: true }]);
});

it('sends nothing on the Enter that ends an input method\'s word, only on the next one', async () => {
  const socket = await handedOff();
  const composer = kit.ui.getByRole('textbox', { name: 'Viesti' });
  fireEvent.input(composer, { target: { value: 'Tilaukseni numer' } });
  // As Chromium delivers it while a word is being composed.
  fireEvent.keyDown(composer, { key: 'Enter', keyCode: 229, isComposing: true });
  expect(socket.frames().filter((f) => f.type === 'msg')).toEqual([]);
  fireEvent.input(composer, { target: { value: 'Tilaukseni numero' } });
  fireEvent.keyDown(composer, { key: 'Enter', keyCode: 13 });
  expect(socket.frames().filter((f) => f.type === 'msg')).toMatchObject([{ text: 'Tilaukseni numero' }]);
});

it('has the typing line and the connection banner there, empty, before they have words, so that only their words change', async () => {
  const socket = await handedOff();
  const shadow = kit.launcher.getRootNode() as ShadowRoot;
  const typing = shadow.querySelector('.typing')!;
  const banner = shadow.querySelector('.banner')!;
  expect([typing.textContent, typing.getAttribute('aria-live')]).toEqual(['', 'polite']);
  expect([banner.textContent, banner.getAttribute('role')]).toEqual(['', 'status']);
  act(() => socket.receive({ type: 'typing', conversationId: 'k1', name: 'Aino', on: true }));
  expect(typing.textContent).toBe('Aino kirjoittaa…');
  expect(shadow.querySelector('.typing')).toBe(typing);
  act(() => socket.close(1006));
  await waitFor(() => expect(banner.textContent).toBe('Yhteys katkesi, yhdistetään uudelleen…'), { timeout: 4000 });
  expect(shadow.querySelector('.banner')).toBe(banner);
});

it("names a phone keyboard's Enter key Send in the question field and the message box, where Enter sends", async () => {
  kit = setup();
  act(() => kit.api.command('open'));
  const question = await kit.ui.findByRole('combobox', { name: 'Kysymyksesi' });
  expect(question.getAttribute('enterkeyhint')).toBe('send');
  fireEvent.click(kit.ui.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
  expect((await kit.ui.findByRole('textbox', { name: 'Viesti' })).getAttribute('enterkeyhint')).toBe('send');
});
