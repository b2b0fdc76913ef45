// The server's storage refusing writes a while (a full disk): what the visitor wrote meanwhile stays
// "sending" and goes by itself once there is room, once, in the order written. It used to fail after
// three answers (about a second), "Ei lähtenyt – Palvelussamme on häiriö", and the next message went
// ahead of it: the agent never got it unless the visitor pressed Try again.
import { act, fireEvent } from '@testing-library/preact';
import { afterEach, expect, it, onTestFinished, vi, type MockInstance } from 'vitest';
import { FakeSocket } from './net/fake-socket';
import { handOff, welcome, type Kit } from './test-kit';

let kit: Kit;
afterEach(() => {
  kit.cleanup();
  vi.useRealTimers();
});

const REFUSED = { code: 'unavailable', message: 'The server cannot store this right now; send it again later.' };
const CONVERSATION = { id: 'k1', status: 'queued', lastSeq: 1, rated: false };

/** A visitor who asked for a person and whose handoff the server took as k1; from then on, the test's clock. */
async function handedOff() {
  let socket: FakeSocket;
  ({ kit, socket } = await handOff());
  const composer = await kit.ui.findByRole('textbox', { name: 'Viesti' });
  vi.useFakeTimers();
  return { socket, composer };
}

function write(composer: HTMLElement, text: string) {
  (composer as HTMLTextAreaElement).value = text;
  fireEvent.input(composer);
  fireEvent.keyDown(composer, { key: 'Enter' });
}

const msgs = (socket: FakeSocket) => socket.frames().filter((f) => f.type === 'msg');
const shown = () => [...(kit.launcher.getRootNode() as ShadowRoot).querySelectorAll('li')].map((li) => li.textContent ?? '');

it('keeps a message the full disk refused five times sending, and delivers it once, before the one written after it', async () => {
  let { socket, composer } = await handedOff();
  write(composer, 'aikana 3');
  const id = msgs(socket)[0]!.id;
  for (let refusal = 1; refusal <= 5; refusal++) {
    // Each new socket sends the refused one first, under its id, then what was written after it.
    expect(msgs(socket).map((f) => [f.id, f.text])).toEqual(refusal === 1 ? [[id, 'aikana 3']] : [[id, 'aikana 3'], [expect.any(String), 'jälkeen 4']]);
    // The server refuses them all (those behind a failed write fail with it) and closes the socket.
    act(() => {
      for (const f of msgs(socket)) socket.receive({ type: 'error', ...REFUSED, id: f.id });
      socket.close(1011);
    });
    expect(kit.ui.queryByText(/Ei lähtenyt/)).toBeNull();
    if (refusal === 1) write(composer, 'jälkeen 4');
    expect(kit.ui.getAllByText('Lähetetään…')).toHaveLength(2);
    // The reconnect's backoff grows while the storage keeps refusing: 0.5 s, 1 s, 2 s, … at most.
    const dropped = socket;
    act(() => void vi.advanceTimersByTime(500 * 2 ** (refusal - 1)));
    socket = FakeSocket.last();
    expect(socket).not.toBe(dropped);
    await act(() => welcome(socket, CONVERSATION));
  }
  // Room on the disk again.
  const [three, four] = msgs(socket);
  expect([three?.id, three?.text, four?.text]).toEqual([id, 'aikana 3', 'jälkeen 4']);
  act(() => {
    socket.receive({ type: 'ack', id: three!.id, conversationId: 'k1', seq: 2 });
    socket.receive({ type: 'ack', id: four!.id, conversationId: 'k1', seq: 3 });
  });
  expect(kit.ui.queryByText('Lähetetään…')).toBeNull();
  expect(kit.ui.queryByText(/Ei lähtenyt/)).toBeNull();
  expect(shown().filter((text) => /aikana 3|jälkeen 4/.test(text))).toEqual([expect.stringContaining('aikana 3'), expect.stringContaining('jälkeen 4')]);
  // Nothing goes again by itself.
  act(() => void vi.advanceTimersByTime(60_000));
  expect(msgs(socket)).toHaveLength(2);
});

it('sends a photo the full disk refused (503 unavailable) again by itself, still sending, until it is stored', async () => {
  // The browser's file dialog, which a test cannot use: the click that opens it is all it sees.
  const dialog: MockInstance<() => void> = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => {});
  onTestFinished(() => dialog.mockRestore());
  await handedOff();
  const refused = () => new Response(JSON.stringify({ error: REFUSED }), { status: 503, headers: { 'Content-Type': 'application/json', 'Retry-After': '5' } });
  kit.fetch
    .mockResolvedValueOnce(refused())
    .mockResolvedValueOnce(refused())
    .mockResolvedValueOnce(new Response(JSON.stringify({ conversationId: 'k1', seq: 2, fileId: 'f2' }), { status: 200 }));
  fireEvent.click(kit.ui.getByRole('button', { name: 'Liitä kuva tai tiedosto' }));
  const input = (kit.launcher.getRootNode() as ShadowRoot).querySelector<HTMLInputElement>('input[type=file]')!;
  Object.defineProperty(input, 'files', { value: [new File(['jpeg'], 'kuitti.jpg', { type: 'image/jpeg' })], configurable: true });
  fireEvent.change(input);
  await act(async () => void (await vi.advanceTimersByTimeAsync(0)));
  expect(kit.fetch).toHaveBeenCalledTimes(1);
  expect(kit.ui.getByText('Lähetetään…')).toBeTruthy();
  // Again after the wait the server asked for (5 s), then after a longer one.
  await act(async () => void (await vi.advanceTimersByTimeAsync(5_000)));
  expect(kit.fetch).toHaveBeenCalledTimes(2);
  expect(kit.ui.queryByText(/Ei lähtenyt/)).toBeNull();
  await act(async () => void (await vi.advanceTimersByTimeAsync(10_000)));
  expect(kit.fetch).toHaveBeenCalledTimes(3);
  expect(kit.ui.getByText('Lähetetty')).toBeTruthy();
  const ids = kit.fetch.mock.calls.map(([, init]) => new Headers(init?.headers).get('X-Kohtaamo-Id'));
  expect(new Set(ids).size).toBe(1);
  await act(async () => void (await vi.advanceTimersByTimeAsync(120_000)));
  expect(kit.fetch).toHaveBeenCalledTimes(3);
});
