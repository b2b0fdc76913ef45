// "End chat", as the visitor meets it: offered while a person has the conversation or it waits for
// one, asked once more, sent after what they wrote before (offline, on reconnect, once), then the
// chat shows what an agent's close shows.
import { act, fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, expect, it } from 'vitest';
import { FakeSocket } from '../net/fake-socket';
import { event, setup, welcome, handOff } from '../test-kit';

let kit: ReturnType<typeof setup>;
afterEach(() => kit.cleanup());

const focused = () => (kit.launcher.getRootNode() as ShadowRoot).activeElement;

/** A visitor who asked for a person, whose request the server stored as k1 (seq 1): queued. */
async function handedOff() {
  let socket: FakeSocket;
  ({ kit, socket } = await handOff());
  return socket;
}

const ends = (socket: FakeSocket) => socket.frames().filter((f) => f.type === 'end');

it('asks once more, sends the end, and then shows the close and the rating as after an agent closed it', async () => {
  const socket = await handedOff();
  act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'system', { kind: 'joined', agent: 'Aino' })] }));

  // A stray tap ends nothing: it asks, with the focus on the answer that keeps the chat.
  fireEvent.click(await kit.ui.findByRole('button', { name: 'Lopeta keskustelu' }));
  const asked = kit.ui.getByRole('group', { name: 'Lopetetaanko keskustelu?' });
  expect(focused()).toBe(kit.ui.getByRole('button', { name: 'Jatka keskustelua' }));
  fireEvent.click(kit.ui.getByRole('button', { name: 'Jatka keskustelua' }));
  expect(asked.isConnected).toBe(false);
  expect(focused()).toBe(kit.ui.getByRole('button', { name: 'Lopeta keskustelu' }));
  expect(ends(socket)).toEqual([]);

  fireEvent.click(kit.ui.getByRole('button', { name: 'Lopeta keskustelu' }));
  fireEvent.click(kit.ui.getByRole('button', { name: 'Kyllä, lopeta' }));
  const [end] = ends(socket);
  expect(end).toEqual({ type: 'end', id: expect.any(String), conversationId: 'k1' });
  // Until the server has it: it says so, where the focus now is, and nothing more is written into it.
  const line = kit.ui.getByText('Keskustelua lopetetaan…');
  expect(focused()).toBe(line);
  expect(kit.ui.queryByRole('textbox', { name: 'Viesti' })).toBeNull();

  act(() => socket.receive({ type: 'ack', id: end!.id, conversationId: 'k1', seq: 3 }));
  act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(3, 'system', { kind: 'closed', by: 'visitor' })] }));
  expect(kit.ui.getByText('Keskustelu päättyi')).toBeTruthy();
  expect(focused()).toBe(kit.ui.getByRole('button', { name: '1 viidestä' }));
  expect(kit.ui.queryByRole('button', { name: 'Lopeta keskustelu' })).toBeNull();
  expect(kit.ui.queryByText('Keskustelua lopetetaan…')).toBeNull();
  expect(kit.ui.getByRole('heading', { name: 'Asiakaspalvelu' }).nextElementSibling?.textContent).not.toContain('Aino');
});

it('is not offered before the request for a person is stored, nor once the chat has closed', async () => {
  kit = setup();
  act(() => kit.api.command('open'));
  expect(kit.ui.queryByRole('button', { name: 'Lopeta keskustelu' })).toBeNull();
  fireEvent.click(await kit.ui.findByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
  expect(kit.ui.queryByRole('button', { name: 'Lopeta keskustelu' })).toBeNull();
  const socket = FakeSocket.last();
  await act(() => welcome(socket));
  act(() => socket.receive({ type: 'ack', id: socket.frames()[1]!.id, conversationId: 'k1', seq: 1 }));
  expect(kit.ui.getByRole('button', { name: 'Lopeta keskustelu' })).toBeTruthy();
  act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'system', { kind: 'closed', by: 'agent' })] }));
  expect(kit.ui.queryByRole('button', { name: 'Lopeta keskustelu' })).toBeNull();
});

it('goes after what the visitor wrote before, offline on reconnect, and once, also after a new page', async () => {
  const socket = await handedOff();
  act(() => socket.close(1006));
  fireEvent.input(kit.ui.getByRole('textbox', { name: 'Viesti' }), { target: { value: 'Löysin jo vastauksen, kiitos!' } });
  fireEvent.click(kit.ui.getByRole('button', { name: 'Lähetä' }));
  fireEvent.click(kit.ui.getByRole('button', { name: 'Lopeta keskustelu' }));
  fireEvent.click(kit.ui.getByRole('button', { name: 'Kyllä, lopeta' }));
  expect(kit.ui.getByText('Keskustelua lopetetaan…')).toBeTruthy();
  await waitFor(() => expect(kit.persist.saved?.outbox.map((it) => it.frame.type)).toEqual(['msg', 'end']));

  // The page goes before the connection is back: the next one sends both, in order.
  const saved = kit.persist.saved!;
  kit.cleanup();
  kit = setup(saved);
  act(() => kit.api.command('open'));
  const next = await waitFor(() => FakeSocket.last());
  await act(() => welcome(next, { id: 'k1', status: 'queued', lastSeq: 1, rated: false }));
  const sent = next.frames().filter((f) => f.type === 'msg' || f.type === 'end');
  expect(sent.map((f) => f.type)).toEqual(['msg', 'end']);
  expect(kit.ui.getByText('Keskustelua lopetetaan…')).toBeTruthy();
  act(() => next.receive({ type: 'ack', id: sent[0]!.id, conversationId: 'k1', seq: 2 }));
  act(() => next.receive({ type: 'ack', id: sent[1]!.id, conversationId: 'k1', seq: 3 }));
  expect(await kit.ui.findByRole('button', { name: '5 viidestä' })).toBeTruthy();

  // Acked, it is not sent again by a later connection.
  act(() => next.close(1006));
  const third = await waitFor(() => (FakeSocket.all.at(-1) !== next ? FakeSocket.last() : Promise.reject(new Error('no new socket'))), { timeout: 3000 });
  await act(() => welcome(third, { id: 'k1', status: 'closed', lastSeq: 3, rated: false }));
  expect(ends(third)).toEqual([]);
});

it('takes an end refused because the agent closed the chat meanwhile as done: nothing failed, nothing to retry', async () => {
  const socket = await handedOff();
  fireEvent.click(await kit.ui.findByRole('button', { name: 'Lopeta keskustelu' }));
  fireEvent.click(kit.ui.getByRole('button', { name: 'Kyllä, lopeta' }));
  const [end] = ends(socket);
  act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'system', { kind: 'closed', by: 'agent' })] }));
  act(() => socket.receive({ type: 'error', code: 'conversation_closed', message: 'The conversation is closed.', id: end!.id }));
  expect(kit.ui.getByText('Keskustelu päättyi')).toBeTruthy();
  expect(kit.ui.queryByText(/Ei lähtenyt/)).toBeNull();
  await waitFor(() => expect(kit.persist.saved?.outbox).toEqual([]));
});

it('waits for a file still on its way: it is not offered until the server has the file, which the end would have overtaken', async () => {
  await handedOff();
  let stored: (answer: Response) => void = () => {};
  kit.fetch.mockImplementationOnce(() => new Promise<Response>((resolve) => (stored = resolve)));
  const input = (kit.launcher.getRootNode() as ShadowRoot).querySelector<HTMLInputElement>('input[type=file]')!;
  Object.defineProperty(input, 'files', { value: [new File([new Uint8Array(1024)], 'kuitti.pdf', { type: 'application/pdf' })], configurable: true });
  fireEvent.change(input);
  await waitFor(() => expect(kit.ui.queryByRole('button', { name: 'Lopeta keskustelu' })).toBeNull());
  await act(async () => stored(new Response(JSON.stringify({ conversationId: 'k1', seq: 2 }), { status: 200 })));
  expect(await kit.ui.findByRole('button', { name: 'Lopeta keskustelu' })).toBeTruthy();
});

it('takes Escape at the question as "Keep chatting", and forgets the question when the panel is closed', async () => {
  await handedOff();
  const endChat = await kit.ui.findByRole('button', { name: 'Lopeta keskustelu' });
  fireEvent.click(endChat);
  // Escape cancels the question, where it was asked: the panel stays open, the focus back on "End chat".
  fireEvent.keyDown(kit.ui.getByRole('button', { name: 'Jatka keskustelua' }), { key: 'Escape' });
  expect(kit.ui.queryByRole('group', { name: 'Lopetetaanko keskustelu?' })).toBeNull();
  expect(kit.ui.getByRole('dialog', { hidden: true }).hidden).toBe(false);
  expect(focused()).toBe(kit.ui.getByRole('button', { name: 'Lopeta keskustelu' }));

  // Asked, then closed with ×: the next opening does not greet the visitor with the question.
  fireEvent.click(kit.ui.getByRole('button', { name: 'Lopeta keskustelu' }));
  fireEvent.click(kit.ui.getByRole('button', { name: 'Pienennä' }));
  expect(kit.ui.getByRole('dialog', { hidden: true }).hidden).toBe(true);
  act(() => kit.api.command('open'));
  expect(kit.ui.queryByRole('group', { name: 'Lopetetaanko keskustelu?' })).toBeNull();
  expect(kit.ui.getByRole('button', { name: 'Lopeta keskustelu' })).toBeTruthy();
  expect(focused()).toBe(kit.ui.getByRole('textbox', { name: 'Viesti' }));
});

it('asks on a line of its own, its answers the size of the panel\'s other buttons, not the small print of "End chat"', async () => {
  await handedOff();
  fireEvent.click(await kit.ui.findByRole('button', { name: 'Lopeta keskustelu' }));
  const asked = kit.ui.getByRole('group', { name: 'Lopetetaanko keskustelu?' });
  // The question is a paragraph of its own: beside the buttons, a long language's wrapped raggedly.
  expect(asked.querySelector(':scope>p')?.textContent).toBe('Lopetetaanko keskustelu?');
  expect([...asked.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())).toEqual([]);
  const size = (name: string) => getComputedStyle(kit.ui.getByRole('button', { name })).fontSize;
  expect(size('Kyllä, lopeta')).toBe(size('Lähetä'));
  expect(size('Jatka keskustelua')).toBe(size('Lähetä'));
});
