import { act, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { renderConsole, stopConsoles } from '../test-render';
import { summary } from '../test-support';

afterEach(stopConsoles);

function searchFor(text: string) {
  const box = screen.getByRole('searchbox', { name: 'Search conversations' });
  fireEvent.input(box, { target: { value: text } });
  fireEvent.submit(within(screen.getByRole('search', { name: 'Conversations' })).getByRole('button', { name: 'Search' }).closest('form')!);
  return box;
}

const closedOne = summary({ id: 'old', status: 'closed', createdAt: Date.UTC(2026, 9, 2, 9, 0), visitor: { name: 'Matti Äijälä', email: 'matti@example.fi' }, questions: ['Palautus tilauksesta 12345'], agent: { id: 'aino', name: 'Aino' } });

describe('searching conversations', () => {
  it('finds closed conversations by what the agent types, opens one, and goes back to the queue', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary()] });
    searchFor('  12345 ');
    expect(c.last().sentOf('search')).toEqual([{ type: 'search', query: '12345' }]);
    expect(screen.getByText('Searching…')).toBeTruthy();

    // An answer to an older search is not shown as this one's.
    c.receive({ type: 'search', query: 'paketti', conversations: [summary({ id: 'other' })] });
    expect(screen.getByText('Searching…')).toBeTruthy();
    c.receive({ type: 'search', query: '12345', conversations: [closedOne] });
    const results = screen.getByRole('list', { name: /Search results/ });
    const item = within(results).getByRole('button', { name: /Palautus tilauksesta 12345/ });
    expect(item.textContent).toContain('Matti Äijälä · Closed · Aino');
    // The queue is still there below.
    expect(screen.getByRole('list', { name: /Waiting/ })).toBeTruthy();

    fireEvent.click(item);
    expect(c.last().sentOf('open')).toEqual([{ type: 'open', conversationId: 'old', afterSeq: 0 }]);
    expect(screen.getByRole('main', { name: /Matti Äijälä/ })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Back to the queue' }));
    expect(screen.queryByRole('list', { name: /Search results/ })).toBeNull();
    expect((screen.getByRole('searchbox', { name: 'Search conversations' }) as HTMLInputElement).value).toBe('');
  });

  it('puts the focus back in the search box when Back to the queue takes itself away', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary()] });
    const box = searchFor('12345');
    c.receive({ type: 'search', query: '12345', conversations: [closedOne] });
    const back = screen.getByRole('button', { name: 'Back to the queue' });
    back.focus();
    fireEvent.click(back);
    expect(back.isConnected).toBe(false);
    expect(document.activeElement).toBe(box);
  });

  it('shows a result as it is now, not as it was when searched: claimed since, it no longer reads Waiting', () => {
    const c = renderConsole();
    c.connect();
    const waiting = summary({ id: 'k9', visitor: { name: 'Liisa' }, questions: ['Lahjakortti 12345'] });
    c.receive({ type: 'queue', conversations: [waiting] });
    searchFor('12345');
    c.receive({ type: 'search', query: '12345', conversations: [waiting] });
    const result = () => within(screen.getByRole('list', { name: /Search results/ })).getByRole('button', { name: /Lahjakortti 12345/ });
    expect(result().textContent).toContain('Liisa · Waiting');
    c.receive({ type: 'queue', conversations: [{ ...waiting, status: 'active', agent: { id: 'eero', name: 'Eero' } }] });
    expect(result().textContent).toContain('Liisa · Active · Eero');
  });

  it('asks again after a reconnect when the answer was lost with the old connection', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary()] });
    searchFor('12345');
    expect(screen.getByText('Searching…')).toBeTruthy();
    act(() => c.last().drop(1006));
    act(() => c.goOnline());
    expect(c.sockets).toHaveLength(2);
    c.connect();
    expect(c.last().sentOf('search')).toEqual([{ type: 'search', query: '12345' }]);
    c.receive({ type: 'search', query: '12345', conversations: [closedOne] });
    expect(within(screen.getByRole('list', { name: /Search results/ })).getByRole('button', { name: /Palautus tilauksesta 12345/ })).toBeTruthy();
    // An answered search is not asked again.
    act(() => c.last().drop(1006));
    act(() => c.goOnline());
    c.connect();
    expect(c.last().sentOf('search')).toEqual([]);
  });

  it('says how many it found, one as one, in English and in Finnish', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [] });
    const status = () => document.getElementById('search-status')?.textContent;
    searchFor('12345');
    expect(status()).toBe('Searching…');
    c.receive({ type: 'search', query: '12345', conversations: [closedOne, summary({ id: 'k2' }), summary({ id: 'k3' })] });
    expect(status()).toBe('3 conversations found.');
    searchFor('Äijälä');
    c.receive({ type: 'search', query: 'Äijälä', conversations: [closedOne] });
    expect(status()).toBe('1 conversation found.');
    fireEvent.click(screen.getByRole('button', { name: 'Suomeksi' }));
    expect(status()).toBe('Löytyi 1 keskustelu.');
  });

  it('says when nothing matches, and when the search cannot go out', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [] });
    const box = searchFor('ei ketään');
    c.receive({ type: 'search', query: 'ei ketään', conversations: [] });
    expect(screen.getByText('No conversation matches “ei ketään”.')).toBeTruthy();
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.queryByText(/No conversation matches/)).toBeNull();

    searchFor('x');
    expect(screen.getByText('Type at least 2 characters.')).toBeTruthy();
    expect(c.last().sentOf('search')).toEqual([{ type: 'search', query: 'ei ketään' }]);
    act(() => c.last().drop());
    searchFor('matti');
    expect(screen.getByText('Not connected. Try again when the connection is back.')).toBeTruthy();
  });
});
