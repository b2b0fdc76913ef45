// Where the keyboard's focus goes when what it was on leaves the page by someone else's doing (a
// colleague, the visitor): not to the page's body, where a screen reader says nothing and the next
// Tab starts from the top, but to the conversation's heading, with a word of why.
import { fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { renderConsole, stopConsoles } from '../test-render';
import { ME, summary } from '../test-support';

afterEach(stopConsoles);

const EERO = { id: 'eero', name: 'Eero' };

function onClaim(language = 'en-US') {
  const c = renderConsole({ language });
  c.connect();
  c.receive({ type: 'queue', conversations: [summary({ visitor: { name: 'Matti' } })] });
  fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
  const claim = screen.getByRole('button', { name: language === 'fi-FI' ? 'Ota' : 'Claim' });
  claim.focus();
  return c;
}

/** The words of the pane's polite live region that says why the focus moved. */
const said = () =>
  [...screen.getByRole('main').querySelectorAll('[aria-live="polite"]')]
    .map((region) => region.textContent)
    .join('|');

describe('the focus on Claim, when the conversation goes to someone else', () => {
  it('goes to the heading when a colleague claims it first, and says who has it', () => {
    const c = onClaim();
    c.receive({ type: 'queue', conversations: [summary({ visitor: { name: 'Matti' }, status: 'active', agent: EERO })] });
    expect(screen.queryByRole('button', { name: 'Claim' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Matti' }));
    expect(said()).toContain('Eero is handling this conversation. Take it over to reply.');
  });

  it('goes to the heading when the visitor ends the chat while it waits, and says so (in Finnish too)', () => {
    const c = onClaim('fi-FI');
    c.receive(
      { type: 'events', conversationId: 'k1', events: [{ seq: 5, id: 'x', at: 0, role: 'system', body: { kind: 'closed', by: 'visitor' } }] },
      { type: 'queue', conversations: [] },
      { type: 'summary', conversation: summary({ visitor: { name: 'Matti' }, status: 'closed' }) },
    );
    expect(screen.queryByRole('button', { name: 'Ota' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Matti' }));
    expect(said()).toContain('Kävijä lopetti keskustelun.');
  });

  it('goes to the Message box, with nothing said, when the claim is the agent\'s own', () => {
    const c = onClaim();
    fireEvent.click(screen.getByRole('button', { name: 'Claim' }));
    c.receive({ type: 'queue', conversations: [summary({ visitor: { name: 'Matti' }, status: 'active', agent: ME })] });
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
    expect(said()).not.toContain('handling');
  });
});
