// What the conversation's log (role=log, polite) gives a screen reader to read: each message
// once, as it goes, not again as Sent and Seen; the wait note not again as the agent joins; the
// bot's lines not again as the server's copy of them comes.
// A screen reader reads what is added to the log and text that changes in it, so the tests
// watch the log's elements and text.
import { act, fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { FakeSocket } from '../net/fake-socket';
import { event, setup, welcome, handOff } from '../test-kit';

let kit: ReturnType<typeof setup>;
afterEach(() => kit.cleanup());
beforeEach(() => void vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => {}));
afterEach(() => vi.restoreAllMocks());

/** A visitor whose request for a person the server took as k1, with its handoff event (seq 1). */
async function handedOff() {
  let socket: FakeSocket;
  ({ kit, socket } = await handOff());
  const handoff = socket.frames()[1]!;
  const body = { kind: 'handoff', reason: 'asked_for_person', page: { url: 'https://kauppa.example/', title: 'Kauppa' }, lang: 'fi' };
  act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [{ ...event(1, 'system', body), id: handoff.id }] }));
  return socket;
}

/** The log's items added and removed from now on: each added one is read out, as it is then. */
function watchLog() {
  const changes: [string, Node][] = [];
  const note = (records: MutationRecord[]) => {
    for (const r of records) {
      for (const n of r.addedNodes) if (n.nodeName === 'LI') changes.push(['+', n]);
      for (const n of r.removedNodes) if (n.nodeName === 'LI') changes.push(['-', n]);
    }
  };
  const observer = new MutationObserver(note);
  observer.observe(kit.ui.getByRole('log'), { childList: true, subtree: true });
  return () => {
    // Also what happened since the observer was last told (it is told in a microtask).
    note(observer.takeRecords());
    observer.disconnect();
    return changes;
  };
}

const item = (text: string) => kit.ui.getByText(text).closest('li')!;
const status = (li: Element) => li.querySelector('.meta');

it("keeps the visitor's message in its place as it is stored and seen, its delivery words not read out", async () => {
  const socket = await handedOff();
  act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'system', { kind: 'joined', agent: 'Aino' })] }));
  const composer = kit.ui.getByRole('textbox', { name: 'Viesti' });
  const changes = watchLog();
  fireEvent.input(composer, { target: { value: 'Tilausnumero on 12345' } });
  fireEvent.keyDown(composer, { key: 'Enter' });
  const sent = item('Tilausnumero on 12345');
  expect(status(sent)?.textContent).toBe('Lähetetään…');
  expect(status(sent)?.getAttribute('aria-live')).toBe('off');

  const msg = socket.frames().find((f) => f.type === 'msg')!;
  act(() => socket.receive({ type: 'ack', id: msg.id, conversationId: 'k1', seq: 3 }));
  await waitFor(() => expect(status(sent)?.textContent).toBe('Lähetetty'));
  act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [{ ...event(3, 'visitor', { kind: 'text', text: 'Tilausnumero on 12345' }), id: msg.id }] }));
  act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(4, 'system', { kind: 'read', through: 3 })] }));
  await waitFor(() => expect(status(sent)?.textContent).toBe('Nähty'));
  expect(item('Tilausnumero on 12345')).toBe(sent);
  expect(status(sent)?.getAttribute('aria-live')).toBe('off');
  expect(changes()).toEqual([['+', sent]]);
});

it('keeps a file in its place from sending to stored', async () => {
  const socket = await handedOff();
  let respond = (_: Response) => {};
  kit.fetch.mockImplementationOnce(() => new Promise((resolve) => (respond = resolve)));
  const changes = watchLog();
  fireEvent.click(await kit.ui.findByRole('button', { name: 'Liitä kuva tai tiedosto' }));
  const input = (kit.launcher.getRootNode() as ShadowRoot).querySelector<HTMLInputElement>('input[type=file]')!;
  const file = new File([new Uint8Array(2048)], 'kuitti.pdf', { type: 'application/pdf' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
  const sent = await waitFor(() => item('kuitti.pdf (2 kt)'));
  const id = new Headers(kit.fetch.mock.calls[0]![1]?.headers).get('X-Kohtaamo-Id')!;
  await act(async () => respond(new Response(JSON.stringify({ conversationId: 'k1', seq: 2, fileId: 'f2' }), { status: 200, headers: { 'Content-Type': 'application/json' } })));
  act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [{ ...event(2, 'visitor', { kind: 'file', fileId: 'f2', name: 'kuitti.pdf', type: 'application/pdf', size: 2048 }), id }] }));
  act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(3, 'system', { kind: 'read', through: 2 })] }));
  await waitFor(() => expect(status(sent)?.textContent).toBe('Nähty'));
  expect(item('kuitti.pdf (2 kt)')).toBe(sent);
  expect(changes()).toEqual([['+', sent]]);
});

it('reads out a message that did not go', async () => {
  const socket = await handedOff();
  const composer = kit.ui.getByRole('textbox', { name: 'Viesti' });
  fireEvent.input(composer, { target: { value: 'Hei' } });
  fireEvent.keyDown(composer, { key: 'Enter' });
  const msg = socket.frames().find((f) => f.type === 'msg')!;
  act(() => socket.receive({ type: 'error', code: 'rate_limited', message: 'slow down', id: msg.id }));
  const failed = status(item('Hei'))!;
  await waitFor(() => expect(failed.textContent).toMatch(/^Ei lähtenyt/));
  expect(failed.closest('[aria-live]')?.getAttribute('role')).toBe('log');
});

it('leaves the wait note as it was when the agent joins, rather than rewrite it', async () => {
  const socket = await handedOff();
  act(() => socket.receive({ type: 'queue', ahead: 0 }));
  const note = await kit.ui.findByText('Asiakaspalvelija liittyy keskusteluun pian. Olet seuraavana vuorossa.');
  const changes = watchLog();
  act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'system', { kind: 'joined', agent: 'Aino' })] }));
  const joined = (await kit.ui.findByText('Aino liittyi keskusteluun')).closest('li');
  expect(note.textContent).toBe('Asiakaspalvelija liittyy keskusteluun pian. Olet seuraavana vuorossa.');
  expect(changes()).toEqual([['+', joined]]);
});

it("keeps the bot's lines and the wait note in their places as the server's events for them come", async () => {
  kit = setup();
  act(() => kit.api.command('open'));
  const input = await kit.ui.findByRole('combobox', { name: 'Kysymyksesi' });
  (input as HTMLInputElement).value = 'toimitus';
  fireEvent.input(input);
  (await kit.ui.findAllByRole('option'))[0]!.click();
  fireEvent.click(await kit.ui.findByRole('button', { name: 'Ei' }));
  const note = (await kit.ui.findByText('Asiakaspalvelija liittyy keskusteluun pian')).closest('li');
  const lines = [...kit.ui.getByRole('log').querySelectorAll('li')];
  expect(lines.map((li) => li.textContent)).toEqual([
    'Sinä: toimitus',
    'BottiNäytin vastauksen: Milloin tilaukseni saapuu?',
    'Vastaus ei auttanut',
    'Asiakaspalvelija liittyy keskusteluun pian',
  ]);
  const changes = watchLog();
  const socket = FakeSocket.last();
  await act(() => welcome(socket));
  const handoff = socket.frames()[1] as unknown as { id: string; steps: { body: unknown }[]; reason: string; page: unknown; lang: string };
  act(() => socket.receive({ type: 'ack', id: handoff.id, conversationId: 'k1', seq: 4 }));
  // The server stores each step under an id of its own (server/conversations.ts, stepId).
  const steps = handoff.steps.map((s, i) => ({ ...event(i + 1, i === 1 ? 'bot' : 'visitor', s.body), id: `${handoff.id}.${i}` }));
  const body = { kind: 'handoff', reason: handoff.reason, page: handoff.page, lang: handoff.lang };
  act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [...steps, { ...event(4, 'system', body), id: handoff.id }] }));
  const now = [...kit.ui.getByRole('log').querySelectorAll('li')];
  expect(now.length).toBe(lines.length);
  now.forEach((li, i) => expect(li).toBe(lines[i]));
  expect(note?.textContent).toBe('Asiakaspalvelija liittyy keskusteluun pian');
  expect(changes()).toEqual([]);
});

it("makes the web addresses in the agent's messages links that open in a new tab, and nothing else", async () => {
  const socket = await handedOff();
  const said = [
    'Seuraa tilausta: https://example.com/lasku.',
    'Palautuslomake (https://kauppa.example/palautus), täytä se!',
    'Katso https://fi.wikipedia.org/wiki/Kuitti_(asiakirja)?',
    'Onko tämä oikea? HTTPS://Kauppa.example/t?id=1&k=2',
    'javascript:alert(1)//https://kauppa.example/ok',
    'data:text/html,<b>x</b> ja javascript:alert(1) ja www.kauppa.example',
  ];
  act(() => socket.receive({ type: 'events', conversationId: 'k1', events: said.map((text, i) => event(2 + i, 'agent', { kind: 'text', text }, 'Aino')) }));
  const links = said.map((text) => [...kit.ui.getByText((_, e) => e?.tagName === 'LI' && e.textContent === `Aino${text}`).querySelectorAll('a')]);
  expect(links.map((as) => as.map((a) => a.getAttribute('href')))).toEqual([
    ['https://example.com/lasku'],
    ['https://kauppa.example/palautus'],
    ['https://fi.wikipedia.org/wiki/Kuitti_(asiakirja)'],
    ['HTTPS://Kauppa.example/t?id=1&k=2'],
    ['https://kauppa.example/ok'],
    [],
  ]);
  for (const a of links.flat()) {
    expect(a.textContent).toBe(a.getAttribute('href'));
    expect(a.target).toBe('_blank');
    expect(a.rel).toBe('noopener noreferrer nofollow');
  }
});
