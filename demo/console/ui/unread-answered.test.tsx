// "New" is what the agent has not seen, not what this tab has not shown: a second tab, another
// computer or a reopened tab does not call new what the agent already answered (or read) there.
// A conversation passed to them still shows its messages new: a colleague's answer is not theirs.
import { screen } from '@testing-library/preact';
import { afterEach, expect, it } from 'vitest';
import type { ConversationEvent } from '../../../protocol/events';
import { renderConsole, stopConsoles } from '../test-render';
import { botPart, ME, summary, textEvent } from '../test-support';

afterEach(stopConsoles);

const at = Date.UTC(2026, 10, 23, 20, 30);
const joined = (seq: number, agent: string, passed = false): ConversationEvent => ({ seq, id: `j${seq}`, at, role: 'system', body: { kind: 'joined', agent, ...(passed ? { passed: true as const } : {}) } });
const read = (seq: number, through: number): ConversationEvent => ({ seq, id: `read.${through}`, at, role: 'system', body: { kind: 'read', through } });
const reply = (seq: number, text: string, name: string): ConversationEvent => ({ ...textEvent(seq, 'agent', text), name });

/** A console just opened (nothing kept in the tab) for the agent who has k1 now. */
function freshConsole(events: ConversationEvent[]) {
  const c = renderConsole();
  c.connect();
  c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME })] });
  c.receive({ type: 'events', conversationId: 'k1', events: [...botPart(), ...events] });
  return c;
}

const card = () => screen.getByRole('button', { name: /Missä tilaukseni on/ });

it('in a new tab, does not call new what the agent answered, only what came after their reply', () => {
  const c = freshConsole([joined(5, ME.name), textEvent(6, 'visitor', 'Tilaus tuli rikki'), textEvent(7, 'visitor', 'Mitä teen?'), read(8, 7), reply(9, 'Lähetä kuva, kiitos', ME.name)]);
  expect(card().textContent).not.toContain('new');
  expect(c.model.newMessages.value).toBe(0);
  c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(10, 'visitor', 'Tässä')] });
  expect(card().textContent).toContain('1 new');
});

it('in a new tab, does not call new what the agent had on screen in their own conversation, answered or not', () => {
  freshConsole([joined(5, ME.name), textEvent(6, 'visitor', 'Tilaus tuli rikki'), read(7, 6), textEvent(8, 'visitor', 'Haloo?')]);
  expect(card().textContent).toContain('1 new');
});

it('a conversation passed to the agent shows them new what the colleague read and answered', () => {
  const c = freshConsole([
    joined(5, 'Pekka'),
    textEvent(6, 'visitor', 'Tilaus tuli rikki'),
    read(7, 6),
    reply(8, 'Selvitän', 'Pekka'),
    textEvent(9, 'visitor', 'Kiitos'),
    joined(10, ME.name, true),
  ]);
  expect(card().textContent).toContain('2 new');
  expect(c.model.newMessages.value).toBe(2);
});
