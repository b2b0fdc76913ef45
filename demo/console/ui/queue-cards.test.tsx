// The queue column with a busy day in it: each card a few lines, however much a visitor asked
// the bot or however long their page's address, and the agent's own conversations on top.
import { act, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderConsole, stopConsoles } from '../test-render';
import { botPart, ME, summary, textEvent } from '../test-support';

afterEach(stopConsoles);

const questions = Array.from({ length: 30 }, (_, i) => `Kysymys ${i + 1}`);
const answers = Array.from({ length: 5 }, (_, i) => ({ faqId: 'delivery-fi', question: `Vastaus ${i + 1}` }));
const longPage = { url: `https://kauppa.example/tuotteet/${'sohva-'.repeat(48)}`, title: 'Sohvat, nojatuolit ja rahit: koko valikoima '.repeat(4).trim() };

const card = (title: string) => {
  const item = screen.getAllByRole('button', { name: new RegExp(title) })[0]?.closest('li.queue-item');
  if (!(item instanceof HTMLElement)) throw new Error(`no card ${title}`);
  return item;
};

describe('a queue card', () => {
  it('lists the newest two other questions and answers and counts the rest; the page by its title, without the address', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ questions, botAnswers: answers, page: longPage })] });
    const item = card('Kysymys 1');
    expect([...item.querySelectorAll('.questions li')].map((li) => li.textContent)).toEqual(['“Kysymys 29”', '“Kysymys 30”', '+27 more']);
    expect([...item.querySelectorAll('.bot-answers li')].map((li) => li.textContent?.replace(/ .*$/, ''))).toEqual(['Vastaus', 'Vastaus', '+3']);
    expect(within(item).getByText('+3 more')).toBeTruthy();
    expect(within(item).getByRole('link', { name: longPage.title }).getAttribute('href')).toBe(longPage.url);
    expect(item.textContent).not.toContain(longPage.url);

    // The summary pane has them all, and the address.
    fireEvent.click(screen.getByRole('button', { name: /Kysymys 1/ }));
    const pane = screen.getByRole('region', { name: 'Handoff summary' });
    expect(within(pane).getAllByText(/^“Kysymys \d+”$/)).toHaveLength(30);
    expect(within(pane).getByText(longPage.url)).toBeTruthy();
  });

  it("is titled with the visitor's first message where they asked the bot nothing, never with an agent's reply", () => {
    // Titled with the newest text of anyone, the card of a visitor returned to the queue showed the
    // previous agent's words, and the next agent could not see what the visitor wanted.
    const c = renderConsole();
    c.connect();
    const words = 'My sofa delivery, order 9911, did not come today';
    const reply = 'let me check with the carrier';
    c.receive({ type: 'queue', conversations: [summary({ questions: [], lang: 'en', firstText: words, lastText: reply, returned: true })] });
    const title = card(words).querySelector('.queue-title');
    expect(title?.textContent).toBe(words);
    expect(title?.querySelector('[lang]')?.getAttribute('lang')).toBe('en');
    expect(card(words).textContent).not.toContain(reply);
    // What they asked the bot comes first; with neither, the console says so.
    c.receive({
      type: 'queue',
      conversations: [
        summary({ id: 'q1', questions: ['Missä paketti?'], firstText: words }),
        summary({ id: 'n1', visitorId: 'v2', questions: [], lastText: reply }),
      ],
    });
    expect(card('Missä paketti').querySelector('.queue-title')?.textContent).toBe('Missä paketti?');
    expect(card('No question asked').textContent).not.toContain(reply);
  });

  it('counts what the server left out of a card too', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ brief: true, questions: ['Kysymys 1', 'Kysymys 29', 'Kysymys 30'], moreQuestions: 27, botAnswers: answers.slice(2), moreBotAnswers: 2 })] });
    const item = card('Kysymys 1');
    expect([...item.querySelectorAll('.questions li')].map((li) => li.textContent)).toEqual(['“Kysymys 29”', '“Kysymys 30”', '+27 more']);
    expect(within(item).getByText('+3 more')).toBeTruthy();
  });
});

describe('what the visitor wrote since', () => {
  it("shows on a waiting card the visitor's newest message after the bot question, as text", () => {
    const c = renderConsole();
    c.connect();
    const latest = 'Lisäksi väärä väri <b>ja</b> koko';
    c.receive({ type: 'queue', conversations: [summary({ questions: ['mikä on palautusaika'], firstText: 'Tilaus 4411 tuli rikki', lastText: latest })] });
    const line = card('mikä on palautusaika').querySelector('.queue-last');
    expect(line?.textContent).toBe(`Latest: “${latest}”`);
    expect(line?.querySelector('b')).toBeNull();
    expect(line?.querySelector('[lang]')?.getAttribute('lang')).toBe('fi');
    // Part of what the card's button says, after the title it is named with.
    expect(screen.getByRole('button', { name: /^mikä on palautusaika Latest: “Lisäksi väärä väri/ })).toBeTruthy();
  });

  it('says nothing more when the newest is what the card is titled with, or may be an agent\'s words', () => {
    const c = renderConsole();
    c.connect();
    c.receive({
      type: 'queue',
      conversations: [
        summary({ id: 'one', questions: [], firstText: 'Sohva ei tullut', lastText: 'Sohva ei tullut' }),
        // Back in the queue: the newest text may be the previous agent's reply.
        summary({ id: 'back', visitorId: 'v2', questions: ['Lahjakortti?'], firstText: 'Hei', lastText: 'Tarkistan asian', returned: true }),
      ],
    });
    expect(card('Sohva ei tullut').querySelector('.queue-last')).toBeNull();
    expect(card('Lahjakortti').querySelector('.queue-last')).toBeNull();
  });

  it("marks the agent's own conversations whose last word is the visitor's, with what they wrote", () => {
    const c = renderConsole();
    c.connect();
    const mine = [summary({ status: 'active', agent: ME }), summary({ id: 'k2', visitorId: 'v2', status: 'active', agent: ME, questions: ['Lahjakortti?'] })];
    c.receive({ type: 'queue', conversations: mine });
    c.receive({ type: 'events', conversationId: 'k1', events: [...botPart(), textEvent(5, 'visitor', 'Tilaus tuli rikki'), textEvent(6, 'agent', 'Lähetätkö kuvan?'), textEvent(7, 'visitor', 'Tässä kuva')] });
    c.receive({ type: 'events', conversationId: 'k2', events: [textEvent(5, 'visitor', 'Onko voimassa?'), textEvent(6, 'agent', 'On, vuoden.')] });
    expect(card('Missä tilaukseni on').querySelector('.queue-last')?.textContent).toBe('Awaits your reply · “Tässä kuva”');
    expect(card('Lahjakortti').querySelector('.queue-last')?.textContent).toBe('Latest: “Onko voimassa?”');
    expect(card('Lahjakortti').textContent).not.toContain('Awaits');
    // Answered: the mark goes.
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(8, 'agent', 'Kiitos, hyvitän.')] });
    expect(card('Missä tilaukseni on').textContent).not.toContain('Awaits');
  });
});

describe('the queue column', () => {
  it('counts every waiting visitor in its heading when the server lists only the first of a long queue', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ id: 'w1', questions: ['Odottaa 1'] }), summary({ id: 'w2', visitorId: 'v2', questions: ['Odottaa 2'] })], waiting: 150 });
    expect(document.getElementById('queue-waiting')?.textContent).toBe('Waiting 150');
    expect(screen.getByText('The first 2 are listed, in the order they are taken.')).toBeTruthy();
  });

  it("shows the agent's own conversations above the waiting ones, and Alt+↓ goes down it in that order", () => {
    const c = renderConsole();
    c.connect();
    c.receive({
      type: 'queue',
      conversations: [
        summary({ id: 'w1', questions: ['Odottaa 1'] }),
        summary({ id: 'w2', visitorId: 'v2', questions: ['Odottaa 2'], createdAt: summary().createdAt + 1 }),
        summary({ id: 'm1', visitorId: 'v3', status: 'active', agent: ME, questions: ['Oma'] }),
        summary({ id: 'o1', visitorId: 'v4', status: 'active', agent: { id: 'eero', name: 'Eero' }, questions: ['Eeron'] }),
      ],
    });
    const lists = screen.getAllByRole('list').map((l) => l.getAttribute('aria-labelledby'));
    expect(lists.filter((id) => id?.startsWith('queue-'))).toEqual(['queue-mine', 'queue-waiting', 'queue-others']);
    const opened: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      fireEvent.keyDown(document.body, { key: 'ArrowDown', altKey: true });
      opened.push(c.model.selectedId.value);
    }
    expect(opened).toEqual(['m1', 'w1', 'w2', 'o1']);
  });
});

describe('a waiting visitor who left the site', () => {
  const now = Date.now();
  const queue = (...conversations: ReturnType<typeof summary>[]) => ({ type: 'queue' as const, conversations });
  // The first to ask closed the tab 3 minutes ago; the second is still on the site.
  const gone = summary({ id: 'w1', questions: ['Lähti jo'], createdAt: now - 5 * 60_000, queuedAt: now - 5 * 60_000, visitorLeft: now - 3 * 60_000 });
  const here = summary({ id: 'w2', visitorId: 'v2', questions: ['Vielä täällä'], createdAt: now - 60_000, queuedAt: now - 60_000 });

  it('is shown on their card, and Take the next visitor takes the longest waiting of those still there', () => {
    const c = renderConsole();
    c.connect();
    c.receive(queue(gone, here));
    expect(card('Lähti jo').querySelector('.queue-meta')?.textContent).toBe('Anonymous visitor · waiting 5 min · visitor left 3 min ago');
    expect(card('Vielä täällä').querySelector('.queue-meta')?.textContent).toBe('Anonymous visitor · waiting 1 min');
    fireEvent.click(screen.getByRole('button', { name: 'Take the next visitor' }));
    expect(c.last().sentOf('claim')).toMatchObject([{ conversationId: 'w2' }]);
    expect(c.model.selectedId.value).toBe('w2');
  });

  it('is not taken when only visitors who left wait: the button gives way to why', () => {
    const c = renderConsole();
    c.connect();
    c.receive(queue(gone));
    expect(screen.queryByRole('button', { name: 'Take the next visitor' })).toBeNull();
    expect(screen.getByText('Everyone waiting has left the site.')).toBeTruthy();
    // Back on the site: theirs is the next again.
    const { visitorLeft: _, ...back } = gone;
    c.receive(queue(back));
    fireEvent.click(screen.getByRole('button', { name: 'Take the next visitor' }));
    expect(c.last().sentOf('claim')).toMatchObject([{ conversationId: 'w1' }]);
  });
});

describe("an agent whose computer's clock is wrong", () => {
  afterEach(() => vi.useRealTimers());
  // The server's time: the visitor asked a minute ago, and closed the tab as soon as they had.
  const server = Date.UTC(2026, 10, 24, 12, 0);
  const asked = summary({ createdAt: server - 65_000, queuedAt: server - 65_000, visitorLeft: server - 61_000 });

  for (const [clock, skew] of [['3 h fast', 3 * 3_600_000], ['30 min slow', -30 * 60_000]] as const) {
    it(`reads how long a visitor has waited, and since they left, by the server's clock: ${clock}`, () => {
      vi.useFakeTimers({ toFake: ['Date'], now: server + skew });
      const c = renderConsole();
      act(() => {
        c.last().open();
        c.last().receive({ type: 'welcome', agent: ME, heartbeatMs: 30_000, emailsReplies: false, now: server });
      });
      c.receive({ type: 'queue', conversations: [asked] });
      expect(card('Missä tilaukseni on').querySelector('.queue-meta')?.textContent).toBe('Anonymous visitor · waiting 1 min · visitor left 1 min ago');
      fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
      c.receive({ type: 'visitor', conversationId: 'k1', online: false, since: server - 61_000 });
      expect(screen.getByRole('main', { name: 'Anonymous visitor' }).querySelector('header')?.textContent).toContain('visitor left 1 min ago');
    });
  }

  it("dates a message and a file on their way by the server's clock, as they will be once stored: 3 h fast", async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: server + 3 * 3_600_000 });
    const c = renderConsole({ fetch: () => new Promise<Response>(() => {}) });
    act(() => {
      c.last().open();
      c.last().receive({ type: 'welcome', agent: ME, heartbeatMs: 30_000, emailsReplies: false, now: server });
    });
    c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME })] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.input(box, { target: { value: 'Katson heti.' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    c.model.sendFile('k1', new File(['x'], 'kuitti.pdf', { type: 'application/pdf' }));
    const log = screen.getByRole('log', { name: 'Transcript' });
    const timeOf = (text: string | RegExp) => within(log).getByText(text).closest('li')?.querySelector('time')?.textContent;
    await act(async () => {});
    expect([timeOf('Katson heti.'), timeOf(/kuitti\.pdf/)]).toEqual(['12:00', '12:00']);
  });

  it('goes by its own clock with a server that does not say its time', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: server });
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [asked] });
    expect(card('Missä tilaukseni on').querySelector('.queue-meta')?.textContent).toBe('Anonymous visitor · waiting 1 min · visitor left 1 min ago');
  });
});
