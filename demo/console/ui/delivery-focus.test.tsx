// The buttons by the transcript that take themselves away as they are pressed (a failed message's
// Retry and Keep as note, a notice's Dismiss) leave the keyboard where the agent was, not at the
// page's top, where the next Tab starts over from the top bar.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { renderConsole, stopConsoles } from '../test-render';
import { ME, summary, textEvent } from '../test-support';

afterEach(stopConsoles);

/** A connected console showing the agent's own conversation "Missä tilaukseni on?" (k1). */
function openedOnMine() {
  const c = renderConsole();
  c.connect();
  c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME })] });
  fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
  return c;
}

const log = () => screen.getByRole('log', { name: 'Transcript' });
const box = () => screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;

function send(text: string): void {
  fireEvent.input(box(), { target: { value: text } });
  fireEvent.keyDown(box(), { key: 'Enter' });
}

function press(button: HTMLElement): void {
  button.focus();
  fireEvent.click(button);
}

describe('a failed message', () => {
  it("keeps the keyboard on the message through Retry, its failing again, and its getting through", async () => {
    const c = openedOnMine();
    send('Hetki, tarkistan.');
    const msg = c.last().sentOf('msg')[0];
    c.receive({ type: 'error', code: 'rate_limited', message: 'x', id: String(msg?.id) });
    const text = within(log()).getByText('Hetki, tarkistan.');
    const line = text.closest('li')!;

    press(within(line).getByRole('button', { name: 'Retry' }));
    expect(within(line).getByText('Sending…')).toBeTruthy();
    expect(document.activeElement).toBe(text);

    c.receive({ type: 'error', code: 'rate_limited', message: 'x', id: String(msg?.id) });
    expect(within(line).getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(document.activeElement).toBe(text);

    press(within(line).getByRole('button', { name: 'Retry' }));
    c.receive(
      { type: 'ack', id: String(msg?.id), conversationId: 'k1', seq: 6 },
      { type: 'events', conversationId: 'k1', events: [textEvent(6, 'agent', 'Hetki, tarkistan.', String(msg?.id))] },
    );
    expect(within(log()).getByText('Sent')).toBeTruthy();
    // Nothing moves it later either.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(document.activeElement).toBe(within(log()).getByText('Hetki, tarkistan.'));
  });

  it('leaves the keyboard on the heading when Keep as note takes the line away, the Message box being closed', async () => {
    const c = openedOnMine();
    send('Tilauksesi lähti tänään.');
    const msg = c.last().sentOf('msg')[0];
    c.receive(
      { type: 'events', conversationId: 'k1', events: [{ seq: 5, id: 'x', at: 0, role: 'system', body: { kind: 'closed', by: 'visitor' } }] },
      { type: 'error', code: 'conversation_closed', message: 'The conversation is closed.', id: String(msg?.id) },
    );
    const failed = within(log()).getByText('Tilauksesi lähti tänään.').closest('li')!;
    press(within(failed).getByRole('button', { name: 'Keep as note' }));
    expect(failed.isConnected).toBe(false);
    await waitFor(() => expect(document.activeElement).toBe(document.getElementById('conversation-title')));
  });
});

describe("a notice's Dismiss", () => {
  it('leaves the keyboard on the Message box as the notice goes', () => {
    const c = openedOnMine();
    send('Hei');
    c.receive({ type: 'error', code: 'not_assigned', message: 'x' });
    const notice = screen.getByRole('alert');
    expect(notice.textContent).not.toBe('');
    press(within(notice).getByRole('button', { name: 'Dismiss' }));
    expect(notice.textContent).toBe('');
    expect(document.activeElement).toBe(box());
  });
});
