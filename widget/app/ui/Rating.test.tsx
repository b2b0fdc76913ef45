// The rating after the agent closed the chat, as a keyboard and screen reader user meets it
// while the connection is slow or down: the focus stays on what they pressed, and what
// happens to the rating is said.
import { act, fireEvent } from '@testing-library/preact';
import { afterEach, expect, it } from 'vitest';
import { FakeSocket } from '../net/fake-socket';
import { event, handOff, welcome, type Kit } from '../test-kit';

let kit: Kit;
afterEach(() => kit.cleanup());

/**
 * A visitor whose conversation (k1) the agent has just closed: the rating is on screen. Closed,
 * the conversation's socket went: the socket the rating will open, played by the server once it has.
 */
async function closed() {
  let socket: FakeSocket;
  ({ kit, socket } = await handOff());
  act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'system', { kind: 'closed', by: 'agent' })] }));
  return {
    frames: async () => {
      const rating = FakeSocket.last();
      if (rating.readyState === 0) await act(() => welcome(rating, { id: 'k1', status: 'closed', lastSeq: 2, rated: false }));
      return rating.frames();
    },
    receive: (m: unknown) => FakeSocket.last().receive(m),
  };
}

it('keeps the focus on "Lähetä arvio" while the rating goes, and says it goes, then that it did not', async () => {
  const socket = await closed();
  fireEvent.click(await kit.ui.findByRole('button', { name: '4 viidestä' }));
  const send = kit.ui.getByRole('button', { name: 'Lähetä arvio' });
  const fieldset = send.closest('fieldset')!;
  const status = send.closest('.card')!.querySelector('[role=status]')!;
  expect(status.textContent).toBe('');

  send.focus();
  fireEvent.click(send);
  const shadow = kit.launcher.getRootNode() as ShadowRoot;
  expect(shadow.activeElement).toBe(send);
  expect((send as HTMLButtonElement).disabled).toBe(false);
  expect(fieldset.getAttribute('aria-disabled')).toBe('true');
  expect(send.closest('.card')!.querySelector('[role=status]')).toBe(status);
  expect(status.textContent).toBe('Lähetetään…');
  // Meanwhile nothing changes what goes, and nothing goes twice.
  fireEvent.click(kit.ui.getByRole('button', { name: '2 viidestä' }));
  fireEvent.click(send);
  expect(kit.ui.getByRole('button', { name: '4 viidestä' }).getAttribute('aria-pressed')).toBe('true');
  const rates = (await socket.frames()).filter((f) => f.type === 'rate');
  expect(rates).toMatchObject([{ score: 4 }]);

  act(() => socket.receive({ type: 'error', code: 'bad_message', message: 'The message is not valid.', id: rates[0]!.id }));
  expect(status.textContent).toBe('Ei lähtenyt');
  expect(fieldset.getAttribute('aria-disabled')).toBe('false');
});

it('says the thanks in the status that was there already, where a screen reader reads it', async () => {
  const socket = await closed();
  fireEvent.click(await kit.ui.findByRole('button', { name: '5 viidestä' }));
  const send = kit.ui.getByRole('button', { name: 'Lähetä arvio' });
  // Present, and empty, before there is anything to say: a live region that appears holding its
  // words is often not read.
  const status = send.closest('.card')!.querySelector('[role=status]')!;
  expect(status.textContent).toBe('');
  fireEvent.click(send);
  const rate = (await socket.frames()).find((f) => f.type === 'rate')!;
  act(() => socket.receive({ type: 'ack', id: rate.id, conversationId: 'k1', seq: 3 }));
  const thanks = await kit.ui.findByText('Kiitos palautteesta!');
  expect(thanks).toBe(status);
  const shadow = kit.launcher.getRootNode() as ShadowRoot;
  expect(shadow.activeElement).toBe(kit.ui.getByRole('button', { name: 'Uusi kysymys' }));
});
