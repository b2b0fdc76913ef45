// How much of a long transcript is drawn again as events arrive: only what changed. Each
// visitor message is followed by the console's own `read` echoed back; drawing 2,000 messages
// for each was two long tasks per message on a slow laptop.
import { fireEvent, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationEvent } from '../../../protocol/events';
import { renderConsole, stopConsoles } from '../test-render';
import { botPart, ME, summary, textEvent } from '../test-support';

// Every text bubble draws its words with LinkedText; every draw of the transcript finds its Seen mark.
const spies = vi.hoisted(() => ({ text: { calls: 0 }, transcript: { calls: 0 } }));
vi.mock('./LinkedText', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./LinkedText')>();
  return { LinkedText: (props: Parameters<typeof actual.LinkedText>[0]) => (spies.text.calls++, actual.LinkedText(props)) };
});
vi.mock('../model/transcript', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../model/transcript')>();
  return { ...actual, seenMark: (events: Parameters<typeof actual.seenMark>[0]) => (spies.transcript.calls++, actual.seenMark(events)) };
});

afterEach(stopConsoles);
beforeEach(() => {
  spies.text.calls = 0;
  spies.transcript.calls = 0;
});

const drawn = () => {
  const counts = { texts: spies.text.calls, transcripts: spies.transcript.calls };
  spies.text.calls = 0;
  spies.transcript.calls = 0;
  return counts;
};
const record = (seq: number, body: ConversationEvent['body']): ConversationEvent => ({ seq, id: `r${seq}`, at: Date.UTC(2026, 10, 23, 21, 0), role: 'system', body });

describe('a long transcript', () => {
  it('draws only the new message and the line whose mark moved; a record that shows nothing draws nothing', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME, lastSeq: 204 })] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    const talk = Array.from({ length: 200 }, (_, i) => textEvent(5 + i, i % 2 ? 'agent' : 'visitor', `viesti ${5 + i}`));
    c.receive({ type: 'events', conversationId: 'k1', events: [...botPart(), ...talk] });
    expect(drawn().texts).toBeGreaterThanOrEqual(200);

    // The visitor writes: their line, and the agent's last reply, which no longer says "Sent".
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(205, 'visitor', 'Kiitos, entä lasku?')] });
    expect(drawn().texts).toBe(2);
    // The console told the server it read it; the echo draws nothing, not even the list.
    expect(c.last().sentOf('read').at(-1)).toEqual({ type: 'read', conversationId: 'k1', seq: 205 });
    c.receive({ type: 'events', conversationId: 'k1', events: [record(206, { kind: 'read', through: 205 })] });
    expect(drawn()).toEqual({ texts: 0, transcripts: 0 });
    // Nor a queue frame with the conversation's new last seq.
    c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME, lastSeq: 206 })] });
    expect(drawn()).toEqual({ texts: 0, transcripts: 0 });

    // A `seen` draws nothing itself, but puts "Seen" under the reply it names: that line only.
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(207, 'agent', 'Lasku tulee sähköpostiin.')] });
    expect(drawn().texts).toBe(1);
    c.receive({ type: 'events', conversationId: 'k1', events: [record(208, { kind: 'seen', through: 207 })] });
    expect(drawn().texts).toBe(1);
    expect(screen.getByText('Lasku tulee sähköpostiin.').closest('li')?.textContent).toContain('Seen by the visitor');
  });

  it('draws every line again for a switch of language', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME })] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    c.receive({ type: 'events', conversationId: 'k1', events: [...botPart(), textEvent(5, 'visitor', 'Hei'), textEvent(6, 'agent', 'Hei!')] });
    fireEvent.click(screen.getByRole('button', { name: 'Suomeksi' }));
    expect(screen.getByText('Hei!').closest('li')?.textContent).toContain('Lähetetty');
  });
});
