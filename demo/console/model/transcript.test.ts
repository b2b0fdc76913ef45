import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../../protocol/events';
import { mergeEvents, resumeSeq } from './transcript';

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
