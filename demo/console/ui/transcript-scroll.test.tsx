// Where the transcript is scrolled as events arrive: an agent at the bottom follows the
// conversation; one who scrolled up to read is left there, told that new lines came.
import { fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../../protocol/events';
import { renderConsole, stopConsoles } from '../test-render';
import { botPart, ME, summary, textEvent } from '../test-support';

afterEach(stopConsoles);

const seen = (seq: number, through: number): ConversationEvent => ({ seq, id: `seen.${through}`, at: Date.UTC(2026, 10, 23, 21, 0), role: 'system', body: { kind: 'seen', through } });
const newMessages = () => screen.queryByRole('button', { name: /New messages/ });

/**
 * The agent's own conversation open, forty lines long. happy-dom lays nothing out: the column
 * says how tall its content is and its window, as a browser would; `read` scrolls it as the agent does.
 */
function longConversation() {
  const c = renderConsole();
  c.connect();
  c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME })] });
  fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
  const column = screen.getByRole('log', { name: 'Transcript' }).closest('main')!;
  const size = { height: 4000 };
  Object.defineProperty(column, 'scrollHeight', { configurable: true, get: () => size.height });
  Object.defineProperty(column, 'clientHeight', { configurable: true, get: () => 600 });
  const talk = Array.from({ length: 40 }, (_, i) => textEvent(5 + i, i % 2 ? 'agent' : 'visitor', `viesti ${5 + i}`));
  c.receive({ type: 'events', conversationId: 'k1', events: [...botPart(), ...talk] });
  const read = (scrollTop: number) => {
    column.scrollTop = scrollTop;
    fireEvent.scroll(column);
  };
  return { c, column, size, read };
}

describe('the transcript, scrolled', () => {
  it('stays where an agent reading back left it: a seen mark moves nothing, a message says "New messages" instead', () => {
    const { c, column, size, read } = longConversation();
    expect(column.scrollTop).toBe(4000);
    read(800);
    // The visitor saw the last reply: no line is added, nothing moves, nothing is new.
    c.receive({ type: 'events', conversationId: 'k1', events: [seen(45, 44)] });
    expect(column.scrollTop).toBe(800);
    expect(newMessages()).toBeNull();

    size.height = 4100;
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(46, 'visitor', 'Onko paketti lähtenyt?')] });
    expect(column.scrollTop).toBe(800);
    // Outside the log, which reads the message itself out.
    expect(newMessages()?.closest('[role=log]')).toBeNull();

    // Down by hand to the bottom: nothing below is new any more.
    read(4100 - 600);
    expect(newMessages()).toBeNull();
  });

  it('takes the agent to the newest line with the button, and the focus to the Message box', () => {
    const { c, column, size, read } = longConversation();
    read(800);
    size.height = 4100;
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(45, 'visitor', 'Haloo?')] });
    fireEvent.click(newMessages()!);
    expect(column.scrollTop).toBe(4100);
    expect(newMessages()).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
  });

  it('follows the conversation for an agent at the bottom, and for one who sends a message from further up', () => {
    const { c, column, size, read } = longConversation();
    size.height = 4100;
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(45, 'visitor', 'Haloo?')] });
    expect(column.scrollTop).toBe(4100);
    expect(newMessages()).toBeNull();

    read(800);
    size.height = 4200;
    const box = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.input(box, { target: { value: 'Katson heti.' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(column.scrollTop).toBe(4200);
    expect(newMessages()).toBeNull();
  });
});
