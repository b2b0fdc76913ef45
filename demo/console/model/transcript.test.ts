import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../../protocol/events';
import { awaitsReply, mergeEvents, resumeSeq } from './transcript';

const text = (seq: number, t = `m${seq}`): ConversationEvent => ({ seq, id: `e${seq}`, at: seq, role: 'visitor', body: { kind: 'text', text: t } });

describe('mergeEvents', () => {
  it('orders by seq and drops repeats from a replay', () => {
    const merged = mergeEvents([text(1), text(3)], [text(3), text(2), text(2), text(4)]);
    expect(merged.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it('returns the same list when nothing is new, so views do not re-render', () => {
    const known = [text(1)];
    expect(mergeEvents(known, [text(1)])).toBe(known);
  });
});

describe('resumeSeq', () => {
  it.each([
    [[], 0],
    [[1, 2, 3], 3],
    [[1, 2, 4], 2],
    [[2, 3], 0],
  ])('%j resumes after %i', (seqs, expected) => {
    expect(resumeSeq(seqs.map((s) => text(s)))).toBe(expected);
  });
});

describe('awaitsReply', () => {
  const agent = (seq: number): ConversationEvent => ({ ...text(seq), role: 'agent' });
  const note = (seq: number): ConversationEvent => ({ seq, id: `e${seq}`, at: seq, role: 'agent', body: { kind: 'note', text: 'hyvitys luvattu' } });
  it.each([
    ['nothing written', [], false],
    ["the visitor's message last", [agent(1), text(2)], true],
    ['a reply after it', [text(1), agent(2)], false],
    // A note is for colleagues: the visitor still waits.
    ['only a note after it', [text(1), note(2)], true],
  ])('%s: %s', (_name, events, expected) => {
    expect(awaitsReply(events)).toBe(expected);
  });
});
