import { describe, expect, it } from 'vitest';
import { dateText } from './format';
import { consoleLang, STRINGS } from './strings';

describe('format', () => {
  it.each([
    [20_000, 'just now', 'juuri nyt'],
    [4 * 60_000, '4 min', '4 min'],
    [72 * 60_000, '1 h 12 min', '1 h 12 min'],
    [120 * 60_000, '2 h', '2 h'],
    [50 * 3_600_000, '2 d', '2 vrk'],
  ])('%i ms waited reads "%s", in Finnish "%s"', (ms, en, fi) => {
    expect(STRINGS.en.duration(ms)).toBe(en);
    expect(STRINGS.fi.duration(ms)).toBe(fi);
  });

  it.each([
    [1, '1 KB', '1 kt'],
    [340 * 1024, '340 KB', '340 kt'],
    [1023 * 1024, '1023 KB', '1023 kt'],
    [1024 * 1024 - 100, '1.0 MB', '1,0 Mt'],
    [Math.round(1.2 * 1024 * 1024), '1.2 MB', '1,2 Mt'],
    [10 * 1024 * 1024, '10.0 MB', '10,0 Mt'],
  ])('a file of %i bytes is "%s", in Finnish "%s"', (bytes, en, fi) => {
    expect(STRINGS.en.fileSize(bytes)).toBe(en);
    expect(STRINGS.fi.fileSize(bytes)).toBe(fi);
  });

  it('names the handoff reason in words', () => {
    expect(STRINGS.en.reason.asked_for_person).toBe('Asked for a person');
    expect(STRINGS.fi.reason.asked_for_person).toBe('Pyysi ihmistä');
  });

  it('speaks Finnish to a Finnish browser unless the agent chose otherwise', () => {
    expect([consoleLang(null, 'fi-FI'), consoleLang(null, 'fi'), consoleLang(null, 'en-US'), consoleLang(null, 'sv-FI'), consoleLang('en', 'fi-FI'), consoleLang('fi', 'en-GB')]).toEqual([
      'fi',
      'fi',
      'en',
      'en',
      'en',
      'fi',
    ]);
  });

  it('formats dates in the pinned zone', () => {
    expect(dateText(Date.UTC(2026, 10, 23, 8, 5))).toBe('2026-11-23 08:05');
  });
});
