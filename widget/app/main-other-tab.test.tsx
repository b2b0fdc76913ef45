// A shared computer with two tabs of the site: the customer logs out in one (or another logs in
// there), and the other tab, still showing his chat, must forget it too. Tabs hear each other
// through the storage event on the named customer's flag (model/storage.ts); here it is fired as
// the browser fires it in the other tab. (In Chromium, two pages: tests/e2e/logout-other-tab.test.ts.)
import { act, fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { LIVE_CHAT_KEY, NAMED_KEY } from '../contract';
import type { SavedState } from './model/storage';
import { FakeSocket } from './net/fake-socket';
import { event, welcome } from './test-kit';
import { handedOff, kit } from './main-test-kit';

afterEach(() => kit.cleanup());

const MATTI = { name: 'Matti Meikäläinen', email: 'matti@example.fi' };
const PEKKA = { name: 'Pekka Virtanen', email: 'pekka@example.fi' };

/** Matti, named by the site, in a chat an agent answered; the panel open. */
async function mattiChatting() {
  const { socket } = await handedOff();
  act(() => kit.api.command('identify', MATTI));
  act(() => socket.receive({ type: 'status', conversation: { id: 'k1', status: 'active', agentName: 'Aino', lastSeq: 2, rated: false } }));
  act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'agent', { kind: 'text', text: 'Hei Matti, laskusi on maksettu' }, 'Aino')] }));
  await kit.ui.findByText('Hei Matti, laskusi on maksettu');
  await waitFor(() => expect(kit.persist.saved).toMatchObject({ who: 'matti@example.fi', conversation: { id: 'k1' } }));
  expect(localStorage.getItem(LIVE_CHAT_KEY)).toBe('1');
  return socket;
}

/** What the other tab does: writes its state (as its session does) and changes the flag, which this tab hears. */
function otherTabWrites(state: SavedState, flagAfter: string | null) {
  kit.persist.saved = state;
  localStorage.removeItem(LIVE_CHAT_KEY);
  localStorage.removeItem(NAMED_KEY);
  act(() => void dispatchEvent(new StorageEvent('storage', { key: NAMED_KEY, oldValue: '1', newValue: null })));
  if (flagAfter) localStorage.setItem(NAMED_KEY, flagAfter), dispatchEvent(new StorageEvent('storage', { key: NAMED_KEY, oldValue: null, newValue: flagAfter }));
}

const nobodys = (who: string | null): SavedState => ({
  v: 1,
  who,
  conversation: { id: null, events: [], status: 'none', rated: false, lastReadSeq: 0 },
  outbox: [],
  steps: [],
});

describe("another tab's logout or login", () => {
  it.each([
    ['he logs out there', null, null],
    ['another customer logs in there', 'pekka@example.fi', '1'],
  ])("makes this tab forget Matti's chat when %s, and write nothing of it back", async (_, who, flagAfter) => {
    const socket = await mattiChatting();
    otherTabWrites(nobodys(who), flagAfter);

    // Gone from the screen, the panel closed as for a new visitor, the socket let go.
    expect(kit.ui.queryByText('Hei Matti, laskusi on maksettu')).toBeNull();
    expect(kit.launcher.getAttribute('aria-expanded')).toBe('false');
    expect(socket.readyState).toBe(WebSocket.CLOSED);
    // The live-chat flag is not written back, and what the other tab stored stays its own.
    await new Promise((r) => setTimeout(r, 400));
    expect(localStorage.getItem(LIVE_CHAT_KEY)).toBeNull();
    expect(localStorage.getItem(NAMED_KEY)).toBe(flagAfter);
    expect(kit.persist.saved).toMatchObject({ who, conversation: { id: null } });
    expect(JSON.stringify(kit.persist.saved)).not.toMatch(/Matti|matti@|k1/);
    act(() => kit.api.command('open'));
    expect(await kit.ui.findByRole('combobox', { name: 'Kysymyksesi' })).toBeTruthy();
  });

  it("does not name Matti to an agent from this tab's page after he logged out in another", async () => {
    await mattiChatting();
    otherTabWrites(nobodys(null), null);
    // Someone at the shared computer asks for a person from the page still open here, which the
    // site told Matti was logged in: the agent must not take them for him.
    act(() => kit.api.command('open'));
    fireEvent.click(await kit.ui.findByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    const socket = FakeSocket.last();
    await act(() => welcome(socket));
    expect(socket.frames()[1]).toMatchObject({ type: 'handoff' });
    expect(JSON.stringify(socket.frames())).not.toMatch(/Matti|matti@/);
    // The site's word again (a page of his, logged in elsewhere) names him as before.
    act(() => kit.api.command('identify', MATTI));
    act(() => socket.receive({ type: 'ack', id: socket.frames()[1]!.id, conversationId: 'k2', seq: 1 }));
    await waitFor(() => expect(socket.frames().at(-1)).toMatchObject({ type: 'identify', visitor: { email: 'matti@example.fi' } }));
  });

  it("keeps the site's word on this page when it named the customer the other tab's login wrote", async () => {
    await mattiChatting();
    // Pekka logs in; the site tells every open tab (identify in each), this one first: Matti's
    // chat goes here, Pekka is here. The other tab's write, made from Matti's state, then ends by
    // taking the named flag away and back, which this tab hears after its own identify.
    act(() => kit.api.command('identify', PEKKA));
    await waitFor(() => expect(kit.persist.saved).toMatchObject({ who: 'pekka@example.fi' }));
    otherTabWrites(nobodys('pekka@example.fi'), '1');
    act(() => kit.api.command('open'));
    fireEvent.click(await kit.ui.findByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    const socket = FakeSocket.last();
    await act(() => welcome(socket));
    expect(socket.frames()[1]).toMatchObject({ type: 'handoff', visitor: { email: 'pekka@example.fi' } });
  });

  it('leaves a tab alone whose chat was never named', async () => {
    const { socket } = await handedOff();
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'agent', { kind: 'text', text: 'Hei, miten voin auttaa?' }, 'Aino')] }));
    await kit.ui.findByText('Hei, miten voin auttaa?');
    act(() => void dispatchEvent(new StorageEvent('storage', { key: NAMED_KEY, oldValue: '1', newValue: null })));
    expect(kit.ui.getByText('Hei, miten voin auttaa?')).toBeTruthy();
    expect(socket.readyState).toBe(WebSocket.OPEN);
  });
});
