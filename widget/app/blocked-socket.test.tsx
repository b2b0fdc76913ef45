// The widget on a page where the site owner's setup blocks the visitor socket: a Content Security
// Policy whose connect-src lacks the ws:// address (the socket throws as it is made, or, in
// Chromium, comes closed already with an error and never a close), or a page whose origin the
// server's --origin lacks (each handshake refused with 403: an error, then a close). The visitor
// must see the same offline state as in a network outage, nothing they wrote is lost, and it goes
// once a socket can be opened.
import { act, fireEvent } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { FakeSocket } from './net/fake-socket';
import { setup, welcome } from './test-kit';

let kit: ReturnType<typeof setup>;
let block: MockInstance | undefined;
afterEach(() => {
  block?.mockRestore();
  block = undefined;
  kit.cleanup();
  vi.useRealTimers();
});

type Refusal = 'throws' | 'closed at once' | 'refused (403)';
/**
 * From now on every socket the widget makes is refused the given way (FakeSocket's constructor
 * records each socket in `FakeSocket.all`: that is where the refusal is played).
 */
function refuse(how: Refusal) {
  block = vi.spyOn(FakeSocket.all, 'push').mockImplementation((socket: FakeSocket) => {
    if (how === 'throws') throw new DOMException("Refused to connect to 'ws://chat.example/ws/visitor'", 'SecurityError');
    if (how === 'closed at once') socket.readyState = 3;
    setTimeout(() => {
      socket.readyState = 3;
      socket.onerror?.(new Event('error'));
      if (how === 'refused (403)') socket.onclose?.({ code: 1006 } as CloseEvent);
    });
    return 0;
  });
}
const allow = () => block?.mockRestore();
const advance = (ms: number) => act(async () => void (await vi.advanceTimersByTimeAsync(ms)));
const OFFLINE = 'Ei yhteyttä. Viestit lähtevät, kun yhteys palaa.';
const WILL_JOIN = /Asiakaspalvelija liittyy keskusteluun pian/;

/** The visitor asks for a person and writes a message, on a page whose socket is refused. */
async function askAndWrite(how: Refusal) {
  vi.useFakeTimers();
  kit = setup();
  refuse(how);
  act(() => kit.api.command('open'));
  fireEvent.click(await vi.waitFor(() => kit.ui.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' })));
  await advance(0);
  const composer = kit.ui.getByRole('textbox', { name: 'Viesti' });
  (composer as HTMLTextAreaElement).value = 'Missä tilaukseni on?';
  fireEvent.input(composer);
  fireEvent.keyDown(composer, { key: 'Enter' });
  await advance(0);
}

describe.each<Refusal>(['throws', 'closed at once', 'refused (403)'])('a visitor socket the page may not open (%s)', (how) => {
  it('is shown as offline within seconds, and what the visitor wrote goes once a socket opens', async () => {
    await askAndWrite(how);
    await advance(10_000);
    expect(kit.ui.getByRole('status').textContent).toBe(OFFLINE);
    expect(kit.ui.getByText('Missä tilaukseni on?')).toBeTruthy();
    // Kept, for this page's next socket or the next page's.
    expect(kit.persist.saved?.outbox.map((it) => it.frame.type)).toEqual(['handoff', 'msg']);

    allow();
    // The next try, after the backoff (at most 30 s), opens a socket: the server welcomes it.
    for (let s = 0; s < 31 && !FakeSocket.all.length; s++) await advance(1_000);
    const socket = FakeSocket.last();
    await act(() => welcome(socket));
    expect(socket.frames().map((f) => f.type)).toEqual(['hello', 'handoff', 'msg']);
  });

  it('promises no person while the ask for one has not reached the server: it shows as the visitor\'s, sending', async () => {
    await askAndWrite(how);
    await advance(10_000);
    expect(kit.ui.queryByText(WILL_JOIN)).toBeNull();
    const ask = kit.ui.getByText('Puhu asiakaspalvelijan kanssa').closest('li')!;
    expect(ask.textContent).toBe('Sinä: Puhu asiakaspalvelijan kanssaLähetetään…');

    // Once the server has it, the wait is a person's.
    allow();
    for (let s = 0; s < 31 && !FakeSocket.all.length; s++) await advance(1_000);
    const socket = FakeSocket.last();
    await act(() => welcome(socket));
    const handoff = socket.frames().find((f) => f.type === 'handoff')!;
    act(() => socket.receive({ type: 'ack', id: handoff.id, conversationId: 'k1', seq: 1 }));
    expect(kit.ui.getByText(WILL_JOIN)).toBeTruthy();
    expect(kit.ui.queryByText('Puhu asiakaspalvelijan kanssa')).toBeNull();
  });
});
