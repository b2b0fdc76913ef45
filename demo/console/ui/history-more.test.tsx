// A visitor with more earlier conversations than the server lists (its newest only): the list
// says so, and takes the agent to the search, which finds the older ones.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, expect, it } from 'vitest';
import { renderConsole, stopConsoles } from '../test-render';
import { summary } from '../test-support';

afterEach(stopConsoles);

function withHistory(previousConversations: number, listed: number) {
  const c = renderConsole();
  c.connect();
  c.receive({ type: 'queue', conversations: [summary({ previousConversations })] });
  fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
  // The server's newest, the one open among them.
  const earlier = Array.from({ length: listed }, (_, i) => summary({ id: `old${i}`, status: 'closed', createdAt: Date.UTC(2026, 9, 1) - i * 3_600_000 }));
  c.receive({ type: 'history', visitorId: 'v1', conversations: [summary({ previousConversations }), ...earlier] });
  return screen.getByRole('region', { name: 'Visitor history' });
}

it('says that only the newest earlier conversations are listed, and leads to the search', async () => {
  const history = withHistory(100, 49);
  expect(within(history).getAllByRole('button', { name: /2026-/ })).toHaveLength(49);
  expect(history.textContent).toContain('Showing the newest 49 of 100.');
  fireEvent.click(within(history).getByRole('button', { name: 'Search for older ones' }));
  await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search conversations' })));
});

it('says nothing more when all of them are listed', () => {
  const history = withHistory(3, 3);
  expect(within(history).getAllByRole('button', { name: /2026-/ })).toHaveLength(3);
  expect(history.textContent).not.toContain('Showing the newest');
  expect(within(history).queryByRole('button', { name: 'Search for older ones' })).toBeNull();
});

it("names an earlier conversation without questions to the bot by the visitor's first message, never an agent's reply", () => {
  // With only the bot's questions shown, such an entry was a bare "2026-11-25 16:36 Closed".
  const c = renderConsole();
  c.connect();
  c.receive({ type: 'queue', conversations: [summary({ previousConversations: 2 })] });
  fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
  const asked = summary({ id: 'old1', status: 'closed', createdAt: Date.UTC(2026, 9, 2), questions: ['Voiko maksaa osissa?'], firstText: 'Kiitos vastauksesta' });
  const wrote = summary({ id: 'old2', status: 'closed', createdAt: Date.UTC(2026, 9, 1), questions: [], firstText: 'Sohvani toimitus ei tullut', lastText: 'Tarkistan kuljetusliikkeeltä' });
  c.receive({ type: 'history', visitorId: 'v1', conversations: [summary({ previousConversations: 2 }), asked, wrote] });
  const history = screen.getByRole('region', { name: 'Visitor history' });
  const topics = [...history.querySelectorAll('ul.questions')].map((ul) => [ul.getAttribute('lang'), ul.textContent]);
  expect(topics).toEqual([
    ['fi', '“Voiko maksaa osissa?”'],
    ['fi', '“Sohvani toimitus ei tullut”'],
  ]);
  expect(history.textContent).not.toContain('Tarkistan');
});
