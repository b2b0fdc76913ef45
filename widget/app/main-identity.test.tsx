// Who the visitor is, as the site says (Kohtaamo('identify')): what the agent hears of it, what
// the site's developer is told, and on a shared computer, what the next customer must not see.
import { act, fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from './net/fake-socket';
import { event, welcome } from './test-kit';
import { handedOff, kit, start, type } from './main-test-kit';

afterEach(() => kit.cleanup());

describe('telling the agent who the visitor is', () => {
  it("tells the agent who the visitor is when the site identified them, with the handoff and not before", async () => {
    start();
    act(() => kit.api.command('identify', { name: 'Matti Meikäläinen', email: 'matti@example.fi', signature: 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1' }));
    act(() => kit.api.command('open'));
    const input = await kit.ui.findByRole('combobox', { name: 'Kysymyksesi' });
    await type(input, 'voiko tilauksen perua');
    expect(FakeSocket.all).toHaveLength(0);
    fireEvent.click(kit.ui.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    await act(() => welcome(FakeSocket.last()));
    const [hello, handoff] = FakeSocket.last().frames();
    expect(JSON.stringify(hello)).not.toContain('Matti');
    expect(handoff).toMatchObject({ type: 'handoff', visitor: { name: 'Matti Meikäläinen', email: 'matti@example.fi', signature: 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1' } });
  });

  it('tells the agent at once when the visitor logs in during the conversation, and on a later page once', async () => {
    const { socket: first, handoff } = await handedOff();
    expect(handoff).not.toHaveProperty('visitor');
    act(() => kit.api.command('identify', { name: 'Matti', email: 'matti@example.fi' }));
    const identify = first.frames().filter((f) => f.type === 'identify');
    expect(identify).toEqual([{ type: 'identify', id: expect.any(String), visitor: { name: 'Matti', email: 'matti@example.fi' } }]);
    act(() => kit.api.command('identify', { name: 'Matti', email: 'matti@example.fi' }));
    expect(first.frames().filter((f) => f.type === 'identify')).toHaveLength(1);
    act(() => first.receive({ type: 'ack', id: identify[0]!.id, conversationId: 'k1', seq: 1 }));
    // Not a message: nothing of it shows in the transcript.
    expect(kit.ui.queryByText(/Matti/)).toBeNull();
    await waitFor(() => expect(kit.persist.saved?.outbox).toEqual([]));
    const saved = kit.persist.saved!;
    kit.cleanup();

    // The next page identifies the visitor on load, before the saved conversation is read back.
    start(saved);
    act(() => kit.api.command('identify', { name: 'Matti', email: 'matti@example.fi' }));
    const socket = await waitFor(() => FakeSocket.last());
    await act(() => welcome(socket, { id: 'k1', status: 'queued', lastSeq: 1, rated: false }));
    expect(socket.frames().filter((f) => f.type === 'identify')).toHaveLength(1);
  });

  it("tells the site's developer what is wrong with an identity, and still sends what was right", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      start();
      act(() => kit.api.command('identify', { name: ' Matti ', email: 'matti(at)example.fi', customerId: 42 }));
      expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
        `Kohtaamo('identify'): "customerId" is ignored: only name, email, signature go to the agent`,
        expect.stringMatching(/^Kohtaamo\('identify'\): email: Invalid email/),
      ]);
      act(() => kit.api.command('identify', { name: 'Matti', signature: 'abc' }));
      expect(warn.mock.calls.slice(2).map((call) => String(call[0]))).toEqual([
        expect.stringMatching(/signature: must be 64 hex digits: HMAC-SHA256 of the email/),
      ]);
      act(() => kit.api.command('identify', 'Matti'));
      expect(String(warn.mock.calls.at(-1)?.[0])).toMatch(/pass an object such as \{ name/);
      act(() => kit.api.command('identify', { name: ' Matti ' }));
      act(() => kit.api.command('open'));
      const input = await kit.ui.findByRole('combobox', { name: 'Kysymyksesi' });
      await type(input, 'voiko tilauksen perua');
      fireEvent.click(kit.ui.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
      await act(() => welcome(FakeSocket.last()));
      expect(FakeSocket.last().frames()[1]).toMatchObject({ type: 'handoff', visitor: { name: 'Matti' } });
    } finally {
      warn.mockRestore();
    }
  });

  it('leaves out a name of more than one line, saying so, and still sends the email', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      start();
      act(() => kit.api.command('identify', { name: 'Matti,\n\nlog in at https://kauppa-login.example', email: 'matti@example.fi' }));
      expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([`Kohtaamo('identify'): name: must be one line of plain text`]);
      act(() => kit.api.command('open'));
      const input = await kit.ui.findByRole('combobox', { name: 'Kysymyksesi' });
      await type(input, 'voiko tilauksen perua');
      fireEvent.click(kit.ui.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
      await act(() => welcome(FakeSocket.last()));
      expect(FakeSocket.last().frames()[1]).toMatchObject({ type: 'handoff', visitor: { email: 'matti@example.fi' } });
      expect(FakeSocket.last().frames()[1]).not.toHaveProperty('visitor.name');
    } finally {
      warn.mockRestore();
    }
  });

  it('forgets the identity when the site says null (the customer logged out)', async () => {
    start();
    act(() => kit.api.command('identify', { name: 'Matti' }));
    act(() => kit.api.command('identify', null));
    act(() => kit.api.command('open'));
    const input = await kit.ui.findByRole('combobox', { name: 'Kysymyksesi' });
    await type(input, 'voiko tilauksen perua');
    fireEvent.click(kit.ui.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    await act(() => welcome(FakeSocket.last()));
    expect(FakeSocket.last().frames()[1]).not.toHaveProperty('visitor');
  });
});

describe('on a shared computer', () => {
  const MATTI = { name: 'Matti Meikäläinen', email: 'matti@example.fi' };
  const PEKKA = { name: 'Pekka Virtanen', email: 'pekka@example.fi' };
  /** Anything of Matti's: his name, his address, what he wrote, what Aino wrote him. */
  const HIS = /Matti|matti@|Mattilantie|laskusi/;

  /** Matti, logged in on the site, talks with Aino; his last message is still on its way. */
  async function mattiChats() {
    start();
    act(() => kit.api.command('identify', MATTI));
    act(() => kit.api.command('open'));
    fireEvent.click(await kit.ui.findByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    const socket = FakeSocket.last();
    await act(() => welcome(socket));
    act(() => socket.receive({ type: 'ack', id: socket.frames()[1]!.id, conversationId: 'k1', seq: 1 }));
    act(() =>
      socket.receive({
        type: 'events',
        conversationId: 'k1',
        events: [event(2, 'system', { kind: 'joined', agent: 'Aino' }), event(3, 'agent', { kind: 'text', text: 'Hei Matti, laskusi on maksettu.' }, 'Aino')],
      }),
    );
    const composer = await kit.ui.findByRole('textbox', { name: 'Viesti' });
    await type(composer, 'Osoitteeni on Mattilantie 1');
    fireEvent.keyDown(composer, { key: 'Enter' });
    await waitFor(() => expect(kit.persist.saved?.outbox).toHaveLength(1));
    expect(kit.persist.saved?.token).toBe('t'.repeat(32));
    return socket;
  }

  /** What the browser keeps, as text: nothing of Matti's may be in it. */
  const kept = () => JSON.stringify(kit.persist.saved);

  /** The next person opens the chat and asks for a person: a new visitor, with no token, nothing of Matti's on screen. */
  async function nextPersonAsks() {
    act(() => kit.api.command('open'));
    const input = await kit.ui.findByRole('combobox', { name: 'Kysymyksesi' });
    expect((input as HTMLInputElement).value).toBe('');
    expect(kit.ui.queryByText(HIS)).toBeNull();
    fireEvent.click(kit.ui.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    const socket = FakeSocket.last();
    await act(() => welcome(socket));
    const [hello, handoff] = socket.frames();
    expect(hello).not.toHaveProperty('token');
    expect(hello).not.toHaveProperty('conversationId');
    expect(JSON.stringify(handoff)).not.toMatch(HIS);
    expect(socket.frames().filter((f) => f.type === 'msg')).toEqual([]);
    expect(kit.ui.queryByText(HIS)).toBeNull();
    return handoff!;
  }

  it('forgets the chat, the customer and their token when the site says they logged out', async () => {
    const socket = await mattiChats();
    expect(localStorage.getItem('kohtaamo.live')).toBe('1');
    act(() => kit.api.command('identify', null));
    // Closed, and the chat's socket with it; the next page of this tab does not bring the chat along.
    expect(kit.launcher.getAttribute('aria-expanded')).toBe('false');
    expect(socket.readyState).toBe(3);
    // Once the forgetting is written (model/storage.ts).
    await waitFor(() => expect(localStorage.getItem('kohtaamo.live')).toBeNull());
    await waitFor(() => expect(kit.persist.saved).toMatchObject({ conversation: { id: null, events: [] }, steps: [], outbox: [] }));
    expect(kit.persist.saved?.token).toBeUndefined();
    expect(kept()).not.toMatch(HIS);
    const saved = kit.persist.saved!;
    // Pekka, on this page…
    await nextPersonAsks();
    kit.cleanup();

    // …or on the next.
    start(saved);
    await nextPersonAsks();
  });

  it("shows a customer who logs in on this browser none of the last one's chat, whenever the site says who they are", async () => {
    await mattiChats();
    const saved = kit.persist.saved!;
    kit.cleanup();

    // Matti closed the tab without logging out. Pekka logs in; the site says so as the page loads…
    start(saved);
    act(() => kit.api.command('identify', PEKKA));
    expect((await nextPersonAsks()).visitor).toEqual(PEKKA);
    await waitFor(() => expect(kept()).toContain('pekka@example.fi'));
    expect(kept()).not.toMatch(HIS);
    kit.cleanup();

    // …or on the page Matti left open, which the site tells of Pekka's login: Matti's agent hears nothing of Pekka.
    const socket = await mattiChats();
    act(() => kit.api.command('identify', PEKKA));
    expect(socket.readyState).toBe(3);
    expect(JSON.stringify(socket.frames())).not.toContain('pekka');
    expect((await nextPersonAsks()).visitor).toEqual(PEKKA);
    kit.cleanup();

    // …or only once the widget has shown what was kept (the site asked its server who is logged in).
    start(saved);
    act(() => kit.api.command('open'));
    expect(await kit.ui.findByText('Hei Matti, laskusi on maksettu.')).toBeTruthy();
    act(() => kit.api.command('identify', PEKKA));
    expect(FakeSocket.last().readyState).toBe(3);
    await nextPersonAsks();
  });

  it("forgets the last customer's chat on a page where the site says nobody is logged in", async () => {
    await mattiChats();
    const saved = kit.persist.saved!;
    kit.cleanup();
    start(saved);
    act(() => kit.api.command('identify', null));
    await nextPersonAsks();
    await waitFor(() => expect(kept()).not.toMatch(HIS));
  });

  it('keeps the chat of a visitor nobody logged in, where the site says so on every page, and of the same customer', async () => {
    const { socket } = await handedOff();
    act(() => kit.api.command('identify', null));
    act(() => kit.api.command('identify', undefined));
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'agent', { kind: 'text', text: 'Moi, Aino täällä' }, 'Aino')] }));
    expect(await kit.ui.findByText('Moi, Aino täällä')).toBeTruthy();
    expect(socket.readyState).toBe(1);
    kit.cleanup();

    await mattiChats();
    const saved = kit.persist.saved!;
    kit.cleanup();
    start(saved);
    act(() => kit.api.command('identify', MATTI));
    act(() => kit.api.command('open'));
    expect(await kit.ui.findByText('Hei Matti, laskusi on maksettu.')).toBeTruthy();
    const socket2 = await waitFor(() => FakeSocket.last());
    await act(() => welcome(socket2, { id: 'k1', status: 'active', agent: { name: 'Aino' }, lastSeq: 3, rated: false }));
    expect(socket2.frames()[0]).toMatchObject({ type: 'hello', token: 't'.repeat(32), conversationId: 'k1' });
    expect(socket2.frames().filter((f) => f.type === 'msg')).toMatchObject([{ text: 'Osoitteeni on Mattilantie 1' }]);
  });

  it('keeps the chat of a customer the site names on one page and gives the email of on the next', async () => {
    start();
    act(() => kit.api.command('identify', { name: 'Matti Meikäläinen' }));
    act(() => kit.api.command('open'));
    fireEvent.click(await kit.ui.findByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    const socket = FakeSocket.last();
    await act(() => welcome(socket));
    act(() => socket.receive({ type: 'ack', id: socket.frames()[1]!.id, conversationId: 'k1', seq: 1 }));
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'agent', { kind: 'text', text: 'Hei Matti, laskusi on maksettu.' }, 'Aino')] }));
    expect(await kit.ui.findByText('Hei Matti, laskusi on maksettu.')).toBeTruthy();
    // On this page…
    act(() => kit.api.command('identify', MATTI));
    expect(socket.readyState).toBe(1);
    await waitFor(() => expect(kept()).toContain('laskusi'));
    const saved = kit.persist.saved!;
    kit.cleanup();
    // …and on the next, where the site says only his name again.
    start(saved);
    act(() => kit.api.command('identify', { name: 'Matti Meikäläinen' }));
    act(() => kit.api.command('open'));
    expect(await kit.ui.findByText('Hei Matti, laskusi on maksettu.')).toBeTruthy();
  });

  // The loader of a page without the app brings it for the site's word of who is here only while
  // this flag is set (contract.ts): for a named customer's chat, which a logout or another's
  // login must forget; for nobody else, who would pay the app and the FAQ on every page.
  it("flags a kept chat as a named customer's exactly while it is one", async () => {
    const named = () => localStorage.getItem('kohtaamo.who');
    // A visitor nobody named asks for a person: kept, and not named.
    const { socket } = await handedOff();
    await waitFor(() => expect(kit.persist.saved?.conversation.id).toBe('k1'));
    expect(named()).toBeNull();
    act(() => kit.api.command('identify', null));
    await waitFor(() => expect(kit.persist.saved?.who ?? null).toBeNull());
    expect(named()).toBeNull();
    // He logs in as he chats: his chat is his now.
    act(() => kit.api.command('identify', MATTI));
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'agent', { kind: 'text', text: 'Hei Matti' }, 'Aino')] }));
    await waitFor(() => expect(kit.persist.saved?.who).toBe('matti@example.fi'));
    expect(named()).toBe('1');
    // He logs out: what was kept goes, and so does the flag.
    act(() => kit.api.command('identify', null));
    await waitFor(() => expect(kit.persist.saved?.who).toBeNull());
    expect(named()).toBeNull();
    const unnamed = kit.persist.saved!;
    kit.cleanup();

    // A page that finds what he kept puts back a flag lost; one that finds nothing named, or nothing, takes it away.
    await mattiChats();
    const his = kit.persist.saved!;
    kit.cleanup();
    for (const [saved, flag] of [[his, '1'], [unnamed, null], [undefined, null]] as const) {
      start(saved);
      localStorage.setItem('kohtaamo.who', flag ? '0' : '1');
      await waitFor(() => expect(named()).toBe(flag));
      kit.cleanup();
    }
    start();
  });
});
