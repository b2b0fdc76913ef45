// A long conversation stays quick to add to: a message that comes, or one the visitor sends, draws
// its own line, not every line of the log again. Drawing all 3,000 lines of a long conversation
// at each message took 25 ms of script (and a whole conversation's worth of them over its course).
// Counted as the <li> elements the log's lines make (preact's public `options.vnode`), not timed.
import { act, fireEvent, waitFor } from '@testing-library/preact';
import { options, type VNode } from 'preact';
import { afterEach, expect, it } from 'vitest';
import type { FakeSocket } from '../net/fake-socket';
import { event, handOff, type Kit } from '../test-kit';

let kit: Kit;
const hook = options.vnode;
afterEach(() => {
  options.vnode = hook;
  kit.cleanup();
});

/** How many lines of the log were drawn while `act` ran. */
function linesDrawn(run: () => void) {
  let n = 0;
  options.vnode = (v: VNode) => {
    if (v.type === 'li') n++;
    hook?.(v);
  };
  act(run);
  options.vnode = hook;
  return n;
}

const text = (seq: number) =>
  seq % 2 ? event(seq, 'visitor', { kind: 'text', text: `Kysymys ${seq}` }) : event(seq, 'agent', { kind: 'text', text: `Vastaus ${seq}: katso https://kauppa.example/t/${seq}.` }, 'Aino');

/** A conversation of 300 events, the visitor's and the agent's messages after the handoff and the join. */
async function longChat(): Promise<FakeSocket> {
  let socket: FakeSocket;
  ({ kit, socket } = await handOff());
  const handoff = { kind: 'handoff', reason: 'asked_for_person', page: { url: 'https://kauppa.example/', title: 'Kauppa' }, lang: 'fi' };
  const events = [event(1, 'system', handoff), event(2, 'system', { kind: 'joined', agent: 'Aino' })];
  for (let seq = 3; seq <= 300; seq++) events.push(text(seq));
  act(() => socket.receive({ type: 'events', conversationId: 'k1', after: 0, events: [{ ...events[0]!, id: socket.frames()[1]!.id }, ...events.slice(1)] }));
  await kit.ui.findByRole('link', { name: 'https://kauppa.example/t/300' });
  return socket;
}

const lines = () => kit.ui.getAllByRole('listitem').map((li) => li.textContent);

it('draws only the new line as an agent replies in a conversation of 300 events', async () => {
  const socket = await longChat();
  const drawn = linesDrawn(() => socket.receive({ type: 'events', conversationId: 'k1', after: 300, events: [text(302)] }));
  expect(drawn).toBeLessThanOrEqual(2);
  // Shown as before: every line once, in order, the newest last.
  expect(lines()).toHaveLength(301);
  expect(lines().at(-2)).toBe('AinoVastaus 300: katso https://kauppa.example/t/300.');
  expect(lines().at(-1)).toBe('AinoVastaus 302: katso https://kauppa.example/t/302.');
});

it("draws only the visitor's own lines as they send a message and the server stores it", async () => {
  const socket = await longChat();
  const composer = kit.ui.getByRole('textbox', { name: 'Viesti' });
  const sending = linesDrawn(() => {
    fireEvent.input(composer, { target: { value: 'Kiitos!' } });
    fireEvent.keyDown(composer, { key: 'Enter' });
  });
  // The new line, and "Sent" moving off the visitor's message before it.
  expect(sending).toBeLessThanOrEqual(3);
  const msg = socket.frames().find((f) => f.type === 'msg')!;
  const stored = linesDrawn(() => socket.receive({ type: 'ack', id: msg.id, conversationId: 'k1', seq: 301 }));
  expect(stored).toBeLessThanOrEqual(3);
  await waitFor(() => expect(kit.ui.getByText('Kiitos!').closest('li')?.querySelector('.meta')?.textContent).toBe('Lähetetty'));
  expect(lines()).toHaveLength(301);
  expect(lines().at(-1)).toBe('Sinä: Kiitos!Lähetetty');
  expect(kit.ui.getAllByText('Kiitos!')).toHaveLength(1);
});
