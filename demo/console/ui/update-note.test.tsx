// A console left open across a server upgrade runs the older release's code until reloaded: the
// server's welcome names the console build it serves, and a page of another build asks for a reload.
import { act, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { renderConsole, stopConsoles } from '../test-render';
import { ME } from '../test-support';

afterEach(() => {
  stopConsoles();
});

/** A console of `build` (undefined: no build, as in tests and Vite's dev server), welcomed by a server serving `serverBuild`. */
function welcomedBy(serverBuild: string | undefined, build: string | undefined, language = 'en-US') {
  const c = renderConsole({ build, language });
  act(() => {
    c.last().open();
    c.last().receive({ type: 'welcome', agent: ME, heartbeatMs: 30_000, emailsReplies: false, ...(serverBuild ? { consoleBuild: serverBuild } : {}) });
  });
  return c;
}

const note = () => screen.queryByText(/Kohtaamo was updated|Kohtaamo on päivitetty/);

describe('a console older than its server', () => {
  it('asks the agent to reload, calmly, and Reload loads the page again', () => {
    const c = welcomedBy('index-New22.js', 'index-Old11.js');
    // A status beside the connection's, not an alert: nothing went wrong.
    const status = screen.getAllByRole('status').find((el) => el.textContent?.includes('updated'));
    expect(status?.textContent).toContain('Kohtaamo was updated. Reload the page to get the new version – your drafts and replies still on their way are kept.');
    expect(status!.closest('[role="alert"], [aria-live="assertive"]')).toBeNull();
    expect(c.reloads.count).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(c.reloads.count).toBe(1);
  });

  it('keeps asking after a reconnect to a server that does not say its build', () => {
    const c = welcomedBy('index-New22.js', 'index-Old11.js');
    act(() => c.last().drop(1006));
    c.connect(c.last());
    expect(note()).not.toBeNull();
  });

  it('says it in Finnish to a Finnish agent', () => {
    welcomedBy('index-New22.js', 'index-Old11.js', 'fi-FI');
    expect(note()!.textContent).toBe('Kohtaamo on päivitetty. Lataa sivu uudelleen, niin saat uuden version – luonnoksesi ja vielä matkalla olevat vastauksesi säilyvät.Lataa uudelleen');
  });

  it('says nothing when the builds are the same, or either side has none', () => {
    for (const [server, page] of [
      ['index-Same.js', 'index-Same.js'],
      [undefined, 'index-Old11.js'],
      ['index-New22.js', undefined],
      [undefined, undefined],
    ] as const) {
      welcomedBy(server, page);
      expect(note()).toBeNull();
      expect(screen.queryByRole('button', { name: 'Reload' })).toBeNull();
      stopConsoles();
    }
  });
});
