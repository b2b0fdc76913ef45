import { describe, expect, it } from 'vitest';
import { answerProbability } from './calibration';
import { DEFAULT_OPTIONS } from './options';
import type { AnswerEvidence } from './types';

// A two-word question the best entry explains fully, far ahead of any other.
const clear: AnswerEvidence = { confidence: 0.9, unknown: 0, rival: 0, margin: 0.8, rankMargin: 0.8, words: 2, story: 0 };

describe('answerProbability (the fitted answer model)', () => {
  it('answers a message the best entry explains fully and clearly', () => {
    expect(answerProbability(clear)).toBeGreaterThan(DEFAULT_OPTIONS.answerThreshold);
    expect(answerProbability(clear)).toBeLessThan(1);
  });

  it('doubts a message half made of words the FAQ lacks', () => {
    const half = { ...clear, confidence: 0.45, unknown: 0.5 };
    expect(answerProbability(half)).toBeLessThan(DEFAULT_OPTIONS.answerThreshold);
    expect(answerProbability(half)).toBeGreaterThan(0);
  });

  it.each<[string, Partial<AnswerEvidence>]>([
    ['less confidence', { confidence: 0.6 }],
    ['more unknown words', { unknown: 0.3 }],
    ['more words of other entries', { rival: 0.3 }],
    ['a smaller lead in ranking', { rankMargin: 0.2 }],
  ])('is less sure with %s', (_, change) => {
    expect(answerProbability({ ...clear, ...change })).toBeLessThan(answerProbability(clear));
  });
});
