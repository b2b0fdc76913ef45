// The widget while its panel is closed and across pages: what the launcher says, what is written
// as the page goes, read receipts, a reload mid-chat, and a closed conversation on a later page.
import { act, fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { FakeSocket } from './net/fake-socket';
import { event, welcome } from './test-kit';
import { handedOff, kit, start, type } from './main-test-kit';

afterEach(() => kit.cleanup());

describe('while the panel is closed', () => {
  /** The live region beside the launcher, outside the panel (whose hidden log says nothing then). */
  const newsRegion = () => {
    const regions = [...(kit.launcher.getRootNode() as ShadowRoot).querySelectorAll('[aria-live]')].filter((el) => !el.closest('[role=dialog]'));
    expect(regions).toHaveLength(1);
    return regions[0]!;
  };

  it('says beside the launcher that the agent joined and wrote, each reply in new words, and nothing while open', async () => {
    const { socket } = await handedOff();
    const news = newsRegion();
    fireEvent.keyDown(await kit.ui.findByRole('textbox', { name: 'Viesti' }), { key: 'Escape' });
    expect(kit.ui.getByRole('dialog', { hidden: true }).hidden).toBe(true);
    expect(news.textContent).toBe('');
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'system', { kind: 'joined', agent: 'Aino' })] }));
    expect(news.textContent).toBe('Aino liittyi keskusteluun');
    // What follows the reply (the agent read the visitor's message) leaves it be.
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(3, 'agent', { kind: 'text', text: 'Hei, katsotaan' }, 'Aino'), event(4, 'system', { kind: 'read', through: 1 })] }));
    expect(news.textContent).toBe('Uusi viesti: Aino');
    expect(kit.launcher.getAttribute('aria-label')).toBe('Avaa chat, 1 uusi viesti');
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(5, 'agent', { kind: 'file', fileId: 'f5', name: 'lasku.pdf', type: 'application/pdf', size: 2048 }, 'Aino')] }));
    expect(news.textContent).toBe('2 uutta viestiä: Aino');
    // Open, the panel's own log says it.
    act(() => kit.api.command('open'));
    expect(news.textContent).toBe('');
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(6, 'agent', { kind: 'text', text: 'Vielä yksi' }, 'Aino')] }));
    expect(news.textContent).toBe('');
    expect(newsRegion()).toBe(news);
  });

  it('on the next page says only what the visitor has not seen', async () => {
    const { socket: first } = await handedOff();
    act(() => first.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'system', { kind: 'joined', agent: 'Aino' }), event(3, 'agent', { kind: 'text', text: 'Moi' }, 'Aino')] }));
    act(() => kit.api.command('close'));
    await waitFor(() => expect(kit.persist.saved?.conversation.lastReadSeq).toBe(3));
    const saved = kit.persist.saved!;
    kit.cleanup();

    start(saved);
    const socket = await waitFor(() => FakeSocket.last());
    const news = await waitFor(newsRegion);
    await act(() => welcome(socket, { id: 'k1', status: 'active', agent: { name: 'Aino' }, lastSeq: 3, rated: false }));
    expect(news.textContent).toBe('');
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(4, 'agent', { kind: 'text', text: 'Löysin sen' }, 'Aino')] }));
    expect(news.textContent).toBe('Uusi viesti: Aino');
  });
});

describe('leaving the page', () => {
  it('writes what the visitor sends at once, and what else waits when the page goes', async () => {
    start();
    act(() => kit.api.command('open'));
    fireEvent.click(await kit.ui.findByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    // Not batched: a link clicked the moment after finds it saved.
    expect(kit.persist.saved?.outbox.map((it) => it.frame.type)).toEqual(['handoff']);
    const socket = FakeSocket.last();
    await act(() => welcome(socket));
    act(() => socket.receive({ type: 'ack', id: socket.frames()[1]!.id, conversationId: 'k1', seq: 1 }));
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'agent', { kind: 'text', text: 'Hei!' }, 'Aino')] }));
    // The reply read with the panel open is batched (150 ms); the visitor follows a link before.
    expect(kit.persist.saved?.conversation.lastReadSeq).toBe(0);
    window.dispatchEvent(new Event('pagehide'));
    expect(kit.persist.saved?.conversation.lastReadSeq).toBe(2);
  });
});

describe('telling agents what the visitor saw', () => {
  const seenFrames = (socket: FakeSocket) => socket.frames().filter((f) => f.type === 'seen');
  const reply = (seq: number, text: string) => ({ type: 'events', conversationId: 'k1', events: [event(seq, 'agent', { kind: 'text', text }, 'Aino')] });

  it('says which reply was read only while the panel is open and the page is in front of the visitor, each once', async () => {
    const { socket } = await handedOff();
    act(() => socket.receive(reply(2, 'Hei, Aino täällä.')));
    await waitFor(() => expect(seenFrames(socket)).toEqual([{ type: 'seen', seq: 2 }]));

    // Another tab in front: the reply waits unread until the visitor comes back.
    const hidden = vi.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    act(() => void document.dispatchEvent(new Event('visibilitychange')));
    act(() => socket.receive(reply(3, 'Löysin tilauksesi.')));
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(4, 'system', { kind: 'joined', agent: 'Eero' })] }));
    expect(seenFrames(socket)).toHaveLength(1);
    hidden.mockRestore();
    act(() => void document.dispatchEvent(new Event('visibilitychange')));
    await waitFor(() => expect(seenFrames(socket)).toEqual([{ type: 'seen', seq: 2 }, { type: 'seen', seq: 3 }]));

    // The panel closed: behind the launcher's count, not read.
    act(() => kit.api.command('close'));
    act(() => socket.receive(reply(5, 'Lähetin seurantakoodin.')));
    await waitFor(() => expect(kit.launcher.getAttribute('aria-label')).toBe('Avaa chat, 1 uusi viesti'));
    expect(seenFrames(socket)).toHaveLength(2);
    act(() => kit.api.command('open'));
    await waitFor(() => expect(seenFrames(socket).at(-1)).toEqual({ type: 'seen', seq: 5 }));
    // Something that is no reply (the visitor's own message echoed) says nothing new.
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(6, 'visitor', { kind: 'text', text: 'Kiitos!' })] }));
    expect(seenFrames(socket)).toHaveLength(3);
  });
});

describe('after a reload mid-chat', () => {
  it('shows the conversation again, resumes after the last seq and counts unread agent messages', async () => {
    const { socket: first } = await handedOff();
    act(() => first.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'agent', { kind: 'text', text: 'Moi, Aino täällä' }, 'Aino')] }));
    await waitFor(() => expect(kit.persist.saved?.conversation.events).toHaveLength(1));
    const saved = kit.persist.saved!;
    kit.cleanup();

    start(saved);
    const socket = await waitFor(() => FakeSocket.last());
    act(() => kit.api.command('open'));
    expect(await kit.ui.findByText('Moi, Aino täällä')).toBeTruthy();
    await act(() => welcome(socket, { id: 'k1', status: 'active', agent: { name: 'Aino' }, lastSeq: 2, rated: false }));
    expect(socket.frames()[0]).toMatchObject({ type: 'hello', token: 't'.repeat(32), afterSeq: 2 });

    act(() => kit.api.command('close'));
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(3, 'agent', { kind: 'text', text: 'Löysin tilauksesi.' }, 'Aino')] }));
    await waitFor(() => expect(kit.launcher.getAttribute('aria-label')).toBe('Avaa chat, 1 uusi viesti'));
    // The same event again (a replay after a reconnect) is shown once.
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(3, 'agent', { kind: 'text', text: 'Löysin tilauksesi.' }, 'Aino')] }));
    act(() => kit.api.command('open'));
    expect(kit.ui.getAllByText('Löysin tilauksesi.')).toHaveLength(1);
    await waitFor(() => expect(kit.launcher.getAttribute('aria-label')).toBe('Pienennä chat'));
  });
});

describe('a closed conversation on a later page', () => {
  /**
   * The visitor asked about an invoice; Aino answered and closed the conversation `ago` ms ago,
   * unrated, or rated as it closed; `who`: the customer the site said was logged in.
   */
  async function closedAgo(ago: number, rated = false, who?: { name: string; email: string }) {
    start();
    if (who) act(() => kit.api.command('identify', who));
    act(() => kit.api.command('open'));
    await type(await kit.ui.findByRole('combobox', { name: 'Kysymyksesi' }), 'laskuni 4711');
    fireEvent.click(kit.ui.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    const socket = FakeSocket.last();
    await act(() => welcome(socket));
    act(() => socket.receive({ type: 'ack', id: socket.frames()[1]!.id, conversationId: 'k1', seq: 2 }));
    const at = Date.now();
    act(() =>
      socket.receive({
        type: 'events',
        conversationId: 'k1',
        events: [
          { ...event(3, 'agent', { kind: 'text', text: 'Laskusi 4711 on maksettu.' }, 'Aino'), at: at - 60_000 },
          { ...event(4, 'system', { kind: 'closed', by: 'agent' }), at },
        ],
      }),
    );
    await kit.ui.findByText('Miten onnistuimme?');
    if (rated) {
      fireEvent.click(kit.ui.getByRole('button', { name: '4 viidestä' }));
      fireEvent.click(kit.ui.getByRole('button', { name: 'Lähetä arvio' }));
      // Closed, the socket went: the rating opens one of its own.
      const rating = FakeSocket.last();
      await act(() => welcome(rating, { id: 'k1', status: 'closed', lastSeq: 4, rated: false }));
      const rate = rating.frames().find((f) => f.type === 'rate')!;
      act(() => rating.receive({ type: 'ack', id: rate.id, conversationId: 'k1', seq: 5 }));
      await kit.ui.findByText('Kiitos palautteesta!');
    }
    await waitFor(() => expect(kit.persist.saved?.conversation).toMatchObject({ status: 'closed', rated }));
    const saved = kit.persist.saved!;
    kit.cleanup();
    // The next page, `ago` later by the visitor's clock.
    const heard = Date.now;
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => heard() + ago);
    onTestFinished(() => clock.mockRestore());
    start(saved);
    act(() => kit.api.command('open'));
  }

  it('is shown again for its rating within an hour of its close', async () => {
    await closedAgo(50 * 60_000);
    expect(await kit.ui.findByText('Laskusi 4711 on maksettu.')).toBeTruthy();
    expect(kit.ui.getByText('Miten onnistuimme?')).toBeTruthy();
  });

  it('is shown again once rated, to be read, with no socket for it, until the visitor starts anew', async () => {
    await closedAgo(50 * 60_000, true);
    const answer = await kit.ui.findByText('Laskusi 4711 on maksettu.');
    // Nothing more can come in a closed conversation: no socket, no hello with the page, no heartbeat.
    expect(FakeSocket.all).toEqual([]);
    // Below it the line that says it ended, and no message box: it is only to be read.
    expect(answer.compareDocumentPosition(kit.ui.getByText('Keskustelu päättyi')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(kit.ui.queryByRole('textbox', { name: 'Viesti' })).toBeNull();
    fireEvent.click(kit.ui.getByRole('button', { name: 'Uusi kysymys' }));
    await kit.ui.findByRole('combobox', { name: 'Kysymyksesi' });
    expect(kit.ui.queryByText(/4711/)).toBeNull();
    await waitFor(() => expect(JSON.stringify(kit.persist.saved)).not.toContain('4711'));
  });

  it("is forgotten at the site's logout, rated or not", async () => {
    await closedAgo(10 * 60_000, true, { name: 'Matti Meikäläinen', email: 'matti@example.fi' });
    await kit.ui.findByText('Laskusi 4711 on maksettu.');
    act(() => kit.api.command('identify', null));
    act(() => kit.api.command('open'));
    await kit.ui.findByRole('combobox', { name: 'Kysymyksesi' });
    expect(kit.ui.queryByText(/4711/)).toBeNull();
    await waitFor(() => expect(JSON.stringify(kit.persist.saved)).not.toContain('4711'));
  });

  it('is over later: the FAQ, and its transcript and what the bot was asked are no longer kept', async () => {
    await closedAgo(70 * 60_000);
    const input = await kit.ui.findByRole('combobox', { name: 'Kysymyksesi' });
    expect(kit.ui.queryByText(/4711/)).toBeNull();
    expect(FakeSocket.all).toEqual([]);
    await type(input, 'palautus');
    await waitFor(() => expect(kit.persist.saved?.conversation).toMatchObject({ id: null, events: [] }));
    expect(JSON.stringify(kit.persist.saved)).not.toContain('4711');
    // The next question to a person carries none of the last conversation's.
    fireEvent.click(kit.ui.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    await act(() => welcome(FakeSocket.last()));
    const handoff = FakeSocket.last().frames()[1] as unknown as { steps: { body: { query?: string } }[] };
    expect(handoff.steps.map((s) => s.body.query)).toEqual(['palautus']);
  });
});
