// @vitest-environment-options {"url": "https://www.kauppa.example/tuotteet"}
// The widget in a chat with a person: the handoff and the chat to the rating, what the queue and
// the opening hours say, an agent passing it on, and messages that fail and their retry.
import { act, fireEvent, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { FakeSocket } from './net/fake-socket';
import { event, welcome } from './test-kit';
import { handedOff, kit, openPanel, start, type } from './main-test-kit';

afterEach(() => kit.cleanup());

describe('the widget in a chat with a person', () => {
  it('keeps a message half written through the next page, for its conversation only, and lets it go as the site logs the visitor out', async () => {
    await handedOff();
    await type(await kit.ui.findByRole('textbox', { name: 'Viesti' }), 'lisäksi haluaisin tietää toimitusajan Ouluun');
    await waitFor(() => expect(kit.persist.saved?.conversation.id).toBe('k1'));
    const saved = kit.persist.saved!;
    // The next page of the site, in the same tab.
    const tab = { ...sessionStorage };
    kit.cleanup();
    start(saved);
    Object.assign(sessionStorage, tab);
    act(() => kit.api.command('open'));
    const composer = await kit.ui.findByRole('textbox', { name: 'Viesti' });
    await waitFor(() => expect((composer as HTMLTextAreaElement).value).toBe('lisäksi haluaisin tietää toimitusajan Ouluun'));

    // Another conversation does not get it.
    kit.cleanup();
    start({ ...saved, conversation: { ...saved.conversation, id: 'k2' } });
    Object.assign(sessionStorage, tab);
    act(() => kit.api.command('open'));
    await waitFor(() => expect(kit.persist.saved ?? saved).toBeTruthy());
    expect(((await kit.ui.findByRole('textbox', { name: 'Viesti' })) as HTMLTextAreaElement).value).toBe('');

    // The site's logout of the customer it had named: nothing of it stays in the tab.
    kit.cleanup();
    start({ ...saved, who: 'matti@example.fi' });
    Object.assign(sessionStorage, tab);
    act(() => kit.api.command('open'));
    const his = await kit.ui.findByRole('textbox', { name: 'Viesti' });
    await waitFor(() => expect((his as HTMLTextAreaElement).value).not.toBe(''));
    act(() => kit.api.command('identify', null));
    await waitFor(() => expect(sessionStorage.getItem('kohtaamo.draft')).toBeNull());

    // The site's logout page, which says so as it loads, before the widget has read what was kept.
    kit.cleanup();
    start({ ...saved, who: 'matti@example.fi' });
    Object.assign(sessionStorage, tab);
    act(() => kit.api.command('identify', null));
    await waitFor(() => expect(sessionStorage.getItem('kohtaamo.draft')).toBeNull());
  });

  it('keeps a message written before the server took the handoff for the conversation that handoff opens', async () => {
    start();
    act(() => kit.api.command('open'));
    fireEvent.click(await kit.ui.findByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    const socket = FakeSocket.last();
    await act(() => welcome(socket));
    await type(await kit.ui.findByRole('textbox', { name: 'Viesti' }), 'Tilaus 7788: sohvan jalka puuttuu');
    // The next page, before the handoff's ack came; the server took it meanwhile.
    const tab = { ...sessionStorage };
    await waitFor(() => expect(kit.persist.saved?.outbox.length).toBeGreaterThan(0));
    const saved = kit.persist.saved!;
    kit.cleanup();
    start({ ...saved, conversation: { ...saved.conversation, id: 'k1' } });
    Object.assign(sessionStorage, tab);
    act(() => kit.api.command('open'));
    const composer = (await kit.ui.findByRole('textbox', { name: 'Viesti' })) as HTMLTextAreaElement;
    await waitFor(() => expect(composer.value).toBe('Tilaus 7788: sohvan jalka puuttuu'));
    // It is that conversation's now: a later one in the tab does not get it.
    expect(JSON.parse(sessionStorage.getItem('kohtaamo.draft')!)).toEqual(['k1', 'Tilaus 7788: sohvan jalka puuttuu']);
  });

  it('"Ei" hands off with the bot steps, and the chat with the agent runs to the rating', async () => {
    const input = await openPanel();
    await type(input, 'toimitus');
    (await kit.ui.findAllByRole('option'))[0]!.click();
    fireEvent.click(await kit.ui.findByRole('button', { name: 'Ei' }));
    expect(await kit.ui.findByText('Asiakaspalvelija liittyy keskusteluun pian')).toBeTruthy();

    const socket = FakeSocket.last();
    expect(socket.url).toBe('ws://chat.example/ws/visitor');
    await act(() => welcome(socket));
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
    // Closed, nothing more can come: the socket and its heartbeat went. The rating opens one for itself.
    expect(socket.readyState).toBe(3);
    fireEvent.click(kit.ui.getByRole('button', { name: 'Lähetä arvio' }));
    const rating = FakeSocket.last();
    expect(rating).not.toBe(socket);
    await act(() => welcome(rating, { id: 'k1', status: 'closed', lastSeq: 9, rated: false }));
    const rate = rating.frames().find((f) => f.type === 'rate')!;
    expect(rate).toMatchObject({ score: 5, comment: 'Kiitos!' });
    act(() => rating.receive({ type: 'ack', id: rate.id, conversationId: 'k1', seq: 9 }));
    expect(await kit.ui.findByText('Kiitos palautteesta!')).toBeTruthy();
    expect(rating.readyState).toBe(3);
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
    act(() => socket.receive({ type: 'welcome', visitorId: 'v1', token: 't'.repeat(32), conversation: { id: 'k1', status: 'queued', lastSeq: 1, rated: false }, heartbeatMs: 0, staffed: false, emailsReplies: true, siteMail: 'noreply@kauppa.example' }));
    expect(await kit.ui.findByText(/kun joku palaa\. Jos haluat vastauksen myös sähköpostiisi, kirjoita osoitteesi viestiin\.$/)).toBeTruthy();
    // The shop's own addresses, said in passing, are not where to reach them (the server skips
    // them too): its From, and any at the domain of the page (www.kauppa.example, this test's).
    expect(location.hostname).toBe('www.kauppa.example');
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'visitor', { kind: 'text', text: 'Lähetin jo eilen viestin osoitteeseen tuki@kauppa.example, vastaus tuli noreply@kauppa.example' })] }));
    expect(await kit.ui.findByText(/kun joku palaa\. Jos haluat vastauksen myös sähköpostiisi, kirjoita osoitteesi viestiin\.$/)).toBeTruthy();
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(3, 'visitor', { kind: 'text', text: 'Vastatkaa osoitteeseen matti@example.fi, kiitos' })] }));
    expect(await kit.ui.findByText(/kun joku palaa\. Jos olet silloin jo poistunut, lähetämme vastauksen myös osoitteeseen matti@example\.fi\.$/)).toBeTruthy();
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(4, 'visitor', { kind: 'text', text: 'Eli en osoitteeseen myynti@shop.kauppa.example' })] }));
    expect(await kit.ui.findByText(/lähetämme vastauksen myös osoitteeseen matti@example\.fi\.$/)).toBeTruthy();
  });

  it('tells a logged-in visitor waiting at night that the answer goes to the address the site gave, as the server will send it', async () => {
    const { socket } = await handedOff();
    act(() => kit.api.command('identify', { name: 'Matti', email: 'matti@example.fi' }));
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(1, 'system', { kind: 'handoff', reason: 'asked_for_person', lang: 'fi' })] }));
    act(() => socket.receive({ type: 'welcome', visitorId: 'v1', token: 't'.repeat(32), conversation: { id: 'k1', status: 'queued', lastSeq: 1, rated: false }, heartbeatMs: 0, staffed: false, emailsReplies: true }));
    expect(await kit.ui.findByText(/kun joku palaa\. Jos olet silloin jo poistunut, lähetämme vastauksen myös osoitteeseen matti@example\.fi\.$/)).toBeTruthy();
    // An address they write goes first, at the server as here.
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(2, 'visitor', { kind: 'text', text: 'Mieluummin osoitteeseen matti.koti@example.fi' })] }));
    expect(await kit.ui.findByText(/lähetämme vastauksen myös osoitteeseen matti\.koti@example\.fi\.$/)).toBeTruthy();
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
    expect(localStorage.getItem('kohtaamo.live')).toBe('1');
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
    expect(localStorage.getItem('kohtaamo.live')).toBe('1');
    act(() => socket.receive({ type: 'events', conversationId: 'k1', events: [event(9, 'system', { kind: 'closed', by: 'agent' })] }));
    // Once what is kept says so (model/storage.ts).
    await waitFor(() => expect(localStorage.getItem('kohtaamo.live')).toBeNull());
  });

  it('shows a failed message with a retry that sends the same message again', async () => {
    await openPanel();
    fireEvent.click(kit.ui.getByRole('button', { name: 'Puhu asiakaspalvelijan kanssa' }));
    const socket = FakeSocket.last();
    await act(() => welcome(socket));
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
      await act(() => welcome(socket, { id: 'k1', status: 'queued', lastSeq: 1, rated: false }));
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
    start(saved);
    act(() => kit.api.command('open'));
    expect(await kit.ui.findAllByText(said)).toHaveLength(2);
    // Closed, it opens no socket until the visitor sends something.
    expect(FakeSocket.all).toEqual([]);
    fireEvent.click(kit.ui.getAllByRole('button', { name: 'Yritä uudelleen' })[1]!);
    const next = FakeSocket.last();
    await act(() => welcome(next));

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
});
