// What the console's live regions say to a screen reader, and how often: once per thing that
// happened, never the same words again for a step the agent did not need to hear.
import { fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../../protocol/events';
import { renderConsole, stopConsoles } from '../test-render';
import { botPart, ME, summary, textEvent } from '../test-support';

afterEach(stopConsoles);

const claimed = (overrides = {}) => summary({ status: 'active', agent: ME, ...overrides });
/** The politeness a screen reader applies to this element: its own aria-live, or the nearest region's. */
const liveness = (el: Element | null) => el?.closest('[aria-live]')?.getAttribute('aria-live') ?? null;

describe("the agent's own message in the transcript", () => {
  it('is read once: its delivery states and "Seen" are not, and the server\'s copy takes the same element', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [claimed()] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    c.receive({ type: 'events', conversationId: 'k1', events: botPart() });
    const log = screen.getByRole('log', { name: 'Transcript' });
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.input(box, { target: { value: 'Hei! Katsotaan.' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    const msg = c.last().sentOf('msg')[0];
    const line = within(log).getByText('Hei! Katsotaan.').closest('li');
    expect(liveness(within(log).getByText('Sending…'))).toBe('off');

    c.receive({ type: 'ack', id: String(msg?.id), conversationId: 'k1', seq: 5 });
    expect(liveness(within(log).getByText('Sent'))).toBe('off');
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'agent', 'Hei! Katsotaan.', String(msg?.id))] });
    // Not removed and added anew, which the log would read as a new message.
    expect(within(log).getByText('Hei! Katsotaan.').closest('li')).toBe(line);
    expect(liveness(within(log).getByText('Sent'))).toBe('off');

    const seen: ConversationEvent = { seq: 6, id: 'seen.5', at: Date.UTC(2026, 10, 23, 20, 12), role: 'system', body: { kind: 'seen', through: 5 } };
    c.receive({ type: 'events', conversationId: 'k1', events: [seen] });
    expect(liveness(within(log).getByText(/Seen by the visitor/))).toBe('off');
  });

  it('says why it failed, with Retry, as the log says a new line', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [claimed()] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.input(box, { target: { value: 'Hei' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    c.receive({ type: 'error', code: 'rate_limited', message: 'x', id: String(c.last().sentOf('msg')[0]?.id) });
    const log = screen.getByRole('log', { name: 'Transcript' });
    expect(liveness(within(log).getByText(/Too many messages/))).toBe('polite');
  });
});
