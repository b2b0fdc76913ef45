import { act, createEvent, fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi, type MockInstance } from 'vitest';
import { FakeSocket } from './net/fake-socket';
import { event, fakeFaq, setup, welcome } from './test-kit';

let kit: ReturnType<typeof setup>;
afterEach(() => kit.cleanup());

async function openPanel() {
  kit = setup();
  act(() => kit.api.command('open'));
  return kit.ui.findByRole('combobox', { name: 'Kysymyksesi' });
}

/** The visitor opens the chat and asks for a person; the server takes the handoff as conversation k1. */
/** A visitor who asked for a person and whose handoff the server took, in Finnish or English. */
async function handedOff(lang: 'fi' | 'en' = 'fi') {
  kit = setup(undefined, lang);
  act(() => kit.api.command('open'));
  fireEvent.click(await kit.ui.findByRole('button', { name: lang === 'fi' ? 'Puhu asiakaspalvelijan kanssa' : 'Talk to a person' }));
  const socket = FakeSocket.last();
  act(() => welcome(socket));
  const handoff = socket.frames()[1]!;
  act(() => socket.receive({ type: 'ack', id: handoff.id, conversationId: 'k1', seq: 1 }));
  return { socket, handoff };
}

async function type(input: HTMLElement, text: string) {
  (input as HTMLInputElement).value = text;
  fireEvent.input(input);
}

describe('the widget, as a visitor uses it', () => {
  it('opens with a greeting and the question field focused', async () => {
    const input = await openPanel();
    expect(kit.ui.getByRole('dialog', { name: 'Asiakaspalvelu' })).toBeTruthy();
    expect(kit.ui.getByText(/Kirjoita kysymyksesi, niin etsin/)).toBeTruthy();
    expect(input.getAttribute('placeholder')).toBe('Kirjoita kysymyksesi…');
    await waitFor(() => expect(kit.launcher.getRootNode() === input.getRootNode()).toBe(true));
    expect(kit.launcher.getAttribute('aria-expanded')).toBe('true');
    expect(kit.launcher.getAttribute('aria-label')).toBe('Pienennä chat');
  });

  it('suggests answers while typing and opens one with the keyboard', async () => {
    const input = await openPanel();
    await type(input, 'toimitus');
    const options = await kit.ui.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Milloin tilaukseni saapuu?', 'Miten palautan tuotteen?']);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(await kit.ui.findByRole('heading', { name: 'Milloin tilaukseni saapuu?' })).toBeTruthy();
    const link = kit.ui.getByRole('link', { name: 'Seuraa pakettia' });
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(kit.ui.getByText('1–3').tagName).toBe('STRONG');
    expect(kit.ui.getByText('Auttoiko tämä?')).toBeTruthy();
  });

  it('suggests for the next question while an answer is still on screen', async () => {
    const input = await openPanel();
    await type(input, 'palautus');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(await kit.ui.findByRole('heading', { name: 'Miten palautan tuotteen?' })).toBeTruthy();
    await type(input, 'toimitus');
    const options = await kit.ui.findAllByRole('option');
    expect(kit.ui.getByText('Valitse vastaus nuolinäppäimillä ja Enterillä.')).toBeTruthy();
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(await kit.ui.findByRole('heading', { name: 'Milloin tilaukseni saapuu?' })).toBeTruthy();
    expect(kit.ui.queryByRole('heading', { name: 'Miten palautan tuotteen?' })).toBeNull();
    await type(input, 'wombat');
    expect(await kit.ui.findByText(/En löytänyt valmista vastausta/)).toBeTruthy();
  });

  it('tells a visitor on a touch screen to tap an answer, not to use arrow keys they do not have', async () => {
    const real = window.matchMedia.bind(window);
    const media = vi.spyOn(window, 'matchMedia').mockImplementation((query) => {
      const list = real(query);
      if (query === '(pointer:coarse)') Object.defineProperty(list, 'matches', { value: true });
      return list;
    });
    onTestFinished(() => media.mockRestore());
    const input = await openPanel();
    await type(input, 'toimitus');
    await kit.ui.findAllByRole('option');
    expect(kit.ui.getByText('Napauta vastausta.')).toBeTruthy();
    expect(kit.ui.queryByText(/nuolinäppäimillä/)).toBeNull();
    kit.cleanup();

    kit = setup(undefined, 'en');
    act(() => kit.api.command('open'));
    await type(await kit.ui.findByRole('combobox', { name: 'Your question' }), 'toimitus');
    await kit.ui.findAllByRole('option');
    expect(kit.ui.getByText('Tap an answer.')).toBeTruthy();
  });

  it("tells the server which answers it showed and which helped, and nothing about the visitor", async () => {
    const input = await openPanel();
    await type(input, 'palautus');
    fireEvent.keyDown(input, { key: 'Enter' });
    await kit.ui.findByRole('heading', { name: 'Miten palautan tuotteen?' });
    fireEvent.click(kit.ui.getByRole('button', { name: 'Kyllä' }));
    expect(kit.beacons.mock.calls).toEqual([
      ['http://chat.example/api/faq-stats', JSON.stringify({ kind: 'shown', faqId: 'returns' })],
      ['http://chat.example/api/faq-stats', JSON.stringify({ kind: 'helped', faqId: 'returns' })],
    ]);
    // Small talk and the search while typing are not answers shown; and no socket is opened for any of it.
    await type(input, 'hei');
    fireEvent.keyDown(input, { key: 'Enter' });
    await kit.ui.findByText('Hei vaan! Miten voin auttaa?');
    expect(kit.beacons).toHaveBeenCalledTimes(2);
    expect(FakeSocket.all).toEqual([]);
  });

  it("uses the site's own title and greeting in the page's language, and its own words in the other", async () => {
    kit = setup(undefined, 'fi', fakeFaq, { title: 'Kotipesän asiakaspalvelu', greeting: 'Hei! Kysy meiltä sohvista ja muusta.' });
    act(() => kit.api.command('open'));
    expect(await kit.ui.findByRole('dialog', { name: 'Kotipesän asiakaspalvelu' })).toBeTruthy();
    expect(kit.ui.getByText('Hei! Kysy meiltä sohvista ja muusta.')).toBeTruthy();
    act(() => kit.api.command('lang', 'en'));
    expect(await kit.ui.findByRole('dialog', { name: 'Customer service' })).toBeTruthy();
    expect(kit.ui.queryByText('Hei! Kysy meiltä sohvista ja muusta.')).toBeNull();
  });

  it('answers small talk in a friendly way', async () => {
    const input = await openPanel();
    await type(input, 'hei');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(await kit.ui.findByText('Hei vaan! Miten voin auttaa?')).toBeTruthy();
  });

  it('"Ei" hands off with the bot steps, and the chat with the agent runs to the rating', async () => {
    const input = await openPanel();
    await type(input, 'toimitus');
    (await kit.ui.findAllByRole('option'))[0]!.click();
    fireEvent.click(await kit.ui.findByRole('button', { name: 'Ei' }));
    expect(await kit.ui.findByText('Asiakaspalvelija liittyy keskusteluun pian')).toBeTruthy();

    const socket = FakeSocket.last();
    expect(socket.url).toBe('ws://chat.example/ws/visitor');
    act(() => welcome(socket));
    const [hello, handoff] = socket.frames();
    expect(hello).toMatchObject({ type: 'hello', lang: 'fi', page: { url: location.href } });
    expect(handoff).toMatchObject({ type: 'handoff', reason: 'not_helpful', lang: 'fi' });
    const steps = (handoff as unknown as { steps: { body: { kind: string } }[] }).steps;
    expect(steps.map((s) => s.body)).toEqual([
      { kind: 'bot.query', query: 'toimitus', decision: 'suggest', results: [
        { id: 'delivery', question: 'Milloin tilaukseni saapuu?', score: 0.7 },
        { id: 'returns', question: 'Miten palautan tuotteen?', score: expect.closeTo(0.5) },
      ] },
      { kind: 'bot.answer', faqId: 'delivery', question: 'Milloin tilaukseni saapuu?' },
      { kind: 'bot.feedback', faqId: 'delivery', helpful: false },
    ]);

    act(() => {
      socket.receive({ type: 'ack', id: handoff!.id, conversationId: 'k1', seq: 4 });
      socket.receive({ type: 'typing', conversationId: 'k1', name: 'Aino', on: true });
    });
    expect(await kit.ui.findByText('Aino kirjoittaa…')).toBeTruthy();
    act(() =>
      socket.receive({
        type: 'events',
        conversationId: 'k1',
        events: [event(5, 'system', { kind: 'joined', agent: 'Aino' }), event(6, 'agent', { kind: 'text', text: '<b>Hei!</b> Autan mielelläni.' }, 'Aino')],
      }),
    );
    expect(await kit.ui.findByText('Aino liittyi keskusteluun')).toBeTruthy();
    expect(kit.ui.getByText('Aino auttaa sinua')).toBeTruthy();
    // The agent's text is text, not markup.
    expect(kit.ui.getByText(/<b>Hei!<\/b> Autan mielelläni\./)).toBeTruthy();
    expect(kit.ui.queryByText('Aino kirjoittaa…')).toBeNull();

    const composer = kit.ui.getByRole('textbox', { name: 'Viesti' });
    await type(composer, 'Paketti on myöhässä');
    fireEvent.keyDown(composer, { key: 'Enter' });
    const msg = socket.frames().find((f) => f.type === 'msg')!;
    expect(msg).toMatchObject({ text: 'Paketti on myöhässä' });
    expect(socket.frames().filter((f) => f.type === 'typing')).toEqual([
      { type: 'typing', on: true },
      { type: 'typing', on: false },
    ]);
    expect(await kit.ui.findByText('Lähetetään…')).toBeTruthy();
    act(() => socket.receive({ type: 'ack', id: msg.id, conversationId: 'k1', seq: 7 }));
    await waitFor(() => expect(kit.ui.queryByText('Lähetetään…')).toBeNull());
    expect(kit.ui.getByText('Lähetetty')).toBeTruthy();
    expect(kit.ui.getByText('Paketti on myöhässä')).toBeTruthy();
    // The agent has read it: "Seen" in its place, and no line of its own.
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(8, 'system', { kind: 'read', through: 7 })] }));
    expect(await kit.ui.findByText('Nähty')).toBeTruthy();
    expect(kit.ui.queryByText('Lähetetty')).toBeNull();

    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(9, 'system', { kind: 'closed', by: 'agent' })] }));
    fireEvent.click(await kit.ui.findByRole('button', { name: '5 viidestä' }));
    // Closed, nobody is helping any more: the header says so no longer.
    expect(kit.ui.queryByText('Aino auttaa sinua')).toBeNull();
    expect(kit.ui.getByText('Vastaamme heti – tai välitämme ihmiselle')).toBeTruthy();
    fireEvent.input(kit.ui.getByRole('textbox', { name: 'Kommentti (vapaaehtoinen)' }), { target: { value: 'Kiitos!' } });
    fireEvent.click(kit.ui.getByRole('button', { name: 'Lähetä arvio' }));
    const rate = socket.frames().find((f) => f.type === 'rate')!;
    expect(rate).toMatchObject({ score: 5, comment: 'Kiitos!' });
    act(() => socket.receive({ type: 'ack', id: rate.id, conversationId: 'k1', seq: 9 }));
    expect(await kit.ui.findByText('Kiitos palautteesta!')).toBeTruthy();
  });

  it("tells the server the page without its query or #fragment: a reset link's token, a sign-in's #access_token", async () => {
    const before = location.href;
    onTestFinished(() => history.replaceState(null, '', before));
    history.replaceState(null, '', '/salasana/uusi?email=matti%40example.fi&reset_token=SECRET1#access_token=SECRET2');
    const { socket, handoff } = await handedOff();
    const page = { url: `${location.origin}/salasana/uusi`, title: document.title };
    expect(socket.frames()[0]).toMatchObject({ type: 'hello', page });
    expect(handoff).toMatchObject({ type: 'handoff', page });
    // A single-page app moves on: typing and the message say the new page, as bare.
    history.pushState(null, '', '/tilaus/4711?token=SECRET3#SECRET4');
    const composer = kit.ui.getByRole('textbox', { name: 'Viesti' });
    await type(composer, 'Missä pakettini on?');
    fireEvent.keyDown(composer, { key: 'Enter' });
    expect(socket.frames().filter((f) => f.page).map((f) => [f.type, f.page])).toEqual([
      ['hello', page],
      ['handoff', page],
      ['typing', { ...page, url: `${location.origin}/tilaus/4711` }],
    ]);
    expect(socket.sent.join()).not.toMatch(/SECRET|matti/);
  });

  it('tells a waiting visitor how many wait before them, when they are next, and the usual wait', async () => {
    const { socket } = await handedOff();
    const handoffEvent = event(1, 'system', { kind: 'handoff', reason: 'asked_for_person', page: { url: 'https://kauppa.example/', title: 'Kauppa' }, lang: 'fi' });
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [handoffEvent] }));
    act(() => socket.receive({ type: 'queue', ahead: 2 }));
    expect(await kit.ui.findByText('Asiakaspalvelija liittyy keskusteluun pian. Edelläsi on jonossa 2 asiakasta.')).toBeTruthy();
    act(() => socket.receive({ type: 'queue', ahead: 0 }));
    expect(await kit.ui.findByText('Asiakaspalvelija liittyy keskusteluun pian. Olet seuraavana vuorossa.')).toBeTruthy();
    act(() => socket.receive({ type: 'queue', ahead: 0, typicalWaitMs: 170_000 }));
    expect(await kit.ui.findByText('Asiakaspalvelija liittyy keskusteluun pian. Olet seuraavana vuorossa. Odotusaika on viime aikoina ollut tavallisesti noin 3 min.')).toBeTruthy();
  });

  it('tells a visitor waiting at night that nobody is online, instead of that a person joins shortly', async () => {
    const { socket } = await handedOff();
    const handoffEvent = event(1, 'system', { kind: 'handoff', reason: 'asked_for_person', page: { url: 'https://kauppa.example/', title: 'Kauppa' }, lang: 'fi' });
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [handoffEvent] }));
    act(() => socket.receive({ type: 'staffed', on: false }));
    expect(await kit.ui.findByText(/Asiakaspalvelijamme eivät ole juuri nyt paikalla/)).toBeTruthy();
    expect(kit.ui.queryByText('Asiakaspalvelija liittyy keskusteluun pian')).toBeNull();
    // Still a chat: what they write waits for the first agent back.
    expect(kit.ui.getByRole('textbox', { name: 'Viesti' })).toBeTruthy();
    act(() => socket.receive({ type: 'staffed', on: true }));
    expect(kit.ui.queryByText(/eivät ole juuri nyt paikalla/)).toBeNull();
    expect(kit.ui.getByText('Asiakaspalvelija liittyy keskusteluun pian')).toBeTruthy();
    // Once someone has joined, who is online elsewhere is no concern of this visitor.
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(5, 'system', { kind: 'joined', agent: 'Aino' })] }));
    act(() => socket.receive({ type: 'staffed', on: false }));
    expect(kit.ui.queryByText(/eivät ole juuri nyt paikalla/)).toBeNull();
  });

  it('asks a visitor waiting at night for their address where the server emails replies, and says when it has one', async () => {
    const { socket } = await handedOff();
    const handoffEvent = event(1, 'system', { kind: 'handoff', reason: 'asked_for_person', page: { url: 'https://kauppa.example/', title: 'Kauppa' }, lang: 'fi' });
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [handoffEvent] }));
    act(() => socket.receive({ type: 'staffed', on: false }));
    // A server that sends no email promises none.
    expect(await kit.ui.findByText(/paikalla\. Viestisi ovat tallessa, ja vastaamme tähän keskusteluun heti, kun joku palaa\.$/)).toBeTruthy();
    act(() => socket.receive({ type: 'welcome', visitorId: 'v1', token: 't'.repeat(32), conversation: { id: 'k1', status: 'queued', lastSeq: 1, rated: false }, heartbeatMs: 0, staffed: false, emailsReplies: true }));
    expect(await kit.ui.findByText(/kun joku palaa\. Jos haluat vastauksen myös sähköpostiisi, kirjoita osoitteesi viestiin\.$/)).toBeTruthy();
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'visitor', { kind: 'text', text: 'Vastatkaa osoitteeseen matti@example.fi, kiitos' })] }));
    expect(await kit.ui.findByText(/kun joku palaa\. Jos olet silloin jo poistunut, lähetämme vastauksen myös osoitteeseen matti@example\.fi\.$/)).toBeTruthy();
  });

  it("tells a visitor waiting outside opening hours when the service opens, in the visitor's own clock", async () => {
    const { socket } = await handedOff();
    const handoffEvent = event(1, 'system', { kind: 'handoff', reason: 'asked_for_person', page: { url: 'https://kauppa.example/', title: 'Kauppa' }, lang: 'fi' });
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [handoffEvent] }));
    const opensAt = Date.now() + 36 * 60 * 60 * 1000;
    const opens = new Date(opensAt).toLocaleString('fi-FI', { weekday: 'short', day: 'numeric', month: 'numeric', hour: 'numeric', minute: '2-digit' });
    act(() => socket.receive({ type: 'staffed', on: false, opensAt }));
    expect(await kit.ui.findByText(new RegExp(`^Asiakaspalvelijamme eivät ole juuri nyt paikalla – palvelemme taas ${opens}\\. Viestisi ovat tallessa`))).toBeTruthy();
    expect(opens).toMatch(/^(ma|ti|ke|to|pe|la|su) \d+\.\d+\. klo \d+\.\d\d$/);
    // At opening, nobody having come, the server says so again without a time: none is repeated.
    act(() => socket.receive({ type: 'staffed', on: false }));
    expect(await kit.ui.findByText(/^Asiakaspalvelijamme eivät ole juuri nyt paikalla\. Viestisi/)).toBeTruthy();
  });

  it("tells a visitor whose clock runs a day fast when the service opens: the server's word, not the visitor's clock, says it is still to come", async () => {
    const { socket } = await handedOff();
    const handoffEvent = event(1, 'system', { kind: 'handoff', reason: 'asked_for_person', page: { url: 'https://kauppa.example/', title: 'Kauppa' }, lang: 'fi' });
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [handoffEvent] }));
    const opensAt = Date.now() - 23 * 60 * 60 * 1000;
    const opens = new Date(opensAt).toLocaleString('fi-FI', { weekday: 'short', day: 'numeric', month: 'numeric', hour: 'numeric', minute: '2-digit' });
    act(() => socket.receive({ type: 'staffed', on: false, opensAt }));
    expect(await kit.ui.findByText(new RegExp(`^Asiakaspalvelijamme eivät ole juuri nyt paikalla – palvelemme taas ${opens}\\. Viestisi ovat tallessa`))).toBeTruthy();
  });

  it('tells the visitor when their agent passes the conversation on or is gone, and who continues', async () => {
    const { socket } = await handedOff();
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(5, 'system', { kind: 'joined', agent: 'Aino' })] }));
    expect(await kit.ui.findByText('Aino auttaa sinua')).toBeTruthy();

    // While a person is on the way or talking, the next page of this tab brings the chat along at once (the loader reads this).
    expect(sessionStorage.getItem('kohtaamo.live')).toBe('1');
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(6, 'system', { kind: 'released', agent: 'Aino' })] }));
    expect(await kit.ui.findByText('Aino siirsi keskustelun eteenpäin. Seuraava vapaa asiakaspalvelija jatkaa tästä.')).toBeTruthy();
    expect(kit.ui.queryByText('Aino auttaa sinua')).toBeNull();
    // Waiting again, the visitor can still write: the next agent reads it.
    expect(kit.ui.getByRole('textbox', { name: 'Viesti' })).toBeTruthy();

    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(7, 'system', { kind: 'joined', agent: 'Eero', from: 'Aino' })] }));
    expect(await kit.ui.findByText('Eero auttaa sinua')).toBeTruthy();
    expect(kit.ui.getByText('Eero liittyi keskusteluun')).toBeTruthy();
    // The server put it back for Eero, whose console had been gone too long: the visitor is told so, not that he passed it on.
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(8, 'system', { kind: 'released', agent: 'Eero', away: true })] }));
    expect(await kit.ui.findByText('Eero ei ole enää paikalla. Seuraava vapaa asiakaspalvelija jatkaa tästä.')).toBeTruthy();
    expect(sessionStorage.getItem('kohtaamo.live')).toBe('1');
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(9, 'system', { kind: 'closed', by: 'agent' })] }));
    expect(sessionStorage.getItem('kohtaamo.live')).toBeNull();
  });

  it('a question the FAQ cannot answer goes to a person on Enter', async () => {
    const input = await openPanel();
    await type(input, 'voiko koiran tuoda myymälään');
    expect(await kit.ui.findByText(/En löytänyt valmista vastausta/)).toBeTruthy();
    fireEvent.keyDown(input, { key: 'Enter' });
    act(() => welcome(FakeSocket.last()));
    expect(FakeSocket.last().frames()[1]).toMatchObject({ type: 'handoff', reason: 'no_answer' });
  });

  it('"Talk to a person" carries a question typed but not sent', async () => {
    const input = await openPanel();
    await type(input, 'voiko tilauksen perua');
    fireEvent.click(kit.ui.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    act(() => welcome(FakeSocket.last()));
    const handoff = FakeSocket.last().frames()[1] as unknown as { reason: string; steps: { body: { query?: string } }[] };
    expect(handoff.reason).toBe('asked_for_person');
    expect(handoff.steps.map((s) => s.body.query)).toEqual(['voiko tilauksen perua']);
  });

  it("tells the agent who the visitor is when the site identified them, with the handoff and not before", async () => {
    kit = setup();
    act(() => kit.api.command('identify', { name: 'Matti Meikäläinen', email: 'matti@example.fi', signature: 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1' }));
    act(() => kit.api.command('open'));
    const input = await kit.ui.findByRole('combobox', { name: 'Kysymyksesi' });
    await type(input, 'voiko tilauksen perua');
    expect(FakeSocket.all).toHaveLength(0);
    fireEvent.click(kit.ui.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    act(() => welcome(FakeSocket.last()));
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
    kit = setup(saved);
    act(() => kit.api.command('identify', { name: 'Matti', email: 'matti@example.fi' }));
    const socket = await waitFor(() => FakeSocket.last());
    act(() => welcome(socket, { id: 'k1', status: 'queued', lastSeq: 1, rated: false }));
    expect(socket.frames().filter((f) => f.type === 'identify')).toHaveLength(1);
  });

  it("tells the site's developer what is wrong with an identity, and still sends what was right", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      kit = setup();
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
      act(() => welcome(FakeSocket.last()));
      expect(FakeSocket.last().frames()[1]).toMatchObject({ type: 'handoff', visitor: { name: 'Matti' } });
    } finally {
      warn.mockRestore();
    }
  });

  it('leaves out a name of more than one line, saying so, and still sends the email', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      kit = setup();
      act(() => kit.api.command('identify', { name: 'Matti,\n\nlog in at https://kauppa-login.example', email: 'matti@example.fi' }));
      expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([`Kohtaamo('identify'): name: must be one line of plain text`]);
      act(() => kit.api.command('open'));
      const input = await kit.ui.findByRole('combobox', { name: 'Kysymyksesi' });
      await type(input, 'voiko tilauksen perua');
      fireEvent.click(kit.ui.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
      act(() => welcome(FakeSocket.last()));
      expect(FakeSocket.last().frames()[1]).toMatchObject({ type: 'handoff', visitor: { email: 'matti@example.fi' } });
      expect(FakeSocket.last().frames()[1]).not.toHaveProperty('visitor.name');
    } finally {
      warn.mockRestore();
    }
  });

  it('forgets the identity when the site says null (the customer logged out)', async () => {
    kit = setup();
    act(() => kit.api.command('identify', { name: 'Matti' }));
    act(() => kit.api.command('identify', null));
    act(() => kit.api.command('open'));
    const input = await kit.ui.findByRole('combobox', { name: 'Kysymyksesi' });
    await type(input, 'voiko tilauksen perua');
    fireEvent.click(kit.ui.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    act(() => welcome(FakeSocket.last()));
    expect(FakeSocket.last().frames()[1]).not.toHaveProperty('visitor');
  });

  it('acts on an Enter pressed before the answers arrived, once they do', async () => {
    let arrive = () => {};
    const slow = () => new Promise<Awaited<ReturnType<typeof fakeFaq>>>((resolve) => (arrive = () => void fakeFaq().then(resolve)));
    kit = setup(undefined, 'fi', slow);
    act(() => kit.api.command('open'));
    const input = await kit.ui.findByRole('combobox', { name: 'Kysymyksesi' });
    await type(input, 'haluan puhua ihmisen kanssa');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(kit.ui.getByText('Ladataan vastauksia…')).toBeTruthy();
    expect(FakeSocket.all).toHaveLength(0);
    await act(async () => arrive());
    await waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    act(() => welcome(FakeSocket.last()));
    expect(FakeSocket.last().frames()[1]).toMatchObject({ type: 'handoff', reason: 'asked_for_person' });
  });

  it('still reaches a person when the FAQ search breaks', async () => {
    const broken = () => Promise.resolve({ search: { search: () => { throw new Error('unreadable bundle'); } }, parse: () => [] });
    kit = setup(undefined, 'fi', broken);
    act(() => kit.api.command('open'));
    const input = await kit.ui.findByRole('combobox', { name: 'Kysymyksesi' });
    await type(input, 'voiko tilauksen perua');
    expect(await kit.ui.findByText(/Vastauksia ei juuri nyt saatu ladattua/)).toBeTruthy();
    fireEvent.click(kit.ui.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    act(() => welcome(FakeSocket.last()));
    const handoff = FakeSocket.last().frames()[1] as unknown as { reason: string; steps: { body: { query?: string } }[] };
    expect(handoff.reason).toBe('asked_for_person');
    expect(handoff.steps.map((s) => s.body.query)).toEqual(['voiko tilauksen perua']);
  });

  it('shows a failed message with a retry that sends the same message again', async () => {
    await openPanel();
    fireEvent.click(kit.ui.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    const socket = FakeSocket.last();
    act(() => welcome(socket));
    expect(socket.frames()[1]).toMatchObject({ type: 'handoff', reason: 'asked_for_person' });
    const composer = await kit.ui.findByRole('textbox', { name: 'Viesti' });
    await type(composer, 'Hei');
    fireEvent.click(kit.ui.getByRole('button', { name: 'Lähetä' }));
    const msg = socket.frames().find((f) => f.type === 'msg')!;
    act(() => socket.receive({ type: 'error', code: 'rate_limited', message: 'slow down', id: msg.id }));
    expect(await kit.ui.findByText(/Ei lähtenyt/)).toBeTruthy();
    fireEvent.click(kit.ui.getByRole('button', { name: 'Yritä uudelleen' }));
    expect(socket.frames().filter((f) => f.type === 'msg').map((f) => f.id)).toEqual([msg.id, msg.id]);
  });

  it('says a message the server could not store three times did not go, with a retry, and not "sending" for ever', async () => {
    const { socket: first } = await handedOff();
    const composer = await kit.ui.findByRole('textbox', { name: 'Viesti' });
    await type(composer, 'Onko sohva varastossa?');
    fireEvent.keyDown(composer, { key: 'Enter' });
    const msg = first.frames().find((f) => f.type === 'msg')!;
    let socket = first;
    for (let attempt = 1; ; attempt++) {
      act(() => socket.receive({ type: 'error', code: 'internal', message: 'Something went wrong on the server.', id: msg.id }));
      if (attempt === 3) break;
      expect(kit.ui.getByText('Lähetetään…')).toBeTruthy();
      const dropped = socket;
      socket = await waitFor(() => (expect(FakeSocket.last()).not.toBe(dropped), FakeSocket.last()), { timeout: 3000 });
      act(() => welcome(socket, { id: 'k1', status: 'queued', lastSeq: 1, rated: false }));
    }
    expect(await kit.ui.findByText('Ei lähtenyt – Palvelussamme on häiriö.')).toBeTruthy();
    expect(kit.ui.queryByText('Lähetetään…')).toBeNull();
    fireEvent.click(kit.ui.getByRole('button', { name: 'Yritä uudelleen' }));
    expect(socket.frames().filter((f) => f.type === 'msg').map((f) => f.id)).toEqual([msg.id, msg.id]);
  });

  it('keeps what the visitor wrote as the agent closed the conversation, and a retry starts a new one with it, also after a new page', async () => {
    const { socket } = await handedOff();
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'system', { kind: 'joined', agent: 'Aino' })] }));
    const composer = await kit.ui.findByRole('textbox', { name: 'Viesti' });
    for (const text of ['Vielä yksi asia:', 'voiko sohvan värin vaihtaa?']) {
      await type(composer, text);
      fireEvent.keyDown(composer, { key: 'Enter' });
    }
    const [one, two] = socket.frames().filter((f) => f.type === 'msg');
    // Aino closed it that very moment: both come too late.
    act(() => {
      socket.receive({ type: 'events', conversationId: 'k1', events: [{ ...event(3, 'system', { kind: 'closed', by: 'agent' }), at: Date.now() }] });
      for (const m of [one!, two!]) socket.receive({ type: 'error', code: 'no_conversation', message: 'There is no open conversation to send to.', id: m.id });
    });
    const said = 'Ei lähtenyt – Keskustelu ehti päättyä. Kun yrität uudelleen, viestistäsi alkaa uusi keskustelu.';
    expect(await kit.ui.findAllByText(said)).toHaveLength(2);
    expect(kit.ui.getByText('Keskustelu päättyi')).toBeTruthy();
    await waitFor(() => expect(kit.persist.saved?.outbox.map((it) => it.status)).toEqual(['failed', 'failed']));

    // The next page: still there, and still to be sent.
    const saved = kit.persist.saved!;
    kit.cleanup();
    kit = setup(saved);
    act(() => kit.api.command('open'));
    const next = await waitFor(() => FakeSocket.last());
    act(() => welcome(next, { id: 'k1', status: 'closed', lastSeq: 3, rated: false }));
    expect(await kit.ui.findAllByText(said)).toHaveLength(2);
    fireEvent.click(kit.ui.getAllByRole('button', { name: 'Yritä uudelleen' })[1]!);

    // A new request for a person, and after it both messages, in the order written, under their ids.
    const sent = next.frames().slice(1);
    expect(sent.map((f) => f.type)).toEqual(['handoff', 'msg', 'msg']);
    expect(sent[0]).toMatchObject({ reason: 'asked_for_person', steps: [] });
    expect(sent.slice(1).map((f) => [f.id, f.text])).toEqual([[one!.id, 'Vielä yksi asia:'], [two!.id, 'voiko sohvan värin vaihtaa?']]);
    expect(await kit.ui.findByText('Asiakaspalvelija liittyy keskusteluun pian')).toBeTruthy();
    expect(kit.ui.getAllByText('Lähetetään…')).toHaveLength(2);
    expect(kit.ui.queryByText(/Ei lähtenyt/)).toBeNull();
    // The closed one's end and rating are gone; the composer is back.
    expect(kit.ui.queryByText('Keskustelu päättyi')).toBeNull();
    expect(kit.ui.queryByRole('button', { name: '5 viidestä' })).toBeNull();
    expect(kit.ui.getByRole('textbox', { name: 'Viesti' })).toBeTruthy();
    act(() => {
      next.receive({ type: 'ack', id: sent[0]!.id, conversationId: 'k2', seq: 1 });
      next.receive({ type: 'ack', id: one!.id, conversationId: 'k2', seq: 2 });
      next.receive({ type: 'ack', id: two!.id, conversationId: 'k2', seq: 3 });
    });
    expect(await kit.ui.findByText('Lähetetty')).toBeTruthy();
    expect(kit.ui.getByText('Vielä yksi asia:')).toBeTruthy();
    expect(kit.ui.queryByText('Lähetetään…')).toBeNull();
  });

  it('says in English too that a retry starts a new conversation', async () => {
    const { socket } = await handedOff('en');
    const composer = await kit.ui.findByRole('textbox', { name: 'Message' });
    await type(composer, 'One more thing');
    fireEvent.keyDown(composer, { key: 'Enter' });
    const msg = socket.frames().find((f) => f.type === 'msg')!;
    act(() => socket.receive({ type: 'error', code: 'no_conversation', message: 'There is no open conversation to send to.', id: msg.id }));
    expect(await kit.ui.findByText('Not sent – The conversation had just ended. Try again to start a new one with this message.')).toBeTruthy();
  });

  it('Escape closes the panel and gives focus back to the launcher', async () => {
    const input = await openPanel();
    input.focus();
    const focus = vi.spyOn(kit.launcher, 'focus');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(kit.ui.getByRole('dialog', { hidden: true }).hidden).toBe(true);
    expect(focus).toHaveBeenCalled();
    expect(kit.launcher.getAttribute('aria-expanded')).toBe('false');
  });

  it("keeps the keys typed in it from the page's own shortcuts, and still acts on its own", async () => {
    const input = await openPanel();
    // A common site handler: '/' outside a text field focuses the site's search. Seen from the
    // page, a key typed in the widget comes from the widget's host <div>, not from a field.
    const page: string[] = [];
    const shortcut = (e: KeyboardEvent) => page.push(`${e.type} ${e.key}`);
    for (const type of ['keydown', 'keypress', 'keyup'] as const) document.addEventListener(type, shortcut);
    onTestFinished(() => {
      for (const type of ['keydown', 'keypress', 'keyup'] as const) document.removeEventListener(type, shortcut);
    });
    for (const type of ['keydown', 'keypress', 'keyup']) input.dispatchEvent(new KeyboardEvent(type, { key: '/', bubbles: true, composed: true }));
    await type(input, 'toimitus');
    const options = await kit.ui.findAllByRole('option');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(kit.ui.queryAllByRole('option')).toEqual([]);
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(kit.ui.getByRole('dialog', { hidden: true }).hidden).toBe(true);
    expect(page).toEqual([]);
    // The page's keys outside the panel, the launcher's too, are still the page's.
    fireEvent.keyDown(kit.launcher, { key: '/' });
    expect(page).toEqual(['keydown /']);
  });

  it('stores nothing until the visitor types', async () => {
    const input = await openPanel();
    await new Promise((r) => setTimeout(r, 300));
    expect(kit.save).not.toHaveBeenCalled();
    expect(sessionStorage.length).toBe(0);
    await type(input, 'toimitus');
    await waitFor(() => expect(kit.save).toHaveBeenCalled());
  });
});

describe('sending a file to the person', () => {
  const ATTACH = 'Liitä kuva tai tiedosto';
  const MB = 1024 * 1024;

  /** The visitor presses the paperclip and picks `file` in the browser's file dialog. */
  async function attach(file: File, button = ATTACH) {
    fireEvent.click(await kit.ui.findByRole('button', { name: button }));
    expect(dialog).toHaveBeenCalledOnce();
    dialog.mockClear();
    const input = (kit.launcher.getRootNode() as ShadowRoot).querySelector<HTMLInputElement>('input[type=file]')!;
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    fireEvent.change(input);
  }
  // The browser's file dialog, which a test cannot use: the click that opens it is all it sees.
  let dialog: MockInstance<() => void>;
  beforeEach(() => void (dialog = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => {})));
  afterEach(() => dialog.mockRestore());

  /** The server's answer to an upload. */
  const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  const refusal = (status: number, code: string) => answer(status, { error: { code, message: `the server's words, not shown` } });
  const requests = () => kit.fetch.mock.calls.map(([url, init]) => ({ url, method: init?.method, headers: new Headers(init?.headers), body: init?.body }));

  /** The stored event of a file the visitor sent, as the socket brings it. */
  const fileEvent = (seq: number, id: string, file: File) => ({
    ...event(seq, 'visitor', { kind: 'file', fileId: `f${seq}`, name: file.name, type: file.type, size: file.size }),
    id,
  });

  it('offers the paperclip only while a conversation with a person is on', async () => {
    await openPanel();
    expect(kit.ui.queryByRole('button', { name: ATTACH })).toBeNull();
    fireEvent.click(kit.ui.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    await kit.ui.findByRole('textbox', { name: 'Viesti' });
    // The server has not taken the handoff yet: there is no conversation to send a file to.
    expect(kit.ui.queryByRole('button', { name: ATTACH })).toBeNull();
    const socket = FakeSocket.last();
    act(() => welcome(socket));
    act(() => socket.receive({ type: 'ack', id: socket.frames()[1]!.id, conversationId: 'k1', seq: 1 }));
    expect(await kit.ui.findByRole('button', { name: ATTACH })).toBeTruthy();
    const input = (kit.launcher.getRootNode() as ShadowRoot).querySelector<HTMLInputElement>('input[type=file]')!;
    expect(input.accept).toBe('image/jpeg,image/png,image/webp,image/gif,application/pdf');
    expect(input.hidden).toBe(true);
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'system', { kind: 'closed', by: 'agent' })] }));
    await kit.ui.findByRole('button', { name: '5 viidestä' });
    expect(kit.ui.queryByRole('button', { name: ATTACH })).toBeNull();
  });

  it('posts the chosen file, shows it as sending, and once when the server has stored it', async () => {
    const { socket } = await handedOff();
    let respond = (_: Response) => {};
    kit.fetch.mockImplementationOnce(() => new Promise((resolve) => (respond = resolve)));
    const file = new File([new Uint8Array(1.2 * MB)], 'kuitti ä.pdf', { type: 'application/pdf' });
    await attach(file);

    const [sent] = requests();
    expect(requests()).toHaveLength(1);
    expect(sent!.url).toBe('http://chat.example/api/files');
    expect(sent!.method).toBe('POST');
    expect(sent!.body).toBe(file);
    expect(sent!.headers.get('Authorization')).toBe(`Bearer ${'t'.repeat(32)}`);
    expect(sent!.headers.get('X-Kohtaamo-Name')).toBe('kuitti%20%C3%A4.pdf');
    const id = sent!.headers.get('X-Kohtaamo-Id')!;
    expect(id).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(await kit.ui.findByText('kuitti ä.pdf (1,2 Mt)')).toBeTruthy();
    expect(kit.ui.getByText('Lähetetään…')).toBeTruthy();

    await act(async () => respond(answer(200, { conversationId: 'k1', seq: 2, fileId: 'f2' })));
    expect(await kit.ui.findByText('Lähetetty')).toBeTruthy();
    expect(kit.ui.queryByText('Lähetetään…')).toBeNull();
    // The event, and the same again as a reconnect replays it: one file in the transcript.
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [fileEvent(2, id, file)] }));
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [fileEvent(2, id, file)] }));
    expect(kit.ui.getAllByText('kuitti ä.pdf (1,2 Mt)')).toHaveLength(1);
    expect(kit.ui.getAllByText('Lähetetty')).toHaveLength(1);
    // Drawn, not an emoji, which is an empty box without an emoji font; the attach button's too.
    expect(kit.ui.getByText('kuitti ä.pdf (1,2 Mt)').querySelector('svg.clip')).not.toBeNull();
    expect(kit.ui.getByRole('button', { name: 'Liitä kuva tai tiedosto' }).querySelector('svg.clip')).not.toBeNull();
    expect(kit.ui.getByRole('log').textContent).not.toMatch(/\p{Extended_Pictographic}/u);
  });

  it('shows a file once when its event arrives before the answer to the upload', async () => {
    const { socket } = await handedOff();
    let respond = (_: Response) => {};
    kit.fetch.mockImplementationOnce(() => new Promise((resolve) => (respond = resolve)));
    const file = new File([new Uint8Array(300 * 1024)], 'sohva.jpg', { type: 'image/jpeg' });
    await attach(file);
    const id = requests()[0]!.headers.get('X-Kohtaamo-Id')!;
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [fileEvent(2, id, file)] }));
    expect(kit.ui.getAllByText('sohva.jpg (300 kt)')).toHaveLength(1);
    expect(kit.ui.queryByText('Lähetetään…')).toBeNull();
    await act(async () => respond(answer(200, { conversationId: 'k1', seq: 2, fileId: 'f2' })));
    expect(kit.ui.getAllByText('sohva.jpg (300 kt)')).toHaveLength(1);
  });

  it('sends a screenshot pasted into the message box, or a file dropped on the chat, as one picked', async () => {
    await handedOff();
    kit.fetch.mockResolvedValue(answer(200, { conversationId: 'k1', seq: 2, fileId: 'f2' }));
    const shot = new File(['\x89PNG'], 'image.png', { type: 'image/png' });
    const pasted = fireEvent.paste(kit.ui.getByRole('textbox', { name: 'Viesti' }), { clipboardData: { files: [shot] } });
    // Not also pasted as text into the box.
    expect(pasted).toBe(false);
    const photo = new File(['\xff\xd8\xff'], 'sohva.jpg', { type: 'image/jpeg' });
    const body = kit.ui.getByRole('log', { name: 'Keskustelu' }).closest('.body')!;
    fireEvent.dragOver(body);
    // As a browser's drop brings it (happy-dom's DataTransfer takes no files).
    const drop = createEvent.drop(body);
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [photo] } });
    fireEvent(body, drop);
    await waitFor(() => expect(requests().map((r) => r.body)).toEqual([shot, photo]));
    // Plain text pastes as text.
    expect(fireEvent.paste(kit.ui.getByRole('textbox', { name: 'Viesti' }), { clipboardData: { files: [] } })).toBe(true);
  });

  it('refuses a file over 10 MB at once, without sending a byte of it', async () => {
    await handedOff();
    await attach(new File([new Uint8Array(10 * MB + 1)], 'video.mov', { type: 'video/quicktime' }));
    expect(await kit.ui.findByText('Ei lähtenyt – Tiedosto on liian suuri: enintään 10 Mt.')).toBeTruthy();
    expect(kit.fetch).not.toHaveBeenCalled();
    // The same file would be refused again: the visitor picks another instead.
    expect(kit.ui.queryByRole('button', { name: 'Yritä uudelleen' })).toBeNull();
  });

  it('says which files can be sent when the server refuses the type, with no retry that would be refused again', async () => {
    await handedOff();
    kit.fetch.mockResolvedValueOnce(refusal(415, 'bad_file'));
    await attach(new File(['<html>'], 'kuva.jpg', { type: 'image/jpeg' }));
    expect(await kit.ui.findByText('Ei lähtenyt – Vain kuvat (JPEG, PNG, WebP, GIF) ja PDF-tiedostot käyvät.')).toBeTruthy();
    expect(kit.ui.getByText('kuva.jpg (1 kt)')).toBeTruthy();
    expect(kit.ui.queryByRole('button', { name: 'Yritä uudelleen' })).toBeNull();
  });

  it('says when the conversation holds all the files it takes, or the day\'s are sent, with no retry, and keeps neither for the next page', async () => {
    await handedOff();
    kit.fetch.mockResolvedValueOnce(refusal(413, 'conversation_full'));
    await attach(new File(['%PDF-1.7'], 'kuitti.pdf', { type: 'application/pdf' }));
    expect(await kit.ui.findByText('Ei lähtenyt – Tähän keskusteluun ei voi lähettää enempää tiedostoja. Viestejä voit silti kirjoittaa.')).toBeTruthy();
    kit.fetch.mockResolvedValueOnce(refusal(429, 'daily_quota'));
    await attach(new File(['\xff\xd8\xff'], 'sohva.jpg', { type: 'image/jpeg' }));
    expect(await kit.ui.findByText('Ei lähtenyt – Tänään ei voi lähettää enempää tiedostoja. Voit lähettää lisää huomenna.')).toBeTruthy();
    // Not "too large", nor "too many messages": and a retry that cannot succeed is not offered.
    expect(kit.ui.queryByText(/liian/)).toBeNull();
    expect(kit.ui.queryByRole('button', { name: 'Yritä uudelleen' })).toBeNull();
    await waitFor(() => expect(kit.persist.files.size).toBe(0));
  });

  it('says a file refused as one of too many at once is one of too many files, with a retry', async () => {
    await handedOff();
    kit.fetch.mockResolvedValueOnce(refusal(429, 'rate_limited'));
    await attach(new File(['%PDF-1.7'], 'kuitti.pdf', { type: 'application/pdf' }));
    expect(await kit.ui.findByText('Ei lähtenyt – Liian monta tiedostoa kerralla – odota hetki ja yritä uudelleen.')).toBeTruthy();
    kit.fetch.mockResolvedValueOnce(answer(200, { conversationId: 'k1', seq: 2, fileId: 'f2' }));
    fireEvent.click(kit.ui.getByRole('button', { name: 'Yritä uudelleen' }));
    expect(await kit.ui.findByText('Lähetetty')).toBeTruthy();
    kit.cleanup();

    await handedOff('en');
    kit.fetch.mockResolvedValueOnce(refusal(429, 'rate_limited'));
    await attach(new File(['%PDF-1.7'], 'receipt.pdf', { type: 'application/pdf' }), 'Attach a photo or file');
    expect(await kit.ui.findByText('Not sent – Too many files at once – wait a moment and try again.')).toBeTruthy();
    expect(kit.ui.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('says so in English too', async () => {
    await handedOff('en');
    kit.fetch.mockResolvedValueOnce(refusal(413, 'conversation_full')).mockResolvedValueOnce(refusal(429, 'daily_quota'));
    await attach(new File(['%PDF-1.7'], 'receipt.pdf', { type: 'application/pdf' }), 'Attach a photo or file');
    expect(await kit.ui.findByText('Not sent – No more files can be sent in this conversation. You can still write messages.')).toBeTruthy();
    await attach(new File(['%PDF-1.7'], 'invoice.pdf', { type: 'application/pdf' }), 'Attach a photo or file');
    expect(await kit.ui.findByText('Not sent – No more files can be sent today. You can send more tomorrow.')).toBeTruthy();
    expect(kit.ui.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('sends the same file again, under the same id, when the visitor retries after the network failed', async () => {
    const { socket } = await handedOff();
    // The kit's fetch fails as a network does until a test answers it.
    const file = new File(['%PDF-1.7'], 'kuitti.pdf', { type: 'application/pdf' });
    await attach(file);
    expect(await kit.ui.findByText('Ei lähtenyt')).toBeTruthy();
    kit.fetch.mockResolvedValueOnce(answer(200, { conversationId: 'k1', seq: 2, fileId: 'f2' }));
    fireEvent.click(kit.ui.getByRole('button', { name: 'Yritä uudelleen' }));
    expect(await kit.ui.findByText('Lähetetty')).toBeTruthy();
    const [first, again] = requests();
    expect(again!.body).toBe(file);
    // The same client id: had the first one been stored after all, the server stores it once.
    expect(again!.headers.get('X-Kohtaamo-Id')).toBe(first!.headers.get('X-Kohtaamo-Id'));
    expect(kit.ui.queryByText(/Ei lähtenyt/)).toBeNull();
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [fileEvent(2, again!.headers.get('X-Kohtaamo-Id')!, file)] }));
    expect(kit.ui.getAllByText('kuitti.pdf (1 kt)')).toHaveLength(1);
  });

  it('sends a file still on its way again from the next page, under the same id', async () => {
    await handedOff();
    // A slow phone connection: the page is left before the upload is answered.
    kit.fetch.mockImplementationOnce(() => new Promise(() => {}));
    const file = new File(['%PDF-1.7'], 'kuitti.pdf', { type: 'application/pdf' });
    await attach(file);
    await waitFor(() => expect(kit.persist.files.size).toBe(1));
    const id = requests()[0]!.headers.get('X-Kohtaamo-Id');
    const saved = (await kit.persist.load())!;
    kit.cleanup();

    kit = setup(saved);
    kit.fetch.mockResolvedValueOnce(answer(200, { conversationId: 'k1', seq: 2, fileId: 'f2' }));
    act(() => kit.api.command('open'));
    expect(await kit.ui.findByText('kuitti.pdf (1 kt)')).toBeTruthy();
    expect(await kit.ui.findByText('Lähetetty')).toBeTruthy();
    const [again] = requests();
    expect(requests()).toHaveLength(1);
    expect(again!.headers.get('X-Kohtaamo-Id')).toBe(id);
    expect(await (again!.body as Blob).text()).toBe('%PDF-1.7');
    // Once the server has it, it is no longer kept.
    await waitFor(() => expect(kit.persist.files.size).toBe(0));
  });

  it('says why when it can, and only that the file did not go when the network failed', async () => {
    await handedOff();
    // Sent as the agent closed the conversation: no retry, which would be refused again.
    kit.fetch.mockResolvedValueOnce(refusal(409, 'no_conversation'));
    await attach(new File(['GIF89a'], 'kuva.gif', { type: 'image/gif' }));
    expect(await kit.ui.findByText('Ei lähtenyt – Keskustelu on jo päättynyt.')).toBeTruthy();
    expect(kit.ui.queryByRole('button', { name: 'Yritä uudelleen' })).toBeNull();
    // Unanswered (the kit's fetch fails as a network does) and a reply that is not ours alike.
    await attach(new File(['%PDF-1.7'], 'lasku.pdf', { type: 'application/pdf' }));
    kit.fetch.mockResolvedValueOnce(new Response('Bad Gateway', { status: 502 }));
    await attach(new File(['%PDF-1.7'], 'tilaus.pdf', { type: 'application/pdf' }));
    await waitFor(() => expect(kit.ui.getAllByText('Ei lähtenyt')).toHaveLength(2));
    expect(kit.ui.getAllByRole('button', { name: 'Yritä uudelleen' })).toHaveLength(2);
  });

  it('speaks English to an English visitor', async () => {
    await handedOff('en');
    await attach(new File([new Uint8Array(12.3 * MB)], 'video.mp4', { type: 'video/mp4' }), 'Attach a photo or file');
    expect(await kit.ui.findByText('video.mp4 (12.3 MB)')).toBeTruthy();
    expect(kit.ui.getByText('Not sent – The file is too large: at most 10 MB.')).toBeTruthy();
  });
});

describe('a file from the agent', () => {
  const KB = 1024;
  const label = { fileId: 'f2', name: 'palautuslappu.pdf', type: 'application/pdf', size: 12 * KB } as const;
  const TOKEN = 't'.repeat(32);

  // happy-dom saves nothing: what the browser would save is the blob behind the URL the anchor is
  // given, under the anchor's download name, when it is clicked.
  let toUrl: MockInstance<(obj: Blob | MediaSource) => string>;
  let revoke: MockInstance<(url: string) => void>;
  let click: MockInstance<() => void>;
  beforeEach(() => {
    toUrl = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:http://kauppa.example/1');
    revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
  });
  afterEach(() => {
    toUrl.mockRestore();
    revoke.mockRestore();
    click.mockRestore();
  });
  /** What the visitor's browser saved: each clicked anchor's file name and what its URL held. */
  const saved = () =>
    Promise.all(
      click.mock.contexts.map(async (a) => {
        const anchor = a as HTMLAnchorElement;
        const blob = toUrl.mock.calls[toUrl.mock.results.findIndex((r) => r.value === anchor.href)]![0] as Blob;
        return { name: anchor.download, text: await blob.text() };
      }),
    );
  const pdf = (text = '%PDF-1.7 palautuslappu') => new Response(text, { status: 200, headers: { 'Content-Type': 'application/pdf' } });

  it("is a button in the agent's bubble that fetches the file with the visitor's token and saves it under its name", async () => {
    const { socket } = await handedOff();
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'agent', { kind: 'file', ...label }, 'Aino')] }));
    const button = await kit.ui.findByRole('button', { name: 'Lataa palautuslappu.pdf (12 kt)' });
    expect(button.closest('li')!.querySelector('.who')!.textContent).toBe('Aino');

    kit.fetch.mockResolvedValueOnce(pdf());
    const later = vi.spyOn(globalThis, 'setTimeout');
    onTestFinished(() => later.mockRestore());
    fireEvent.click(button);
    await waitFor(() => expect(click).toHaveBeenCalledOnce());
    const [url, init] = kit.fetch.mock.calls[0]!;
    expect(url).toBe('http://chat.example/api/files/f2');
    expect(new Headers(init?.headers).get('Authorization')).toBe(`Bearer ${TOKEN}`);
    expect(await saved()).toEqual([{ name: 'palautuslappu.pdf', text: '%PDF-1.7 palautuslappu' }]);
    // The blob is let go once the download has surely begun, not kept for the life of the page.
    expect(revoke).not.toHaveBeenCalled();
    const free = later.mock.calls.find(([, ms]) => ms === 40_000)?.[0] as (() => void) | undefined;
    free?.();
    expect(revoke).toHaveBeenCalledWith('blob:http://kauppa.example/1');
    expect(kit.ui.queryByText('Lataus epäonnistui.')).toBeNull();
  });

  it('says so when the file could not be fetched, and the button tries again', async () => {
    const { socket } = await handedOff();
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'agent', { kind: 'file', ...label }, 'Aino')] }));
    const button = await kit.ui.findByRole('button', { name: 'Lataa palautuslappu.pdf (12 kt)' });
    // The kit's fetch fails as a network does.
    fireEvent.click(button);
    expect(await kit.ui.findByText('Lataus epäonnistui.')).toBeTruthy();
    // The server's refusal is a failure too, not a file: its JSON is never saved as the PDF.
    kit.fetch.mockResolvedValueOnce(new Response(JSON.stringify({ error: { code: 'not_found', message: 'no such file' } }), { status: 404 }));
    fireEvent.click(button);
    await waitFor(() => expect(kit.fetch).toHaveBeenCalledTimes(2));
    expect(await kit.ui.findByText('Lataus epäonnistui.')).toBeTruthy();
    expect(click).not.toHaveBeenCalled();

    kit.fetch.mockResolvedValueOnce(pdf());
    fireEvent.click(kit.ui.getByRole('button', { name: 'Lataa palautuslappu.pdf (12 kt)' }));
    await waitFor(() => expect(click).toHaveBeenCalledOnce());
    expect(await saved()).toEqual([{ name: 'palautuslappu.pdf', text: '%PDF-1.7 palautuslappu' }]);
    expect(kit.ui.queryByText('Lataus epäonnistui.')).toBeNull();
  });

  it("leaves the visitor's own file as text: only the agent's is a button", async () => {
    const { socket } = await handedOff();
    act(() =>
      socket.receive({
        type: 'events',
        conversationId: 'k1',
        events: [
          event(2, 'visitor', { kind: 'file', fileId: 'f1', name: 'sohva.jpg', type: 'image/jpeg', size: 300 * KB }),
          event(3, 'agent', { kind: 'file', ...label }, 'Aino'),
        ],
      }),
    );
    await kit.ui.findByText('sohva.jpg (300 kt)');
    expect(kit.ui.getAllByRole('button', { name: /^Lataa / }).map((b) => b.textContent)).toEqual(['Lataa palautuslappu.pdf (12 kt)']);
    expect(kit.ui.queryByRole('button', { name: /sohva/ })).toBeNull();
  });

  it('speaks English to an English visitor', async () => {
    const { socket } = await handedOff('en');
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'agent', { kind: 'file', ...label, name: 'return-label.pdf' }, 'Aino')] }));
    fireEvent.click(await kit.ui.findByRole('button', { name: 'Download return-label.pdf (12 KB)' }));
    expect(await kit.ui.findByText('Download failed.')).toBeTruthy();
  });
});

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

    kit = setup(saved);
    const socket = await waitFor(() => FakeSocket.last());
    const news = await waitFor(newsRegion);
    act(() => welcome(socket, { id: 'k1', status: 'active', agent: { name: 'Aino' }, lastSeq: 3, rated: false }));
    expect(news.textContent).toBe('');
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(4, 'agent', { kind: 'text', text: 'Löysin sen' }, 'Aino')] }));
    expect(news.textContent).toBe('Uusi viesti: Aino');
  });
});

describe('leaving the page', () => {
  it('writes what the visitor sends at once, and what else waits when the page goes', async () => {
    kit = setup();
    act(() => kit.api.command('open'));
    fireEvent.click(await kit.ui.findByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    // Not batched: a link clicked the moment after finds it saved.
    expect(kit.persist.saved?.outbox.map((it) => it.frame.type)).toEqual(['handoff']);
    const socket = FakeSocket.last();
    act(() => welcome(socket));
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

    kit = setup(saved);
    const socket = await waitFor(() => FakeSocket.last());
    act(() => kit.api.command('open'));
    expect(await kit.ui.findByText('Moi, Aino täällä')).toBeTruthy();
    act(() => welcome(socket, { id: 'k1', status: 'active', agent: { name: 'Aino' }, lastSeq: 2, rated: false }));
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
    kit = setup();
    if (who) act(() => kit.api.command('identify', who));
    act(() => kit.api.command('open'));
    await type(await kit.ui.findByRole('combobox', { name: 'Kysymyksesi' }), 'laskuni 4711');
    fireEvent.click(kit.ui.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    const socket = FakeSocket.last();
    act(() => welcome(socket));
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
      const rate = socket.frames().find((f) => f.type === 'rate')!;
      act(() => socket.receive({ type: 'ack', id: rate.id, conversationId: 'k1', seq: 5 }));
      await kit.ui.findByText('Kiitos palautteesta!');
    }
    await waitFor(() => expect(kit.persist.saved?.conversation).toMatchObject({ status: 'closed', rated }));
    const saved = kit.persist.saved!;
    kit.cleanup();
    // The next page, `ago` later by the visitor's clock.
    const heard = Date.now;
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => heard() + ago);
    onTestFinished(() => clock.mockRestore());
    kit = setup(saved);
    act(() => kit.api.command('open'));
  }

  it('is shown again for its rating within an hour of its close', async () => {
    await closedAgo(50 * 60_000);
    expect(await kit.ui.findByText('Laskusi 4711 on maksettu.')).toBeTruthy();
    expect(kit.ui.getByText('Miten onnistuimme?')).toBeTruthy();
  });

  it('is shown again once rated, to be read, though the server no longer shows it, until the visitor starts anew', async () => {
    await closedAgo(50 * 60_000, true);
    // The server's welcome has no conversation for a rated one.
    const next = await waitFor(() => FakeSocket.last());
    act(() => welcome(next));
    const answer = await kit.ui.findByText('Laskusi 4711 on maksettu.');
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
    const next = await waitFor(() => FakeSocket.last());
    act(() => welcome(next));
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
    act(() => welcome(FakeSocket.last()));
    const handoff = FakeSocket.last().frames()[1] as unknown as { steps: { body: { query?: string } }[] };
    expect(handoff.steps.map((s) => s.body.query)).toEqual(['palautus']);
  });
});

describe('on a shared computer', () => {
  const MATTI = { name: 'Matti Meikäläinen', email: 'matti@example.fi' };
  const PEKKA = { name: 'Pekka Virtanen', email: 'pekka@example.fi' };
  /** Anything of Matti's: his name, his address, what he wrote, what Aino wrote him. */
  const HIS = /Matti|matti@|Mattilantie|laskusi/;

  /** Matti, logged in on the site, talks with Aino; his last message is still on its way. */
  async function mattiChats() {
    kit = setup();
    act(() => kit.api.command('identify', MATTI));
    act(() => kit.api.command('open'));
    fireEvent.click(await kit.ui.findByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    const socket = FakeSocket.last();
    act(() => welcome(socket));
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
    act(() => welcome(socket));
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
    expect(sessionStorage.getItem('kohtaamo.live')).toBe('1');
    act(() => kit.api.command('identify', null));
    // Closed, and the chat's socket with it; the next page of this tab does not bring the chat along.
    expect(kit.launcher.getAttribute('aria-expanded')).toBe('false');
    expect(socket.readyState).toBe(3);
    expect(sessionStorage.getItem('kohtaamo.live')).toBeNull();
    await waitFor(() => expect(kit.persist.saved).toMatchObject({ conversation: { id: null, events: [] }, steps: [], outbox: [] }));
    expect(kit.persist.saved?.token).toBeUndefined();
    expect(kept()).not.toMatch(HIS);
    const saved = kit.persist.saved!;
    // Pekka, on this page…
    await nextPersonAsks();
    kit.cleanup();

    // …or on the next.
    kit = setup(saved);
    await nextPersonAsks();
  });

  it("shows a customer who logs in on this browser none of the last one's chat, whenever the site says who they are", async () => {
    await mattiChats();
    const saved = kit.persist.saved!;
    kit.cleanup();

    // Matti closed the tab without logging out. Pekka logs in; the site says so as the page loads…
    kit = setup(saved);
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
    kit = setup(saved);
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
    kit = setup(saved);
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
    kit = setup(saved);
    act(() => kit.api.command('identify', MATTI));
    act(() => kit.api.command('open'));
    expect(await kit.ui.findByText('Hei Matti, laskusi on maksettu.')).toBeTruthy();
    const socket2 = await waitFor(() => FakeSocket.last());
    act(() => welcome(socket2, { id: 'k1', status: 'active', agent: { name: 'Aino' }, lastSeq: 3, rated: false }));
    expect(socket2.frames()[0]).toMatchObject({ type: 'hello', token: 't'.repeat(32), conversationId: 'k1' });
    expect(socket2.frames().filter((f) => f.type === 'msg')).toMatchObject([{ text: 'Osoitteeni on Mattilantie 1' }]);
  });

  it('keeps the chat of a customer the site names on one page and gives the email of on the next', async () => {
    kit = setup();
    act(() => kit.api.command('identify', { name: 'Matti Meikäläinen' }));
    act(() => kit.api.command('open'));
    fireEvent.click(await kit.ui.findByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    const socket = FakeSocket.last();
    act(() => welcome(socket));
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
    kit = setup(saved);
    act(() => kit.api.command('identify', { name: 'Matti Meikäläinen' }));
    act(() => kit.api.command('open'));
    expect(await kit.ui.findByText('Hei Matti, laskusi on maksettu.')).toBeTruthy();
  });
});
