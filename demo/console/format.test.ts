import { describe, expect, it } from 'vitest';
import { dateText, durationText, reasonText } from './format';

describe('format', () => {
  it.each([
    [20_000, 'just now'],
    [4 * 60_000, '4 min'],
    [72 * 60_000, '1 h 12 min'],
    [120 * 60_000, '2 h'],
    [50 * 3_600_000, '2 d'],
  ])('%i ms waited reads "%s"', (ms, text) => {
    expect(durationText(ms)).toBe(text);
  });

  it('names the handoff reason in words', () => {
    expect(reasonText('asked_for_person')).toBe('Asked for a person');
  });

  it('formats dates in the pinned zone', () => {
    expect(dateText(Date.UTC(2026, 10, 23, 8, 5))).toBe('2026-11-23 08:05');
  });
});
