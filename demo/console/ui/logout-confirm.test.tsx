// Log out while holding conversations: the server returns them to the queue at once (unless the
// agent's console is open on another device too), so the console asks first, in the button's
// place, with the focus on Cancel.
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { renderConsole, stopConsoles } from '../test-render';
import { ME, summary } from '../test-support';

afterEach(stopConsoles);

const loggedOut = (c: ReturnType<typeof renderConsole>) => c.requests.some((r) => r.url.endsWith('/api/logout'));

describe('Log out', () => {
  it('asks first while the agent has conversations, saying they go back to the queue; Cancel keeps everything', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ id: 'k1', status: 'active', agent: ME }), summary({ id: 'k2', visitorId: 'v2', status: 'active', agent: ME }), summary({ id: 'w1', visitorId: 'v3' })] });
    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    const question = screen.getByRole('group', { name: 'You have 2 conversations. Log out and return them to the queue, unless you are logged in elsewhere?' });
    expect(question).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    expect(loggedOut(c)).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Log out' }));
    expect(loggedOut(c)).toBe(false);
    // Escape too; then the agent means it.
    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    fireEvent.keyDown(screen.getByRole('button', { name: 'Cancel' }), { key: 'Escape' });
    expect(screen.queryByRole('group', { name: /Log out and return/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    fireEvent.click(screen.getByRole('button', { name: 'Log out anyway' }));
    expect(loggedOut(c)).toBe(true);
    expect(screen.getByRole('button', { name: 'Log in' })).toBeTruthy();
  });

  it('logs out at once with no conversation of their own (a colleague\'s or a waiting one is not theirs)', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ id: 'o1', status: 'active', agent: { id: 'eero', name: 'Eero' } }), summary({ id: 'w1', visitorId: 'v3' })] });
    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    expect(loggedOut(c)).toBe(true);
  });

  it('puts the focus in the Login box of the form that comes back, with or without the question', async () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ id: 'k1', status: 'active', agent: ME })] });
    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    const anyway = screen.getByRole('button', { name: 'Log out anyway' });
    anyway.focus();
    fireEvent.click(anyway);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Login')));
    stopConsoles();

    const again = renderConsole();
    again.connect();
    again.receive({ type: 'queue', conversations: [] });
    const logOut = screen.getByRole('button', { name: 'Log out' });
    logOut.focus();
    fireEvent.click(logOut);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Login')));
  });

  it('says it in Finnish, and of one conversation as one', () => {
    const c = renderConsole({ language: 'fi-FI' });
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ id: 'k1', status: 'active', agent: ME })] });
    fireEvent.click(screen.getByRole('button', { name: 'Kirjaudu ulos' }));
    expect(screen.getByRole('group', { name: 'Sinulla on 1 keskustelu. Kirjaudutaanko ulos ja palautetaan se jonoon, ellet ole kirjautuneena muualla?' })).toBeTruthy();
  });
});
