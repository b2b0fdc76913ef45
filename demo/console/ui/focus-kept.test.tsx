// Where the keyboard's focus goes when what it was on leaves the page by someone else's doing (a
// colleague, the visitor): not to the page's body, where a screen reader says nothing and the next
// Tab starts from the top, but to the conversation's heading, with a word of why.
import { fireEvent, screen, waitFor } from '@testing-library/preact';
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

/**
 * The server's frames as a browser has them: each its own task, each rendered at once, the effects only after the
 * next paint. So a render for one frame (the claim no longer pending) may come before the one that takes Claim away.
 */
async function framesApart(c: ReturnType<typeof renderConsole>, ...frames: Parameters<ReturnType<typeof renderConsole>['receive']>) {
  for (const frame of frames) {
    c.last().receive(frame);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  await waitFor(() => expect(document.activeElement).not.toBe(document.body));
}

describe("the agent's own actions on the conversation's head", () => {
  it('says nothing after the agent claims, when the ack and the queue come as separate frames', async () => {
    const c = onClaim();
    fireEvent.click(screen.getByRole('button', { name: 'Claim' }));
    const id = String(c.last().sentOf('claim')[0]?.id);
    await framesApart(c, { type: 'ack', id, conversationId: 'k1', seq: 5 }, { type: 'queue', conversations: [summary({ visitor: { name: 'Matti' }, status: 'active', agent: ME })] });
    expect(screen.getByRole('main').querySelector('.status')?.textContent).toContain('Active · you');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
    expect(said()).not.toContain('handling');
  });

  it('says nothing after the agent takes a colleague\'s conversation over', async () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ visitor: { name: 'Matti' }, status: 'active', agent: EERO })] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    const takeOver = screen.getByRole('button', { name: 'Take over from Eero' });
    takeOver.focus();
    fireEvent.click(takeOver);
    const id = String(c.last().sentOf('claim')[0]?.id);
    await framesApart(c, { type: 'ack', id, conversationId: 'k1', seq: 5 }, { type: 'queue', conversations: [summary({ visitor: { name: 'Matti' }, status: 'active', agent: ME })] });
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
    expect(said()).not.toContain('handling');
  });

  it('leaves no word of an earlier move standing once the agent acts: claimed by Eero, taken back, closed', async () => {
    const c = onClaim();
    c.receive({ type: 'queue', conversations: [summary({ visitor: { name: 'Matti' }, status: 'active', agent: EERO })] });
    expect(said()).toContain('Eero is handling this conversation.');
    const takeOver = screen.getByRole('button', { name: 'Take over from Eero' });
    takeOver.focus();
    fireEvent.click(takeOver);
    expect(said()).not.toContain('handling');
    const id = String(c.last().sentOf('claim')[0]?.id);
    await framesApart(c, { type: 'ack', id, conversationId: 'k1', seq: 5 }, { type: 'queue', conversations: [summary({ visitor: { name: 'Matti' }, status: 'active', agent: ME })] });
    const close = screen.getByRole('button', { name: 'Close conversation' });
    close.focus();
    fireEvent.click(close);
    const closing = String(c.last().sentOf('close')[0]?.id);
    await framesApart(
      c,
      { type: 'ack', id: closing, conversationId: 'k1', seq: 6 },
      { type: 'queue', conversations: [] },
      { type: 'summary', conversation: summary({ visitor: { name: 'Matti' }, status: 'closed', agent: ME }) },
    );
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Matti' }));
    expect(said().replaceAll('|', '')).toBe('');
  });
});

describe('what the pane said of a move by someone else', () => {
  it('follows a switch of language', () => {
    const c = onClaim();
    c.receive({ type: 'queue', conversations: [summary({ visitor: { name: 'Matti' }, status: 'active', agent: EERO })] });
    expect(said()).toContain('Eero is handling this conversation. Take it over to reply.');
    fireEvent.click(screen.getByRole('button', { name: 'Suomeksi' }));
    expect(said()).toContain('Eero hoitaa tätä keskustelua. Ota se haltuun vastataksesi.');
    expect(said()).not.toContain('handling');
  });
});
