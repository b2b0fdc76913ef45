import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderConsole, stopConsoles } from '../test-render';
import type { ConversationEvent, ConversationSummary } from '../../../protocol/events';
import { botPart, EVENTS_DAY, ME, summary, textEvent } from '../test-support';

afterEach(stopConsoles);

// The transcript's times read as the events' own day's (test-support.ts): plain "20:12".
beforeEach(() => vi.setSystemTime(EVENTS_DAY));
afterEach(() => vi.useRealTimers());

const queueItem = (text: string) => {
  const list = screen.getByRole('list', { name: /Waiting/ });
  const item = within(list).getAllByText(text)[0]?.closest('li.queue-item');
  if (!(item instanceof HTMLElement)) throw new Error(`no queue item with ${text}`);
  return item;
};

/** The FAQ match's listed options, as shown. */
const options = () => within(screen.getByRole('listbox')).getAllByRole('option').map((o) => o.textContent);

function claimed(overrides = {}) {
  return summary({ status: 'active', agent: ME, ...overrides });
}

/** A connected console with this queue, showing the conversation "Missä tilaukseni on?" (k1). */
function openedOn(...conversations: ConversationSummary[]) {
  return openedWith({}, ...conversations);
}

/** The same, on a server that says in its welcome whether it emails replies a visitor missed. */
function openedWith(welcome: { emailsReplies?: boolean; siteMail?: string }, ...conversations: ConversationSummary[]) {
  const c = renderConsole();
  c.connect(undefined, welcome);
  c.receive({ type: 'queue', conversations });
  fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
  return c;
}

describe('the queue', () => {
  it('shows each waiting conversation with its handoff summary, oldest first', () => {
    const c = renderConsole();
    c.connect();
    c.receive({
      type: 'queue',
      conversations: [
        summary({ id: 'k2', createdAt: Date.UTC(2026, 10, 23, 20, 5), questions: ['Voinko palauttaa?'], visitor: { name: 'Matti' } }),
        summary({ previousConversations: 2 }),
      ],
    });
    const items = within(screen.getByRole('list', { name: /Waiting/ })).getAllByRole('listitem').filter((li) => li.classList.contains('queue-item'));
    expect(items.map((li) => within(li).getAllByRole('button')[0]?.textContent)).toEqual([
      expect.stringContaining('Missä tilaukseni on?'),
      expect.stringContaining('Voinko palauttaa?'),
    ]);
    const first = queueItem('Missä tilaukseni on?');
    expect(within(first).getByText('Kauanko toimitus kestää?')).toBeTruthy();
    // A thumb drawn pointing down (an emoji would be an empty box without an emoji font).
    const verdict = within(first).getByText(/not helpful/);
    expect(verdict.querySelector('svg path')?.getAttribute('transform')).toBe('rotate(180 12 12)');
    expect(verdict.textContent).not.toMatch(/\p{Extended_Pictographic}/u);
    expect(within(first).getByRole('link', { name: 'Tilaukset' }).getAttribute('href')).toBe('https://kauppa.example/tilaukset');
    // The title says which page; the address is in the summary pane, not on every card.
    expect(within(first).queryByText('https://kauppa.example/tilaukset')).toBeNull();
    expect(within(first).getByText('Finnish')).toBeTruthy();
    expect(within(first).getByText('2 earlier conversations')).toBeTruthy();
    expect(within(queueItem('Voinko palauttaa?')).getByText(/Matti/)).toBeTruthy();
  });
});

describe('a waiting entry', () => {
  it('counts the wait from when it entered the queue, and says a returned one is back', () => {
    const c = renderConsole();
    c.connect();
    const now = Date.now();
    c.receive({
      type: 'queue',
      conversations: [
        // Handed off an hour ago, served, then put back three minutes ago.
        summary({ createdAt: now - 60 * 60_000, queuedAt: now - 3.5 * 60_000, returned: true, visitor: { name: 'Matti' } }),
        summary({ id: 'k2', visitorId: 'v2', createdAt: now - 5.5 * 60_000, queuedAt: now - 5.5 * 60_000, visitor: { name: 'Liisa' }, questions: ['Lahjakortti?'] }),
      ],
    });
    expect(queueItem('Missä tilaukseni on?').querySelector('.queue-meta')?.textContent).toBe('Matti · back in the queue · waiting 3 min');
    expect(queueItem('Lahjakortti?').querySelector('.queue-meta')?.textContent).toBe('Liisa · waiting 5 min');
  });
});

/** Close conversation pressed, and the server's answer: the ack, the closed event, a queue without it. */
function closeByButton(c: ReturnType<typeof openedOn>) {
  fireEvent.click(screen.getByRole('button', { name: 'Close conversation' }));
  const close = c.last().sentOf('close')[0];
  expect(close).toMatchObject({ type: 'close', conversationId: 'k1' });
  c.receive(
    { type: 'ack', id: String(close?.id), conversationId: 'k1', seq: 5 },
    { type: 'events', conversationId: 'k1', events: [{ seq: 5, id: 'x', at: 0, role: 'system', body: { kind: 'closed', by: 'agent' } }] },
    { type: 'queue', conversations: [] },
  );
}

describe('a conversation', () => {
  it('opens from the start, then shows the bot part and the chat in seq order', async () => {
    const c = openedOn(summary());
    expect(c.last().sentOf('open')).toEqual([{ type: 'open', conversationId: 'k1', afterSeq: 0 }]);
    expect(c.last().sentOf('history')).toEqual([{ type: 'history', visitorId: 'v1' }]);

    const [q, a, fb, handoff] = botPart();
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'visitor', 'Haloo?'), handoff!, q!, a!] });
    c.receive({ type: 'events', conversationId: 'k1', events: [fb!, a!] });
    const log = screen.getByRole('log', { name: 'Transcript' });
    const lines = within(log).getAllByRole('listitem').filter((li) => li.classList.contains('event'));
    expect(lines.map((li) => li.className)).toEqual([
      'event bot-step query',
      'event bot-step answer',
      'event system',
      'event system handoff',
      'event text visitor',
    ]);
    expect(lines[0]?.textContent).toContain('“Missä tilaukseni on?”');
    expect(lines[0]?.textContent).toContain('Bot answered');
    expect(lines[0]?.textContent).toContain('82 %');
    expect(lines[2]?.textContent).toContain('The visitor said the answer did not help');
    expect(lines[2]?.querySelector('svg path')?.getAttribute('transform')).toBe('rotate(180 12 12)');
    expect(lines[3]?.textContent).toContain('FAQ answer did not help');
    // The FAQ answer's Markdown, rendered as elements, once /api/faq has answered.
    await waitFor(() => expect(within(lines[1]!).getByText('2–4 arkipäivää').tagName).toBe('STRONG'));
  });

  it('shows a bot step an older server stored with a time past what a Date holds, and the rest of the conversation', () => {
    const c = openedOn(summary());
    c.receive({ type: 'events', conversationId: 'k1', events: [
      { seq: 1, id: 'h1.0', at: 8.64e15 + 1, role: 'visitor', body: { kind: 'bot.query', query: 'Missä paketti?', decision: 'none', results: [] } },
      textEvent(2, 'visitor', 'Haloo?'),
    ] });
    const log = screen.getByRole('log', { name: 'Transcript' });
    expect(within(log).getByText(/Missä paketti\?/)).toBeTruthy();
    expect(within(log).getByText('Haloo?')).toBeTruthy();
  });

  it('says whether the visitor is still on the site, so the agent knows if a reply is read now', () => {
    const c = openedOn(claimed());
    const head = () => screen.getByRole('main', { name: 'Anonymous visitor' }).querySelector('header')?.textContent ?? '';
    expect(head()).not.toMatch(/visitor (here|left)/);
    c.receive({ type: 'visitor', conversationId: 'k1', online: true, since: Date.now() });
    expect(head()).toContain('visitor here');
    c.receive({ type: 'visitor', conversationId: 'k1', online: false, since: Date.now() - 4 * 60_000 - 5_000 });
    expect(head()).toContain('visitor left 4 min ago');
    c.receive({ type: 'summary', conversation: claimed({ status: 'closed' }) });
    expect(head()).not.toContain('visitor left');
  });

  it('dates the times of a conversation from another day, so that a visitor queued days ago does not read as a minute ago', () => {
    // Three days after the events (23 Nov, a Monday), and the day after one more.
    vi.setSystemTime(Date.UTC(2026, 10, 26, 9, 0));
    const c = openedOn(claimed());
    const seen: ConversationEvent = { seq: 8, id: 'seen.6', at: Date.UTC(2026, 10, 25, 8, 3), role: 'system', body: { kind: 'seen', through: 6 } };
    c.receive({ type: 'events', conversationId: 'k1', events: [...botPart(), textEvent(6, 'agent', 'Hei! Katsotaan.'), seen] });
    const log = screen.getByRole('log', { name: 'Transcript' });
    const line = (text: string | RegExp) => within(log).getAllByText(text)[0]!.closest('li')!.textContent;
    expect(line(/asked the bot/)).toContain('asked the bot Mon 23 Nov 20:00');
    expect(line('Handed off to a person')).toContain('Mon 23 Nov 20:00');
    expect(line('Hei! Katsotaan.')).toContain(`${ME.name} Mon 23 Nov 20:06`);
    expect(line('Hei! Katsotaan.')).toContain('Seen by the visitor yesterday 08:03');
    // Today's own are plain.
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(9, 'visitor', 'Kiitos!'), { ...textEvent(10, 'visitor', 'Hei taas'), at: Date.UTC(2026, 10, 26, 8, 55) }] });
    expect(line('Hei taas')).toMatch(/ 08:55Hei taas$/);
  });

  it('says under the last reply the visitor has seen when they saw it, until they answer', () => {
    const c = openedOn(claimed());
    const seen = (seq: number, through: number, minute: number): ConversationEvent => ({ seq, id: `seen.${through}`, at: Date.UTC(2026, 10, 23, 20, minute), role: 'system', body: { kind: 'seen', through } });
    c.receive({ type: 'events', conversationId: 'k1', events: [...botPart(), textEvent(6, 'agent', 'Hei! Katsotaan.'), textEvent(7, 'agent', 'Lähti tänään.')] });
    const log = screen.getByRole('log', { name: 'Transcript' });
    const bubble = (text: string) => within(log).getByText(text).closest('li')!;
    expect(within(log).queryByText(/Seen by the visitor/)).toBeNull();
    c.receive({ type: 'events', conversationId: 'k1', events: [seen(8, 6, 12)] });
    expect(bubble('Hei! Katsotaan.').textContent).toContain('Seen by the visitor 20:12');
    c.receive({ type: 'events', conversationId: 'k1', events: [seen(9, 7, 14)] });
    expect(bubble('Lähti tänään.').textContent).toContain('Seen by the visitor 20:14');
    expect(within(log).getAllByText(/Seen by the visitor/)).toHaveLength(1);
    // Their answer says it better.
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(10, 'visitor', 'Kiitos!')] });
    expect(within(log).queryByText(/Seen by the visitor/)).toBeNull();
  });

  it('scrolls the conversation column to its very bottom for each new message, so the composer covers none of it', () => {
    const c = openedOn(claimed());
    const column = screen.getByRole('log', { name: 'Transcript' }).closest('main')!;
    // happy-dom lays nothing out: the column says how tall its content is, as a browser would.
    let height = 2000;
    Object.defineProperty(column, 'scrollHeight', { configurable: true, get: () => height });
    c.receive({ type: 'events', conversationId: 'k1', events: [...botPart(), textEvent(6, 'visitor', 'Tilaus 123')] });
    expect(column.scrollTop).toBe(2000);
    height = 2300;
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(7, 'agent', 'Katson.')] });
    expect(column.scrollTop).toBe(2300);
  });

  it("tells the visitor their newest message was read, in the agent's own conversation on screen only, once each", () => {
    const c = openedOn(claimed());
    const reads = () => c.last().sent.filter((f) => f.type === 'read');
    c.receive({ type: 'events', conversationId: 'k1', events: [...botPart(), textEvent(6, 'visitor', 'Tilaus 123'), textEvent(7, 'agent', 'Katson.')] });
    expect(reads()).toEqual([{ type: 'read', conversationId: 'k1', seq: 6 }]);
    // In another tab the agent reads nothing; back, they do.
    act(() => c.setVisible(false));
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(8, 'visitor', 'Kiitos')] });
    expect(reads()).toHaveLength(1);
    act(() => c.setVisible(true));
    expect(reads()).toEqual([{ type: 'read', conversationId: 'k1', seq: 6 }, { type: 'read', conversationId: 'k1', seq: 8 }]);
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(9, 'agent', 'Ole hyvä.')] });
    expect(reads()).toHaveLength(2);
  });

  it('reads nothing while the Report is in the conversation\'s place: the message is new until the agent is back', () => {
    const c = openedOn(claimed());
    c.receive({ type: 'events', conversationId: 'k1', events: botPart() });
    fireEvent.click(screen.getByRole('button', { name: 'Report' }));
    expect(screen.queryByRole('log', { name: 'Transcript' })).toBeNull();
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'visitor', 'Hei, oletko siellä?')] });
    expect(c.last().sentOf('read')).toEqual([]);
    expect(screen.getByRole('button', { name: /Missä tilaukseni on\? 1 new/ })).toBeTruthy();
    // Back at the conversation, the agent has it in front of them.
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    expect(c.last().sentOf('read')).toEqual([{ type: 'read', conversationId: 'k1', seq: 5 }]);
    expect(screen.getByRole('button', { name: /Missä tilaukseni on/ }).textContent).not.toContain('new');
  });

  it('reads nothing on a phone while the queue is in the conversation\'s place: the message is new until the agent goes back to it', () => {
    const c = renderConsole();
    act(() => {
      c.model.narrow.value = true;
    });
    c.connect();
    c.receive({ type: 'queue', conversations: [claimed()] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    c.receive({ type: 'events', conversationId: 'k1', events: botPart() });
    act(() => {
      c.model.pane.value = 'queue';
    });
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'visitor', 'Hei, oletko siellä?')] });
    expect(c.last().sentOf('read')).toEqual([]);
    expect(screen.getByRole('button', { name: /Missä tilaukseni on\? 1 new/ })).toBeTruthy();
    expect(c.chimes).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    expect(c.last().sentOf('read')).toEqual([{ type: 'read', conversationId: 'k1', seq: 5 }]);
  });

  it('tells nothing of a conversation that is not the agent\'s', () => {
    const c = openedOn(summary());
    c.receive({ type: 'events', conversationId: 'k1', events: [...botPart(), textEvent(6, 'visitor', 'Tilaus 123')] });
    expect(c.last().sent.filter((f) => f.type === 'read')).toEqual([]);
  });

  it('downloads the whole conversation as text, to save or forward', () => {
    const c = openedOn(claimed({ visitor: { name: 'Matti', email: 'matti@example.fi', verified: true } }));
    const joined: ConversationEvent = { seq: 5, id: 'k', at: Date.UTC(2026, 10, 23, 20, 5), role: 'system', body: { kind: 'joined', agent: ME.name } };
    const note: ConversationEvent = { seq: 8, id: 'n', at: Date.UTC(2026, 10, 23, 20, 8), role: 'agent', name: 'Eero', body: { kind: 'note', text: 'Varasto tarkistaa' } };
    const emailed: ConversationEvent = { seq: 10, id: 'em', at: Date.UTC(2026, 10, 23, 20, 40), role: 'system', body: { kind: 'emailed', to: 'matti@example.fi', replies: 1, through: 9 } };
    const seen: ConversationEvent = { seq: 11, id: 'seen.9', at: Date.UTC(2026, 10, 23, 21, 2), role: 'system', body: { kind: 'seen', through: 9 } };
    c.receive({ type: 'events', conversationId: 'k1', events: [...botPart(), joined, textEvent(6, 'agent', 'Hei! Katsotaan.'), textEvent(7, 'visitor', 'Tilaus 123'), note, textEvent(9, 'agent', 'Lähti tänään.'), emailed, seen] });
    fireEvent.click(screen.getByRole('button', { name: 'Download transcript' }));
    expect(c.downloads).toHaveLength(1);
    expect(c.downloads[0]?.filename).toBe('kohtaamo-k1.txt');
    expect(c.downloads[0]?.text).toBe(
      [
        'Kohtaamo conversation k1',
        'Visitor: Matti · matti@example.fi, verified by the site',
        'Started: 2026-11-23 20:00 · Finnish · FAQ answer did not help',
        'Page: Tilaukset https://kauppa.example/tilaukset',
        `Status: Active · ${ME.name}`,
        '',
        '20:00 Matti asked the bot: “Missä tilaukseni on?” (Bot answered)',
        '    1. Kauanko toimitus kestää? (82 % likely right)',
        '20:00 Bot showed the FAQ answer: Kauanko toimitus kestää?',
        '20:00 The visitor said the answer did not help',
        '20:00 Handed off to a person: FAQ answer did not help, from https://kauppa.example/tilaukset',
        `20:05 ${ME.name} joined the conversation`,
        `20:06 ${ME.name}: Hei! Katsotaan.`,
        '20:07 Matti: Tilaus 123',
        '20:08 Eero (note, not shown to the visitor): Varasto tarkistaa',
        `20:09 ${ME.name}: Lähti tänään.`,
        '20:40 Emailed the visitor the reply they had not seen, to matti@example.fi',
        '21:02 The visitor saw the replies so far',
        '',
      ].join('\n'),
    );
  });

  it('tells small talk and a wish for a person apart from questions the bot could not answer', () => {
    const c = openedOn(summary());
    const at = Date.UTC(2026, 10, 23, 20, 0);
    const asked = (seq: number, query: string, intent?: 'greeting' | 'thanks' | 'handoff') => ({
      seq, id: `q${seq}`, at, role: 'visitor' as const,
      body: { kind: 'bot.query' as const, query, decision: 'none' as const, ...(intent ? { intent } : {}), results: [] },
    });
    c.receive({ type: 'events', conversationId: 'k1', events: [asked(1, 'moi', 'greeting'), asked(2, 'wombatti?'), asked(3, 'kiitos', 'thanks'), asked(4, 'ihminen', 'handoff')] });
    const log = screen.getByRole('log', { name: 'Transcript' });
    expect(within(log).getAllByText(/^Bot |^Asked /).map((p) => p.textContent)).toEqual([
      'Bot greeted back',
      'Bot found no answer',
      'Bot replied to the thanks',
      'Asked for a person',
    ]);
  });

  it('lets an agent say which FAQ entry the visitor needed, in the visitor\'s language first, also once closed', async () => {
    const c = openedOn(summary());
    // Closed by another agent: it leaves the queue, and the summary frame keeps the pane current.
    c.receive({ type: 'queue', conversations: [] }, { type: 'summary', conversation: summary({ status: 'closed' }) });
    expect(screen.getByText('This conversation is closed.')).toBeTruthy();
    const box = (await screen.findByRole('combobox', { name: 'Which FAQ entry answers what the visitor wanted?' })) as HTMLInputElement;
    expect(box.value).toBe('');
    expect(screen.getByText(/Not chosen yet/)).toBeTruthy();
    // Opened empty, the whole list: "none" first, then the Finnish entries, then the English.
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(options()).toEqual(['None: the FAQ lacks it', 'Kauanko toimitus kestää?', 'Paljonko toimitus maksaa?', 'Voinko palauttaa tuotteen?', 'Can I return an item? English']);
    fireEvent.click(screen.getByRole('option', { name: /Can I return/ }));
    const sent = c.last().sentOf('faqMatch');
    expect(sent).toEqual([{ type: 'faqMatch', id: expect.any(String), conversationId: 'k1', faqId: 'returns-en' }]);
    expect(box.value).toBe('Can I return an item?');
    expect(screen.queryByRole('listbox')).toBeNull();
    const match = { faqId: 'returns-en', agent: ME.name, at: Date.UTC(2026, 10, 23, 21, 0) };
    c.receive({ type: 'ack', id: String(sent[0]?.id), conversationId: 'k1', seq: 4 }, { type: 'summary', conversation: summary({ status: 'closed', faqMatch: match }) });
    expect(box.value).toBe('Can I return an item?');
    expect(screen.getByText(/Chosen by/).textContent).toContain(`Chosen by ${ME.name}, 2026-11-23 21:00.`);
    // Back in the box, the choice's words are selected: what the agent types next replaces them.
    fireEvent.focus(box);
    expect([box.selectionStart, box.selectionEnd]).toEqual([0, box.value.length]);
    // No entry fits: said as null; a refusal (the FAQ changed meanwhile) is explained.
    fireEvent.input(box, { target: { value: 'lacks' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    const none = c.last().sentOf('faqMatch')[1];
    expect(none).toMatchObject({ faqId: null });
    c.receive({ type: 'error', code: 'unknown_faq_entry', message: 'x', id: String(none?.id) });
    expect(screen.getByRole('alert').textContent).toContain('the FAQ has changed');
    expect(box.value).toBe('Can I return an item?');
  });

  it('sends nothing while the agent types and arrows to find the FAQ entry: only Enter or a click chooses', async () => {
    const c = openedOn(summary());
    const box = (await screen.findByRole('combobox', { name: 'Which FAQ entry answers what the visitor wanted?' })) as HTMLInputElement;
    // Words of the question, any case and without the dots: the entries with them all.
    fireEvent.input(box, { target: { value: 'TOIMITUS' } });
    expect(box.getAttribute('aria-expanded')).toBe('true');
    expect(options()).toEqual(['Kauanko toimitus kestää?', 'Paljonko toimitus maksaa?', 'None: the FAQ lacks it']);
    const active = () => document.getElementById(box.getAttribute('aria-activedescendant') ?? '')?.textContent;
    expect(active()).toBe('Kauanko toimitus kestää?');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(active()).toBe('Paljonko toimitus maksaa?');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    fireEvent.input(box, { target: { value: 'toimitus maksa' } });
    expect(options()).toEqual(['Paljonko toimitus maksaa?', 'None: the FAQ lacks it']);
    expect(c.last().sentOf('faqMatch')).toEqual([]);
    // The count is said once the typing settles, to a screen reader as well.
    await waitFor(() => expect(screen.getByText('1 entry found.')).toBeTruthy());
    // Esc: nothing chosen, the box as it was.
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(box.value).toBe('');
    expect(screen.queryByRole('listbox')).toBeNull();
    fireEvent.input(box, { target: { value: 'palauttaa' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(c.last().sentOf('faqMatch')).toEqual([{ type: 'faqMatch', id: expect.any(String), conversationId: 'k1', faqId: 'returns-fi' }]);
    expect(box.value).toBe('Voinko palauttaa tuotteen?');
    // Leaving the box with words typed chooses nothing either.
    fireEvent.input(box, { target: { value: 'kauan' } });
    fireEvent.blur(box);
    expect(box.value).toBe('Voinko palauttaa tuotteen?');
    expect(c.last().sentOf('faqMatch')).toHaveLength(1);
  });

  it('chooses nothing on Enter when the words typed find no entry, not "None" over the agent\'s choice', async () => {
    const c = openedOn(summary());
    const box = (await screen.findByRole('combobox', { name: 'Which FAQ entry answers what the visitor wanted?' })) as HTMLInputElement;
    fireEvent.input(box, { target: { value: 'maksaa' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    const sent = c.last().sentOf('faqMatch');
    expect(sent).toEqual([{ type: 'faqMatch', id: expect.any(String), conversationId: 'k1', faqId: 'shipping-cost-fi' }]);
    const match = { faqId: 'shipping-cost-fi', agent: ME.name, at: Date.UTC(2026, 10, 23, 21, 0) };
    c.receive({ type: 'ack', id: String(sent[0]?.id), conversationId: 'k1', seq: 4 }, { type: 'summary', conversation: summary({ faqMatch: match }) });
    // Back in the box, a word that matches nothing, and Enter: said so, and nothing chosen.
    fireEvent.focus(box);
    fireEvent.input(box, { target: { value: 'xyzzy' } });
    expect(options()).toEqual(['None: the FAQ lacks it']);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(c.last().sentOf('faqMatch')).toHaveLength(1);
    expect(screen.getByRole('listbox')).toBeTruthy();
    expect(box.getAttribute('aria-activedescendant')).toBeNull();
    expect(screen.getByRole('option', { name: 'None: the FAQ lacks it' }).getAttribute('aria-selected')).toBe('false');
    expect(screen.getByText('No entry found.')).toBeTruthy();
    // Esc: the choice as it was.
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(box.value).toBe('Paljonko toimitus maksaa?');
    // "None" is still there for the agent who moves to it.
    fireEvent.input(box, { target: { value: 'xyzzy' } });
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(document.getElementById(box.getAttribute('aria-activedescendant') ?? '')?.textContent).toBe('None: the FAQ lacks it');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(c.last().sentOf('faqMatch')[1]).toMatchObject({ faqId: null });
  });

  it('lets the agent write only after claiming', () => {
    const c = openedOn(summary());
    expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Claim' }));
    fireEvent.click(screen.getByRole('button', { name: 'Claim' }));
    expect(c.last().sentOf('claim')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Claim' }).getAttribute('aria-disabled')).toBe('true');
    const claim = c.last().sentOf('claim')[0];
    expect(claim).toMatchObject({ type: 'claim', conversationId: 'k1' });
    c.receive({ type: 'ack', id: String(claim?.id), conversationId: 'k1', seq: 5 }, { type: 'queue', conversations: [claimed()] });

    expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).disabled).toBe(false);
    expect(screen.queryByRole('button', { name: 'Claim' })).toBeNull();
    expect(within(screen.getByRole('list', { name: /My conversations/ })).getByText('Missä tilaukseni on?')).toBeTruthy();
  });

  it('claims the longest wait in one click, and offers it only when someone waits', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ id: 'k2', createdAt: Date.UTC(2026, 10, 23, 20, 5), questions: ['Uudempi?'] }), summary()] });
    fireEvent.click(screen.getByRole('button', { name: 'Take the next visitor' }));
    // The next one, by the server's choice: k1 is what this console has at the top.
    expect(c.last().sentOf('claim')).toEqual([{ type: 'claim', id: expect.any(String), conversationId: 'k1', next: true }]);
    expect(screen.getByRole('main', { name: 'Anonymous visitor' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Missä tilaukseni on/ }).getAttribute('aria-current')).toBe('true');
    c.receive({ type: 'queue', conversations: [claimed()] });
    expect(screen.queryByRole('button', { name: 'Take the next visitor' })).toBeNull();
  });

  it('opens the visitor the server took when a colleague took the top one within the same round trip', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary(), summary({ id: 'k2', visitorId: 'v2', createdAt: Date.UTC(2026, 10, 23, 20, 5), questions: ['Toinen?'] })] });
    fireEvent.click(screen.getByRole('button', { name: 'Take the next visitor' }));
    const claim = c.last().sentOf('claim')[0];
    expect(c.model.selectedId.value).toBe('k1');
    c.receive({ type: 'ack', id: String(claim?.id), conversationId: 'k2', seq: 5 });
    expect(c.model.selectedId.value).toBe('k2');
    expect(screen.getByRole('alert').textContent).toBe('');
  });

  it('says colleagues took everyone when Take the next visitor finds nobody free', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary()] });
    fireEvent.click(screen.getByRole('button', { name: 'Take the next visitor' }));
    const id = String(c.last().sentOf('claim')[0]?.id);
    c.receive({ type: 'error', code: 'already_claimed', message: 'x', id });
    expect(screen.getByRole('alert').textContent).toContain('Colleagues have taken everyone who was waiting.');
  });

  it('says so when a colleague claimed first', () => {
    const c = openedOn(summary());
    fireEvent.click(screen.getByRole('button', { name: 'Claim' }));
    const id = String(c.last().sentOf('claim')[0]?.id);
    c.receive({ type: 'error', code: 'already_claimed', message: 'x', id });
    expect(screen.getByRole('alert').textContent).toContain('Another agent has already claimed this conversation.');
  });

  it("says a claim the server's storage refused (a full disk) is to be tried again in a moment, not that the server failed", () => {
    const c = openedOn(summary());
    fireEvent.click(screen.getByRole('button', { name: 'Claim' }));
    const id = String(c.last().sentOf('claim')[0]?.id);
    c.receive({ type: 'error', code: 'unavailable', message: 'x', id });
    expect(screen.getByRole('alert').textContent).toContain('The server cannot save anything right now: its storage is failing. Try again in a moment.');
  });

  it("takes over a colleague's conversation, and the colleague's console shows who took it", () => {
    const eero = { id: 'eero', name: 'Eero' };
    const c = openedOn(summary({ status: 'active', agent: eero }));
    expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).disabled).toBe(true);
    expect(screen.getByText('Eero is handling this conversation. Take it over to reply.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Take over from Eero' }));
    const claim = c.last().sentOf('claim')[0];
    // From Eero, as the console showed him holding it: taken over from someone else meanwhile, the server refuses it.
    expect(claim).toEqual({ type: 'claim', id: expect.any(String), conversationId: 'k1', takeover: true, from: 'eero' });
    c.receive(
      { type: 'ack', id: String(claim?.id), conversationId: 'k1', seq: 5 },
      { type: 'events', conversationId: 'k1', events: [{ seq: 5, id: String(claim?.id), at: 0, role: 'system', body: { kind: 'joined', agent: ME.name, from: 'Eero' } }] },
      { type: 'queue', conversations: [claimed()] },
    );
    expect(screen.getByText(`${ME.name} took over from Eero`, { exact: false })).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).disabled).toBe(false);
    expect(screen.queryByRole('button', { name: /Take over/ })).toBeNull();

    // Now a colleague takes it back: the composer closes and a message still on its way is refused with why.
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.input(box, { target: { value: 'Hetki vain' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    const msg = c.last().sentOf('msg')[0];
    c.receive(
      { type: 'events', conversationId: 'k1', events: [{ seq: 6, id: 'k9', at: 0, role: 'system', body: { kind: 'joined', agent: 'Eero', from: ME.name } }] },
      { type: 'queue', conversations: [summary({ status: 'active', agent: eero })] },
      { type: 'error', code: 'not_assigned', message: 'x', id: String(msg?.id) },
    );
    expect(screen.getByText(`Eero took over from ${ME.name}`, { exact: false })).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).disabled).toBe(true);
    expect(within(screen.getByRole('log', { name: 'Transcript' })).getByText(/Failed/).closest('.delivery')?.textContent).toContain('take it over');
  });

  it('returns the agent\'s conversation to the queue for the next free agent', () => {
    const c = openedOn(claimed());
    fireEvent.click(screen.getByRole('button', { name: 'Return to queue' }));
    fireEvent.click(screen.getByRole('button', { name: 'Return to queue' }));
    expect(c.last().sentOf('release')).toEqual([{ type: 'release', id: expect.any(String), conversationId: 'k1' }]);
    const release = c.last().sentOf('release')[0];
    c.receive(
      { type: 'ack', id: String(release?.id), conversationId: 'k1', seq: 5 },
      { type: 'events', conversationId: 'k1', events: [{ seq: 5, id: String(release?.id), at: 0, role: 'system', body: { kind: 'released', agent: ME.name } }] },
      { type: 'queue', conversations: [summary()] },
    );
    expect(screen.getByText(`${ME.name} put the conversation back in the queue`, { exact: false })).toBeTruthy();
    // The server does the same for an agent gone too long, and says so.
    c.receive({ type: 'events', conversationId: 'k1', events: [{ seq: 6, id: 'away.1', at: 0, role: 'system', body: { kind: 'released', agent: 'Eero', away: true } }] });
    expect(screen.getByText('Eero was offline too long; the conversation went back to the queue', { exact: false })).toBeTruthy();
    expect(within(screen.getByRole('list', { name: /Waiting/ })).getByText('Missä tilaukseni on?')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Claim' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Return to queue' })).toBeNull();
  });

  it('puts an FAQ answer into the reply: / and words of the question, the visitor\'s language first', async () => {
    const c = openedOn(claimed());
    const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    // Any form of the words, as the widget's search takes them.
    fireEvent.input(box, { target: { value: '/toimituksen' } });
    const picker = await screen.findByRole('listbox', { name: 'Answers to insert' });
    const options = () => within(picker).getAllByRole('option');
    expect(options().map((o) => o.textContent)).toEqual(['Kauanko toimitus kestää? Finnish', 'Paljonko toimitus maksaa? Finnish']);
    expect(box.getAttribute('aria-activedescendant')).toBe(options()[0]?.id);
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(options().map((o) => o.getAttribute('aria-selected'))).toEqual(['false', 'true']);
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(options().map((o) => o.getAttribute('aria-selected'))).toEqual(['true', 'false']);
    // An English word finds the topic in the visitor's language first, then the English entry that has it.
    fireEvent.input(box, { target: { value: '/return' } });
    expect(within(screen.getByRole('listbox', { name: 'Answers to insert' })).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Voinko palauttaa tuotteen? Finnish',
      'Can I return an item? English',
    ]);
    fireEvent.input(box, { target: { value: '/palautan' } });
    expect(c.last().sentOf('typing')).toEqual([]);
    // Enter takes the answer as text to edit, and sends nothing yet; the visitor sees no typing for a lookup.
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(box.value).toBe('Kyllä, 30 päivän sisällä. Ohjeet: palautus (https://kauppa.example/palautus).');
    expect(screen.queryByRole('listbox', { name: 'Answers to insert' })).toBeNull();
    expect(c.last().sentOf('msg')).toEqual([]);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(c.last().sentOf('msg')[0]).toMatchObject({ text: 'Kyllä, 30 päivän sisällä. Ohjeet: palautus (https://kauppa.example/palautus).' });

    // Nothing matches: Enter does not send the lookup to the visitor; Esc makes it a message.
    fireEvent.input(box, { target: { value: '/wombat' } });
    expect(screen.getByText(/No saved reply or FAQ answer matches “wombat”/).textContent).toBe('No saved reply or FAQ answer matches “wombat”. Esc writes it as a message.');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(c.last().sentOf('msg')).toHaveLength(1);
    fireEvent.keyDown(box, { key: 'Escape' });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(c.last().sentOf('msg')[1]).toMatchObject({ text: '/wombat' });
  });

  it("is a combobox while a '/' lookup is open, expanded while its list shows, and a plain message box again after", async () => {
    openedOn(claimed());
    const box = screen.getByRole('textbox', { name: 'Message' });
    expect(box.hasAttribute('aria-expanded')).toBe(false);
    fireEvent.input(box, { target: { value: '/toimituksen' } });
    const picker = await screen.findByRole('listbox', { name: 'Answers to insert' });
    expect(screen.getByRole('combobox', { name: 'Message' })).toBe(box);
    expect(box.getAttribute('aria-expanded')).toBe('true');
    expect(box.getAttribute('aria-controls')).toBe(picker.id);
    fireEvent.input(box, { target: { value: '/wombat' } });
    expect(screen.getByRole('combobox', { name: 'Message' }).getAttribute('aria-expanded')).toBe('false');
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.getByRole('textbox', { name: 'Message' })).toBe(box);
    expect(box.hasAttribute('aria-expanded')).toBe(false);
  });

  it("offers the team's saved replies first, by title or keyword, in the visitor's language first, with the names filled in", async () => {
    const c = openedOn(claimed({ visitor: { name: 'Matti' } }));
    const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    // "hei" is small talk to the search: the keyword finds the greeting all the same.
    fireEvent.input(box, { target: { value: '/hei' } });
    const picker = await screen.findByRole('listbox', { name: 'Answers to insert' });
    expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual(['Tervehdys Saved reply, Finnish']);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(box.value).toBe(`Hei Matti, ja kiitos yhteydenotosta! Olen ${ME.name}.`);
    fireEvent.input(box, { target: { value: '/tilausnumero' } });
    expect(within(screen.getByRole('listbox', { name: 'Answers to insert' })).getAllByRole('option')[0]?.textContent).toBe('Tilausnumero Saved reply, Finnish');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(box.value).toBe('Kertoisitko tilausnumerosi?');
    // Asked for with the console's own session: saved replies are for agents only.
    const asked = c.requests.find((r) => r.url.endsWith('/api/replies'));
    expect(new Headers(asked?.init?.headers).get('authorization')).toMatch(/^Bearer \S+$/);
  });

  it('shows each message as sending, then sent with the ack; a failed one can be retried with the same id', () => {
    const c = openedOn(claimed());
    const box = screen.getByRole('textbox', { name: 'Message' });

    fireEvent.input(box, { target: { value: 'Hei! Katsotaan.' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    const msg = c.last().sentOf('msg')[0];
    expect(msg).toMatchObject({ type: 'msg', conversationId: 'k1', text: 'Hei! Katsotaan.' });
    expect((box as HTMLTextAreaElement).value).toBe('');
    const log = screen.getByRole('log', { name: 'Transcript' });
    expect(within(log).getByText('Sending…')).toBeTruthy();

    c.receive({ type: 'ack', id: String(msg?.id), conversationId: 'k1', seq: 6 });
    expect(within(log).getByText('Sent')).toBeTruthy();
    // The server's own copy of the message replaces the pending one, still marked sent, shown once.
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(6, 'agent', 'Hei! Katsotaan.', String(msg?.id))] });
    expect(within(log).getAllByText('Hei! Katsotaan.')).toHaveLength(1);
    expect(within(log).getByText('Sent')).toBeTruthy();

    fireEvent.input(box, { target: { value: 'Toinen' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    const second = c.last().sentOf('msg')[1];
    c.receive({ type: 'error', code: 'rate_limited', message: 'x', id: String(second?.id) });
    expect(within(log).getByText('Failed')).toBeTruthy();
    fireEvent.click(within(log).getByRole('button', { name: 'Retry' }));
    expect(c.last().sentOf('msg')[2]).toEqual(second);
    expect(within(log).getByText('Sending…')).toBeTruthy();
  });

  it('offers no Retry for a reply refused for good (the visitor ended the chat as it went): its text stays, and can be kept as a note', () => {
    const c = openedOn(claimed());
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.input(box, { target: { value: 'Tilauksesi lähti tänään.' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    // The agent starts the next one meanwhile: keeping the refused one touches no draft.
    fireEvent.input(box, { target: { value: 'Ja seurantakoodi' } });
    const msg = c.last().sentOf('msg')[0];
    c.receive(
      { type: 'events', conversationId: 'k1', events: [{ seq: 5, id: 'x', at: 0, role: 'system', body: { kind: 'closed', by: 'visitor' } }] },
      { type: 'error', code: 'conversation_closed', message: 'The conversation is closed.', id: String(msg?.id) },
    );
    const log = screen.getByRole('log', { name: 'Transcript' });
    const failed = within(log).getByText('Tilauksesi lähti tänään.').closest('li')!;
    expect(within(failed).getByText('Failed')).toBeTruthy();
    expect(failed.querySelector('.delivery')?.textContent).toContain('The conversation is closed.');
    expect(within(failed).queryByRole('button', { name: 'Retry' })).toBeNull();

    fireEvent.click(within(failed).getByRole('button', { name: 'Keep as note' }));
    const note = c.last().sentOf('note')[0];
    expect(note).toEqual({ type: 'note', id: expect.any(String), conversationId: 'k1', text: 'Tilauksesi lähti tänään.' });
    c.receive(
      { type: 'ack', id: String(note?.id), conversationId: 'k1', seq: 6 },
      { type: 'events', conversationId: 'k1', events: [{ seq: 6, id: String(note?.id), at: 0, role: 'agent', name: ME.name, body: { kind: 'note', text: 'Tilauksesi lähti tänään.' } }] },
    );
    expect(within(log).getAllByText('Tilauksesi lähti tänään.')).toHaveLength(1);
    expect(within(log).getByText('Tilauksesi lähti tänään.').closest('li')?.classList.contains('note')).toBe(true);
    expect(within(log).queryByText('Failed')).toBeNull();
    expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value).toBe('Ja seurantakoodi');
  });

  it('offers Retry for a reply refused as not the agent\'s only once the agent may write there again', () => {
    const eero = { id: 'eero', name: 'Eero' };
    const c = openedOn(claimed());
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.input(box, { target: { value: 'Hetki vain' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    const msg = c.last().sentOf('msg')[0];
    c.receive(
      { type: 'events', conversationId: 'k1', events: [{ seq: 5, id: 'k9', at: 0, role: 'system', body: { kind: 'joined', agent: 'Eero', from: ME.name } }] },
      { type: 'queue', conversations: [summary({ status: 'active', agent: eero })] },
      { type: 'error', code: 'not_assigned', message: 'x', id: String(msg?.id) },
    );
    const failed = () => within(screen.getByRole('log', { name: 'Transcript' })).getByText('Hetki vain').closest('li')!;
    expect(within(failed()).queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(within(failed()).getByRole('button', { name: 'Keep as note' })).toBeTruthy();
    c.receive(
      { type: 'events', conversationId: 'k1', events: [{ seq: 6, id: 'k10', at: 0, role: 'system', body: { kind: 'joined', agent: ME.name, from: 'Eero' } }] },
      { type: 'queue', conversations: [claimed()] },
    );
    fireEvent.click(within(failed()).getByRole('button', { name: 'Retry' }));
    expect(c.last().sentOf('msg')[1]).toEqual(msg);
  });

  it('says "Sent" under the newest reply only, as stored events say it: the same after a reload of the tab', () => {
    const c = openedOn(claimed());
    c.receive({ type: 'events', conversationId: 'k1', events: botPart() });
    const box = screen.getByRole('textbox', { name: 'Message' });
    const texts = ['Hei!', 'Katson tilauksen.', 'Se lähti tänään.'];
    texts.forEach((text, i) => {
      fireEvent.input(box, { target: { value: text } });
      fireEvent.keyDown(box, { key: 'Enter' });
      const msg = c.last().sentOf('msg')[i];
      c.receive({ type: 'ack', id: String(msg?.id), conversationId: 'k1', seq: 5 + i }, { type: 'events', conversationId: 'k1', events: [textEvent(5 + i, 'agent', text, String(msg?.id))] });
    });
    const labels = () => within(screen.getByRole('log', { name: 'Transcript' })).getAllByText('Sent').map((el) => el.closest('li')?.querySelector('.text')?.textContent);
    expect(labels()).toEqual(['Se lähti tänään.']);
    // Nothing kept for a message whose stored event is here: the outbox holds what is on its way.
    expect(c.model.outbox.value).toEqual([]);
    const stored = c.model.transcripts.value.k1 ?? [];

    stopConsoles();
    const reloaded = renderConsole();
    reloaded.connect();
    reloaded.receive({ type: 'queue', conversations: [claimed({ lastSeq: 7 })] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    reloaded.receive({ type: 'events', conversationId: 'k1', events: [...stored] });
    expect(labels()).toEqual(['Se lähti tänään.']);
  });

  it('keeps what the agent was writing in each conversation over a look at the Report or another conversation', () => {
    const c = openedOn(claimed(), claimed({ id: 'k2', visitorId: 'v2', questions: ['Lahjakortti?'] }));
    const box = () => screen.getByRole('textbox', { name: /Message|Note for colleagues/ }) as HTMLTextAreaElement;
    fireEvent.input(box(), { target: { value: 'Pahoittelen viivettä, tilauksenne' } });
    fireEvent.click(screen.getByRole('button', { name: 'Report' }));
    fireEvent.click(screen.getByRole('button', { name: 'Report' }));
    expect(box().value).toBe('Pahoittelen viivettä, tilauksenne');

    // Alt+↓ to the next conversation, a note there, and back.
    fireEvent.keyDown(box(), { key: 'ArrowDown', altKey: true });
    expect(c.model.selectedId.value).toBe('k2');
    expect(box().value).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Note' }));
    fireEvent.input(box(), { target: { value: 'Hyvitys luvattu' } });
    fireEvent.keyDown(box(), { key: 'ArrowUp', altKey: true });
    expect(c.model.selectedId.value).toBe('k1');
    expect(box().value).toBe('Pahoittelen viivettä, tilauksenne');
    // Sent, the box is empty for the next one.
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(c.last().sentOf('msg')).toEqual([expect.objectContaining({ conversationId: 'k1', text: 'Pahoittelen viivettä, tilauksenne' })]);
    expect(box().value).toBe('');

    // A note stays a note: back in reply mode, Enter would send it to the visitor.
    fireEvent.keyDown(box(), { key: 'ArrowDown', altKey: true });
    expect(screen.getByRole('textbox', { name: 'Note for colleagues' })).toHaveProperty('value', 'Hyvitys luvattu');
    expect(screen.getByRole('button', { name: 'Note' }).getAttribute('aria-pressed')).toBe('true');

    // Nothing of it is left for whoever logs in next (holding conversations, the agent is asked first).
    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    fireEvent.click(screen.getByRole('button', { name: 'Log out anyway' }));
    expect(c.model.drafts.of('k2')).toEqual({ text: '', note: false });
  });

  it('shows the visitor typing, and tells the visitor once that the agent types', () => {
    const c = openedOn(claimed());
    c.receive({ type: 'typing', conversationId: 'k1', on: true });
    expect(screen.getByText('Visitor is typing…')).toBeTruthy();
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'visitor', 'Onko siellä ketään?')] });
    expect(screen.queryByText('Visitor is typing…')).toBeNull();

    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.input(box, { target: { value: 'O' } });
    fireEvent.input(box, { target: { value: 'On' } });
    expect(c.last().sentOf('typing')).toEqual([{ type: 'typing', conversationId: 'k1', on: true }]);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(c.last().sentOf('typing').at(-1)).toEqual({ type: 'typing', conversationId: 'k1', on: false });
  });

  it('closes the conversation and keeps it readable', () => {
    const c = openedOn(claimed());
    closeByButton(c);
    expect(screen.getByText(/Conversation closed by the agent/)).toBeTruthy();
    expect(screen.getByText('This conversation is closed.')).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).disabled).toBe(true);
  });

  it('keeps the keyboard and says why, beside the draft, when the visitor ends the chat under the agent typing a reply', () => {
    const c = openedOn(claimed());
    const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    box.focus();
    fireEvent.input(box, { target: { value: 'Tilauksesi lähti tänään' } });
    c.receive({ type: 'events', conversationId: 'k1', events: [{ seq: 5, id: 'x', at: 0, role: 'system', body: { kind: 'closed', by: 'visitor' } }] });
    // Read-only, not disabled: the draft can still be read, selected and copied.
    expect([box.readOnly, box.disabled, box.value]).toEqual([true, false, 'Tilauksesi lähti tänään']);
    // Not dropped to the page's body, where the next keys go nowhere: on Note, which takes the draft on as a note.
    const note = screen.getByRole('button', { name: 'Note' });
    expect(document.activeElement).toBe(note);
    // Seen beside the greyed draft, not only a screen reader's (the placeholder shows only in an empty box), and said with Note.
    const why = screen.getByText('The visitor ended the chat. Your draft is kept – you can save it as a note.');
    expect(why.classList.contains('sr-only')).toBe(false);
    expect(note.getAttribute('aria-describedby')).toBe(why.id);
    fireEvent.click(note);
    const noteBox = screen.getByRole('textbox', { name: 'Note for colleagues' }) as HTMLTextAreaElement;
    expect(noteBox.disabled).toBe(false);
    expect(noteBox.value).toBe('Tilauksesi lähti tänään');
    expect(document.activeElement).toBe(noteBox);
  });

  it('keeps the keyboard and says why when a colleague takes the conversation over under the agent typing a reply', () => {
    const c = openedOn(claimed());
    const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    box.focus();
    fireEvent.input(box, { target: { value: 'Hetki vain' } });
    c.receive(
      { type: 'events', conversationId: 'k1', events: [{ seq: 5, id: 'k9', at: 0, role: 'system', body: { kind: 'joined', agent: 'Eero', from: ME.name } }] },
      { type: 'queue', conversations: [summary({ status: 'active', agent: { id: 'eero', name: 'Eero' } })] },
    );
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Note' }));
    const why = screen.getByText('Eero is handling this conversation. Take it over to reply. Your draft is kept – you can save it as a note.');
    expect(why.classList.contains('sr-only')).toBe(false);
    // The half-written reply is hers to read and copy (a disabled box lets neither), with why beside it, and it cannot go.
    expect([box.readOnly, box.disabled, box.value]).toEqual([true, false, 'Hetki vain']);
    expect(box.getAttribute('aria-describedby')).toContain(why.id);
    box.focus();
    box.setSelectionRange(0, box.value.length);
    expect(document.activeElement).toBe(box);
    expect(box.value.slice(box.selectionStart, box.selectionEnd)).toBe('Hetki vain');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(c.last().sentOf('msg')).toEqual([]);
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('closes a queued conversation nobody reached without claiming it, but not a colleague’s', () => {
    const c = openedOn(summary());
    closeByButton(c);
    expect(c.last().sentOf('claim')).toEqual([]);
    expect(screen.getByText('This conversation is closed.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Claim' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Close conversation' })).toBeNull();

    c.receive({ type: 'queue', conversations: [summary({ id: 'k2', status: 'active', agent: { id: 'eero', name: 'Eero' }, questions: ['Voinko palauttaa?'] })] });
    fireEvent.click(screen.getByRole('button', { name: /Voinko palauttaa/ }));
    expect(screen.getByRole('button', { name: 'Take over from Eero' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Close conversation' })).toBeNull();
  });

  it('asks before closing while the visitor is typing, and Cancel (or Escape) closes nothing', () => {
    const c = openedOn(claimed());
    c.receive({ type: 'typing', conversationId: 'k1', on: true });
    fireEvent.click(screen.getByRole('button', { name: 'Close conversation' }));
    const question = screen.getByRole('group', { name: 'The visitor is typing. Close anyway?' });
    expect(within(question).getByRole('button', { name: 'Close anyway' })).toBeTruthy();
    // On Cancel, so a double click or a second Enter does not close after all.
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Cancel' }));
    expect(c.last().sentOf('close')).toEqual([]);

    fireEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group', { name: /Close anyway/ })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close conversation' }));
    fireEvent.click(screen.getByRole('button', { name: 'Close conversation' }));
    fireEvent.keyDown(screen.getByRole('button', { name: 'Cancel' }), { key: 'Escape' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close conversation' }));
    expect(c.last().sentOf('close')).toEqual([]);
  });

  it("asks before closing on the visitor's unanswered message, and closes once the agent says so", () => {
    const c = openedOn(claimed());
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'agent', 'Hei!'), textEvent(6, 'visitor', 'Vielä yksi asia')] });
    fireEvent.click(screen.getByRole('button', { name: 'Close conversation' }));
    const question = screen.getByRole('group', { name: "The visitor's last message has no reply. Close anyway?" });
    expect(c.last().sentOf('close')).toEqual([]);
    fireEvent.click(within(question).getByRole('button', { name: 'Close anyway' }));
    expect(c.last().sentOf('close')).toEqual([expect.objectContaining({ type: 'close', conversationId: 'k1' })]);
    // Back on the button, as after a Close nothing had to ask about, while the server closes it.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close conversation' }));
  });

  it('closes at once when the agent has answered the visitor last', () => {
    const c = openedOn(claimed());
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'visitor', 'Kiitos!'), textEvent(6, 'agent', 'Hyvää päivänjatkoa!')] });
    fireEvent.click(screen.getByRole('button', { name: 'Close conversation' }));
    expect(screen.queryByRole('group')).toBeNull();
    expect(c.last().sentOf('close')).toHaveLength(1);
  });

  it("adds a note for colleagues in any conversation, never as a message to the visitor", () => {
    const c = openedOn(summary());
    const reply = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    expect(reply.disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Note', pressed: false }));
    const box = screen.getByRole('textbox', { name: 'Note for colleagues' }) as HTMLTextAreaElement;
    expect(box.disabled).toBe(false);
    // A / is just text in a note: no FAQ lookup.
    fireEvent.input(box, { target: { value: '/palautus: asiakas soitti jo, lupasin hyvityksen' } });
    expect(screen.queryByRole('listbox', { name: 'Answers to insert' })).toBeNull();
    fireEvent.keyDown(box, { key: 'Enter' });
    const note = c.last().sentOf('note')[0];
    expect(note).toMatchObject({ type: 'note', conversationId: 'k1', text: '/palautus: asiakas soitti jo, lupasin hyvityksen' });
    expect(c.last().sentOf('msg')).toEqual([]);
    expect(c.last().sentOf('typing')).toEqual([]);
    const log = screen.getByRole('log', { name: 'Transcript' });
    const pending = within(log).getByText(/lupasin hyvityksen/).closest('li');
    expect(pending?.textContent).toContain('note, not shown to the visitor');
    expect(pending?.textContent).toContain('Sending…');
    c.receive({ type: 'ack', id: String(note?.id), conversationId: 'k1', seq: 6 });
    c.receive({
      type: 'events',
      conversationId: 'k1',
      events: [
        { seq: 6, id: String(note?.id), at: Date.UTC(2026, 10, 23, 20, 9), role: 'agent', name: ME.name, body: { kind: 'note', text: '/palautus: asiakas soitti jo, lupasin hyvityksen' } },
        { seq: 7, id: 'n-eero', at: Date.UTC(2026, 10, 23, 20, 10), role: 'agent', name: 'Eero', body: { kind: 'note', text: 'Tunnen asiakkaan' } },
      ],
    });
    expect(within(log).getAllByText(/lupasin hyvityksen/)).toHaveLength(1);
    // Stored: in its place among the notes, nothing on its way any more.
    expect(within(log).getByText(/lupasin hyvityksen/).closest('li')?.textContent).not.toMatch(/Sending…|Failed/);
    expect(within(log).getByText('Tunnen asiakkaan').closest('li')?.textContent).toMatch(/^Eero · note, not shown to the visitor/);
    // Back to replying: claimed, the same box writes to the visitor again.
    fireEvent.click(screen.getByRole('button', { name: 'Note', pressed: true }));
    c.receive({ type: 'summary', conversation: claimed() });
    fireEvent.input(screen.getByRole('textbox', { name: 'Message' }), { target: { value: 'Hei!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(c.last().sentOf('msg')).toMatchObject([{ type: 'msg', text: 'Hei!' }]);
    expect(c.last().sentOf('note')).toHaveLength(1);
  });

  it('says in the transcript, for agents only, when the server emailed the visitor the replies they missed, or could not', () => {
    const c = openedOn(claimed());
    const emailed = (seq: number, body: { replies: number; failed?: string }): ConversationEvent => ({
      seq, id: `em${seq}`, at: Date.UTC(2026, 10, 23, 20, seq), role: 'system', body: { kind: 'emailed', to: 'matti@example.fi', through: seq - 1, ...body },
    });
    c.receive({
      type: 'events',
      conversationId: 'k1',
      events: [textEvent(5, 'agent', 'Tarkistan.'), emailed(6, { replies: 1 }), textEvent(7, 'agent', 'Lähti tänään.'), textEvent(8, 'agent', 'Seurantakoodi tulee illalla.'), emailed(9, { replies: 2 }), emailed(10, { replies: 1, failed: 'mail server refused the address' })],
    });
    const log = screen.getByRole('log', { name: 'Transcript' });
    const lines = within(log).getAllByRole('listitem').filter((li) => li.classList.contains('emailed'));
    expect(lines.map((li) => li.textContent)).toEqual([
      "Emailed the visitor the reply they had not seen, to matti@example.fi · not in the visitor's chat 20:06",
      "Emailed the visitor the 2 replies they had not seen, to matti@example.fi · not in the visitor's chat 20:09",
      "Could not email the visitor the replies they had not seen, to matti@example.fi: mail server refused the address · not in the visitor's chat 20:10",
    ]);
  });

  it("shows no line for a server's claim on an email, in the transcript or its download: the failure after it says what happened", () => {
    const c = openedOn(claimed());
    const at = (minute: number) => Date.UTC(2026, 10, 23, 20, minute);
    c.receive({
      type: 'events',
      conversationId: 'k1',
      events: [
        textEvent(5, 'agent', 'Lähti tänään.'),
        { seq: 6, id: 'emailing.5', at: at(6), role: 'system', body: { kind: 'emailing', through: 5 } },
        { seq: 7, id: 'emailed.5', at: at(7), role: 'system', body: { kind: 'emailed', to: 'matti@example.fi', replies: 1, through: 5, failed: 'mail server refused the address' } },
      ],
    });
    const log = screen.getByRole('log', { name: 'Transcript' });
    expect(within(log).getAllByRole('listitem').filter((li) => li.classList.contains('system')).map((li) => li.textContent)).toEqual([
      "Could not email the visitor the replies they had not seen, to matti@example.fi: mail server refused the address · not in the visitor's chat 20:07",
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Download transcript' }));
    expect((c.downloads[0]?.text ?? '').split('\n').filter((line) => /^20:0[67] /.test(line))).toEqual([
      '20:07 Could not email the visitor the replies they had not seen, to matti@example.fi: mail server refused the address',
    ]);
  });

  it('says where replies go by email if the visitor has left: the address they wrote in a message, not an agent\'s', () => {
    const c = openedWith({ emailsReplies: true }, claimed());
    const summaryRegion = () => screen.getByRole('region', { name: 'Handoff summary' });
    expect(within(summaryRegion()).queryByText(/by email/)).toBeNull();
    c.receive({
      type: 'events',
      conversationId: 'k1',
      events: [textEvent(5, 'visitor', 'Voitte vastata osoitteeseen matti@example.fi.'), textEvent(6, 'agent', 'Vai mieluummin info@kauppa.example?')],
    });
    expect(within(summaryRegion()).getByText(/by email/).textContent).toBe('If the visitor has left, your replies also go to matti@example.fi by email.');
    // The visitor's latest word on where to reach them counts.
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(7, 'visitor', 'Tai sittenkin työosoitteeseen matti.m@tyo.example')] });
    expect(within(summaryRegion()).getByText(/by email/).textContent).toBe('If the visitor has left, your replies also go to matti.m@tyo.example by email.');
    // A closed conversation takes no more replies.
    c.receive({ type: 'summary', conversation: claimed({ status: 'closed' }) });
    expect(within(summaryRegion()).queryByText(/by email/)).toBeNull();
  });

  it("says replies go to the visitor's address, not to the site's own they mentioned, as the server sends them", () => {
    const c = openedWith({ emailsReplies: true, siteMail: 'tuki@kauppa.example' }, claimed({ visitor: { name: 'Matti', email: 'matti@example.fi' } }));
    const details = screen.getByRole('complementary', { name: 'Details' });
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'visitor', 'Lähetin jo eilen sähköpostia osoitteeseen tuki@kauppa.example.')] });
    expect(within(details).getByText(/by email/).textContent).toBe('If the visitor has left, your replies also go to matti@example.fi by email.');
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(6, 'visitor', 'Työosoitteeni on matti.m@tyo.example, ei TUKI@Posti.Kauppa.example')] });
    expect(within(details).getByText(/by email/).textContent).toBe('If the visitor has left, your replies also go to matti.m@tyo.example by email.');
  });

  it("says replies go to the visitor's address at the public provider the site mails from, which is not the site's own", () => {
    const c = openedWith({ emailsReplies: true, siteMail: 'kauppa.tuki@gmail.com' }, claimed());
    const details = screen.getByRole('complementary', { name: 'Details' });
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'visitor', 'Osoitteeni on matti@gmail.com, kirjoitin jo Kauppa.Tuki@gmail.com:iin.')] });
    expect(within(details).getByText(/by email/).textContent).toBe('If the visitor has left, your replies also go to matti@gmail.com by email.');
  });

  it("says replies go to the visitor, not to the site's main address, when it mails from a sending subdomain: by the page they are on now", () => {
    const page = { url: 'https://ohje.example/palautus', title: 'Palautus' };
    const nowOn = { url: 'https://www.kauppa.example/kassa', title: 'Kassa' };
    const c = openedWith({ emailsReplies: true, siteMail: 'noreply@mg.kauppa.example' }, claimed({ page, nowOn, visitor: { name: 'Matti', email: 'matti@example.fi' } }));
    const details = screen.getByRole('complementary', { name: 'Details' });
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'visitor', 'Lähetin jo eilen sähköpostia osoitteeseen tuki@kauppa.example.')] });
    expect(within(details).getByText(/by email/).textContent).toBe('If the visitor has left, your replies also go to matti@example.fi by email.');
    // The page they are on now is the one: not the one they asked from, as the server picks.
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(6, 'visitor', 'tai info@ohje.example')] });
    expect(within(details).getByText(/by email/).textContent).toBe('If the visitor has left, your replies also go to info@ohje.example by email.');
  });

  it('falls back to the email the site gave for where replies go by email', () => {
    openedWith({ emailsReplies: true }, claimed({ visitor: { name: 'Matti', email: 'matti@example.fi' } }));
    const details = screen.getByRole('complementary', { name: 'Details' });
    expect(within(details).getByText('If the visitor has left, your replies also go to matti@example.fi by email.')).toBeTruthy();
  });

  it('says nothing about email once the server says it does not send replies by email', () => {
    const c = openedWith({ emailsReplies: true }, claimed({ visitor: { name: 'Matti', email: 'matti@example.fi' } }));
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'visitor', 'Osoitteeni on matti@example.fi')] });
    const details = screen.getByRole('complementary', { name: 'Details' });
    expect(within(details).getByText(/by email/)).toBeTruthy();
    // The server restarted without email: its new welcome says so.
    act(() => c.last().drop(1006));
    c.goOnline();
    expect(c.sockets).toHaveLength(2);
    c.connect(c.last(), { emailsReplies: false });
    expect(screen.getByRole('status').textContent).toBe('Connected');
    expect(within(details).getByRole('link', { name: 'matti@example.fi' })).toBeTruthy();
    expect(within(details).queryByText(/by email/)).toBeNull();
  });

  it('shows the name and email the site gave, and says they are not verified', () => {
    const c = openedOn(summary({ visitor: { name: 'Matti Meikäläinen', email: 'matti@example.fi' } }));
    const details = screen.getByRole('complementary', { name: 'Details' });
    expect(within(details).getByRole('link', { name: 'matti@example.fi' }).getAttribute('href')).toBe('mailto:matti@example.fi');
    expect(within(details).getByText('Matti Meikäläinen')).toBeTruthy();
    expect(within(details).getByText("From the visitor's browser, not verified.")).toBeTruthy();
  });

  it('says an email is verified when the site signed it', () => {
    const c = openedOn(summary({ visitor: { name: 'Matti', email: 'matti@example.fi', verified: true } }));
    const details = screen.getByRole('complementary', { name: 'Details' });
    expect(within(details).getByText('Email verified by your site.')).toBeTruthy();
    expect(within(details).queryByText(/not verified/)).toBeNull();
  });

  it('says which page the visitor is on now, while the conversation is open and they have moved on', () => {
    const checkout = { url: 'https://kauppa.example/kassa', title: 'Kassa' };
    const c = openedOn(summary({ nowOn: checkout }));
    const details = screen.getByRole('complementary', { name: 'Details' });
    expect(within(details).getByRole('link', { name: 'Kassa' }).getAttribute('href')).toBe(checkout.url);
    expect(within(details).getByText('Now on')).toBeTruthy();
    c.receive({ type: 'summary', conversation: summary({ nowOn: summary().page }) });
    expect(within(details).queryByText('Now on')).toBeNull();
    c.receive({ type: 'summary', conversation: summary({ status: 'closed', nowOn: checkout }) });
    expect(within(details).queryByText('Now on')).toBeNull();
  });

  it("lists the visitor's earlier conversations", () => {
    const c = openedOn(summary({ previousConversations: 1 }));
    c.receive({
      type: 'history',
      visitorId: 'v1',
      conversations: [
        summary({ id: 'old', status: 'closed', createdAt: Date.UTC(2026, 9, 2, 9, 30), questions: ['Lahjakortti?'], rating: { score: 5 } }),
        summary({ id: 'phone', visitorId: 'v9', status: 'queued', createdAt: Date.UTC(2026, 9, 1, 8, 0), questions: ['Toimitusaika?'] }),
        summary(),
      ],
    });
    const history = screen.getByRole('region', { name: 'Visitor history' });
    expect(within(history).getByText('2026-10-02 09:30')).toBeTruthy();
    // The same customer in another browser, linked by the email the site signed.
    const phone = within(history).getByText('“Toimitusaika?”').closest('ul')?.parentElement;
    expect(phone?.textContent).toContain('another device, same verified email');
    expect(within(history).getAllByText(/another device/)).toHaveLength(1);
    expect(within(history).getByText('Closed')).toBeTruthy();
    expect(within(history).getByText(/5\/5/)).toBeTruthy();
    expect(within(history).getByText('“Lahjakortti?”')).toBeTruthy();
  });

  it('badges new visitor messages in conversations the agent is not looking at', () => {
    const c = openedOn(claimed(), claimed({ id: 'k2', visitorId: 'v2', questions: ['Lahjakortti?'] }));
    c.receive({ type: 'events', conversationId: 'k2', events: [textEvent(5, 'visitor', 'Hei?'), textEvent(6, 'visitor', 'Haloo?')] });
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'visitor', 'Tässä')] });
    expect(screen.getByRole('button', { name: /Lahjakortti\? 2 new/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Missä tilaukseni on/ }).textContent).not.toContain('new');
    fireEvent.click(screen.getByRole('button', { name: /Lahjakortti/ }));
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    expect(screen.getByRole('button', { name: /Lahjakortti/ }).textContent).not.toContain('new');
  });

  it('puts the cursor in the composer once the claim goes through', () => {
    const c = openedOn(summary());
    fireEvent.click(screen.getByRole('button', { name: 'Claim' }));
    c.receive({ type: 'queue', conversations: [claimed()] });
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
  });

  it('shows what visitors write as text, and links only to web pages', () => {
    const c = openedOn(summary({ page: { url: 'javascript:alert(1)', title: 'Evil' } }));
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'visitor', '<img src=x onerror="alert(1)">')] });
    const log = screen.getByRole('log', { name: 'Transcript' });
    expect(within(log).getByText('<img src=x onerror="alert(1)">')).toBeTruthy();
    expect(log.querySelector('img')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Evil' })).toBeNull();
    expect(screen.getAllByText('Evil').length).toBeGreaterThan(0);
  });

  it('comes back to the open conversation after a reload', () => {
    const first = renderConsole();
    first.connect();
    first.receive({ type: 'queue', conversations: [summary(), summary({ id: 'k2', questions: ['Lahjakortti?'] })] });
    fireEvent.click(screen.getByRole('button', { name: /Lahjakortti/ }));
    stopConsoles();

    const again = renderConsole();
    for (const [key, value] of first.store) again.store.set(key, value);
    again.connect();
    again.receive({ type: 'queue', conversations: [summary(), summary({ id: 'k2', questions: ['Lahjakortti?'] })] });
    expect(again.last().sentOf('open')).toEqual([{ type: 'open', conversationId: 'k2', afterSeq: 0 }]);
    expect(screen.getByRole('button', { name: /Lahjakortti/ }).getAttribute('aria-current')).toBe('true');
  });

  it('keeps a half-written reply and note over a reload of the tab, until sent or logged out', () => {
    const queue = [claimed(), claimed({ id: 'k2', visitorId: 'v2', questions: ['Lahjakortti?'] })];
    const first = openedOn(...queue);
    const box = () => screen.getByRole('textbox', { name: /Message|Note for colleagues/ }) as HTMLTextAreaElement;
    fireEvent.input(box(), { target: { value: 'Pahoittelen viivettä, tilauksenne' } });
    fireEvent.click(screen.getByRole('button', { name: /Lahjakortti/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Note' }));
    fireEvent.input(box(), { target: { value: 'Hyvitys luvattu' } });
    stopConsoles();

    /** The same tab loaded again, with what the last page left in sessionStorage. */
    const reload = (store: Map<string, string>) => {
      const c = renderConsole({ stored: store });
      c.connect();
      c.receive({ type: 'queue', conversations: queue });
      return c;
    };
    const again = reload(first.store);
    // Back where it was: the note, still a note.
    expect(box().value).toBe('Hyvitys luvattu');
    expect(screen.getByRole('button', { name: 'Note' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    expect(box().value).toBe('Pahoittelen viivettä, tilauksenne');
    // Sent, it is gone from the next reload too.
    fireEvent.keyDown(box(), { key: 'Enter' });
    expect(again.last().sentOf('msg')).toHaveLength(1);
    stopConsoles();
    const third = reload(again.store);
    expect(box().value).toBe('');
    // Logged out, the next agent at this tab finds no note either.
    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    fireEvent.click(screen.getByRole('button', { name: 'Log out anyway' }));
    expect([...third.store.values()].join()).not.toContain('Hyvitys luvattu');
  });

  it('comes back to a closed conversation after a reload, though no queue lists it', () => {
    const first = renderConsole();
    first.connect();
    first.receive({ type: 'queue', conversations: [summary()] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    stopConsoles();

    const again = renderConsole();
    for (const [key, value] of first.store) again.store.set(key, value);
    again.connect();
    again.receive({ type: 'queue', conversations: [] });
    expect(again.last().sentOf('open')).toEqual([{ type: 'open', conversationId: 'k1', afterSeq: 0 }]);
    again.receive({ type: 'summary', conversation: summary({ status: 'closed' }) });
    expect(screen.getByRole('heading', { name: 'Anonymous visitor' })).toBeTruthy();
    expect(screen.getByText('This conversation is closed.')).toBeTruthy();
    // Asked for once: opening it as the selection asks no more, nor does a later queue push.
    again.receive({ type: 'queue', conversations: [] });
    expect(again.last().sentOf('open')).toHaveLength(1);
    expect(again.last().sentOf('history')).toEqual([{ type: 'history', visitorId: 'v1' }]);
  });
});
