// What a visitor wrote, on a line with the console's own words after it: a bidi override or
// embedding in it (U+202E "Missä paketti\u202E") turned the rest of the line around, "2 new"
// after the card's title reading "wen 2", a rating's "20:52" reading "25:02". Isolated in a <bdi>,
// it reorders nothing past itself, and is still shown as the visitor wrote it.
import { fireEvent, screen } from '@testing-library/preact';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { renderConsole, stopConsoles } from '../test-render';
import { EVENTS_DAY, ME, summary } from '../test-support';

afterEach(stopConsoles);
beforeEach(() => vi.setSystemTime(EVENTS_DAY));
afterEach(() => vi.useRealTimers());

const RLO = '\u202E';
/** The element the text is alone in, if it is a <bdi>: what keeps it from reordering its line. */
const isolating = (root: ParentNode, text: string) => [...root.querySelectorAll('bdi')].find((b) => b.textContent?.includes(text));

it("keeps the visitor's words from turning around the card's unread count, its newest message's line and a rating's time", () => {
  const c = renderConsole();
  c.connect();
  const title = `Missä paketti${RLO}`;
  c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME, questions: [title] })] });
  const card = screen.getAllByRole('button', { name: /Missä paketti/ })[0]!.closest('li.queue-item')!;
  expect(isolating(card.querySelector('.queue-title')!, title)?.getAttribute('lang')).toBe('fi');

  fireEvent.click(screen.getAllByRole('button', { name: /Missä paketti/ })[0]!);
  const at = EVENTS_DAY - 60_000;
  c.receive({
    type: 'events',
    conversationId: 'k1',
    events: [
      { seq: 1, id: 't1', at, role: 'visitor', body: { kind: 'text', text: `Kiitos${RLO}` } },
      { seq: 2, id: 'r1', at, role: 'visitor', body: { kind: 'rating', score: 4, comment: `hyvä${RLO}` } },
    ],
  });
  const rating = screen.getByRole('log').querySelector('.rating')!;
  expect(isolating(rating, `hyvä${RLO}`)?.getAttribute('lang')).toBe('fi');
  // The card's line of the visitor's newest message.
  expect(isolating(card.querySelector('.queue-last')!, `Kiitos${RLO}`)).toBeTruthy();
});

it("keeps a right-to-left page title from taking the handoff line's time into its run", () => {
  const c = renderConsole();
  c.connect();
  c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME, questions: ['Alennukset?'] })] });
  fireEvent.click(screen.getAllByRole('button', { name: /Alennukset/ })[0]!);
  const title = 'מבצעים 2026';
  c.receive({
    type: 'events',
    conversationId: 'k1',
    events: [{ seq: 1, id: 'h1', at: EVENTS_DAY - 60_000, role: 'system', body: { kind: 'handoff', reason: 'asked_for_person', lang: 'fi', page: { url: 'https://kauppa.example/tarjoukset', title } } }],
  });
  const link = screen.getByRole('log').querySelector(`a[href="https://kauppa.example/tarjoukset"]`)!;
  expect(isolating(link, title)).toBeTruthy();
});
