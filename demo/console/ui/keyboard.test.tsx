// Moving between conversations from the keyboard, as an agent with several chats does.
import { fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { renderConsole, stopConsoles } from '../test-render';
import { ME, summary, textEvent } from '../test-support';

afterEach(stopConsoles);

const open = () => screen.getByRole('main').querySelector('h2')?.textContent;
const press = (key: 'ArrowDown' | 'ArrowUp', shift = false, target: Element = document.body) => fireEvent.keyDown(target, { key, altKey: true, shiftKey: shift });

function withQueue() {
  const c = renderConsole();
  c.connect();
  c.receive({
    type: 'queue',
    conversations: [
      summary({ id: 'w1', visitor: { name: 'Odottaja' }, createdAt: 1 }),
      summary({ id: 'm1', visitor: { name: 'Matti' }, status: 'active', agent: ME, createdAt: 2 }),
      summary({ id: 'm2', visitor: { name: 'Maija' }, status: 'active', agent: ME, createdAt: 3 }),
      summary({ id: 'm3', visitor: { name: 'Mikko' }, status: 'active', agent: ME, createdAt: 4 }),
    ],
  });
  return c;
}

describe('Alt+↑ and Alt+↓', () => {
  it('open the next and previous conversation in the queue, from the message box too', () => {
    withQueue();
    expect(screen.getByRole('navigation', { name: 'Queue' }).getAttribute('aria-keyshortcuts')).toContain('Alt+ArrowDown');
    // The agent's own first, as the queue lists them, then who waits.
    press('ArrowDown');
    expect(open()).toBe('Matti');
    press('ArrowDown');
    expect(open()).toBe('Maija');
    press('ArrowDown', false, screen.getByRole('textbox', { name: 'Message' }));
    expect(open()).toBe('Mikko');
    press('ArrowDown');
    expect(open()).toBe('Odottaja');
    press('ArrowUp');
    expect(open()).toBe('Mikko');
    // At the top it stays.
    press('ArrowUp');
    press('ArrowUp');
    press('ArrowUp');
    expect(open()).toBe('Matti');
    // Without Alt, arrows are the page's and the message box's own.
    fireEvent.keyDown(document.body, { key: 'ArrowDown' });
    expect(open()).toBe('Matti');
  });

  it('leave a list alone: Alt+↓ on a select opens it, as the browser does, and on the FAQ match\'s box its list', async () => {
    const c = withQueue();
    c.receive({ type: 'colleagues', agents: [{ ...ME, available: true }, { id: 'eero', name: 'Eero', available: true }] });
    press('ArrowDown');
    expect(open()).toBe('Matti');
    const list = screen.getByRole('combobox', { name: 'Colleague to pass to' });
    // Not cancelled: the browser opens the list.
    expect(press('ArrowDown', false, list)).toBe(true);
    expect(press('ArrowUp', false, list)).toBe(true);
    expect(open()).toBe('Matti');
    const faqMatch = await screen.findByRole('combobox', { name: /Which FAQ entry/ });
    press('ArrowDown', false, faqMatch);
    expect(screen.getByRole('listbox', { name: /Which FAQ entry/ })).toBeTruthy();
    press('ArrowUp', false, faqMatch);
    expect(screen.queryByRole('listbox', { name: /Which FAQ entry/ })).toBeNull();
    expect(open()).toBe('Matti');
    fireEvent.click(screen.getByRole('button', { name: 'Report' }));
    expect(press('ArrowDown', false, screen.getByRole('combobox', { name: 'Period' }))).toBe(true);
    expect(screen.getByRole('main', { name: 'How visitors were served' })).toBeTruthy();
  });

  it('keep the focus in the composer, on the next conversation\'s Message box, or on its heading where the agent may not write', () => {
    withQueue();
    press('ArrowDown');
    const box = () => screen.getByRole('textbox', { name: 'Message' });
    box().focus();
    const before = box();
    press('ArrowDown', false, before);
    expect(open()).toBe('Maija');
    // A new composer, and the focus in it, not fallen to the page.
    expect(box()).not.toBe(before);
    expect(document.activeElement).toBe(box());
    press('ArrowDown', false, box());
    press('ArrowDown', false, box());
    // A visitor waiting: nobody writes there before a claim, so on the heading, which says whose it is.
    expect(open()).toBe('Odottaja');
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Odottaja', level: 2 }));
  });

  it('leave the focus in the queue where it was', () => {
    withQueue();
    const entry = screen.getByRole('button', { name: /Odottaja/ });
    entry.focus();
    press('ArrowDown', false, entry);
    press('ArrowDown', false, entry);
    expect(open()).toBe('Maija');
    expect(document.activeElement).toBe(entry);
  });

  it('with Shift, skip to the nearest conversation with new visitor messages', () => {
    const c = withQueue();
    c.receive({ type: 'events', conversationId: 'm3', events: [textEvent(5, 'visitor', 'Onko paketti lähtenyt?')] });
    press('ArrowDown', true);
    expect(open()).toBe('Mikko');
    // Read now: nothing newer below, and above nothing new either.
    press('ArrowUp', true);
    expect(open()).toBe('Mikko');
  });
});

describe('the focus, when the button that had it goes away', () => {
  /** The agent's own conversation open, its heading the visitor's name. */
  function mineOpen() {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME, visitor: { name: 'Matti' } })] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    return c;
  }
  const heading = () => screen.getByRole('heading', { name: 'Matti', level: 2 });
  /** Presses the button from the keyboard: focused, then clicked. */
  const pressButton = (name: string) => {
    const button = screen.getByRole('button', { name });
    button.focus();
    fireEvent.click(button);
    return button;
  };

  it('goes to the conversation heading once Return to queue is done', () => {
    const c = mineOpen();
    const button = pressButton('Return to queue');
    // Still there while the server works on it: the focus stays.
    expect(document.activeElement).toBe(button);
    const release = c.last().sentOf('release')[0];
    c.receive({ type: 'ack', id: String(release?.id), conversationId: 'k1', seq: 5 }, { type: 'queue', conversations: [summary({ visitor: { name: 'Matti' } })] });
    expect(screen.queryByRole('button', { name: 'Return to queue' })).toBeNull();
    expect(document.activeElement).toBe(heading());
  });

  it('goes to the conversation heading once Close conversation is done', () => {
    const c = mineOpen();
    pressButton('Close conversation');
    const close = c.last().sentOf('close')[0];
    c.receive(
      { type: 'ack', id: String(close?.id), conversationId: 'k1', seq: 5 },
      { type: 'events', conversationId: 'k1', events: [{ seq: 5, id: 'x', at: 0, role: 'system', body: { kind: 'closed', by: 'agent' } }] },
      { type: 'queue', conversations: [] },
    );
    expect(screen.queryByRole('button', { name: 'Close conversation' })).toBeNull();
    expect(document.activeElement).toBe(heading());
  });

  it('goes to the conversation heading once the colleague has it after Pass', () => {
    const c = mineOpen();
    c.receive({ type: 'colleagues', agents: [{ ...ME, available: true }, { id: 'eero', name: 'Eero', available: true }] });
    pressButton('Pass');
    c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: { id: 'eero', name: 'Eero' }, visitor: { name: 'Matti' } })] });
    expect(screen.queryByRole('button', { name: 'Pass' })).toBeNull();
    expect(document.activeElement).toBe(heading());
  });
});
