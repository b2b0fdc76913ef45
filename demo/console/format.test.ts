import { describe, expect, it } from 'vitest';
import { dateText } from './format';
import { consoleLang, STRINGS, visitorHereText } from './strings';

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
    // Today, the agent's (tests pin TZ=UTC): the time alone.
    [Date.UTC(2026, 10, 25, 0, 0), '00:00', '00:00'],
    [Date.UTC(2026, 10, 25, 5, 14), '05:14', '05:14'],
    [Date.UTC(2026, 10, 24, 23, 59), 'yesterday 23:59', 'eilen 23:59'],
    [Date.UTC(2026, 10, 23, 5, 14), 'Mon 23 Nov 05:14', 'ma 23.11. 05:14'],
    [Date.UTC(2026, 0, 4, 17, 2), 'Sun 4 Jan 17:02', 'su 4.1. 17:02'],
    [Date.UTC(2025, 11, 31, 9, 30), 'Wed 31 Dec 2025 09:30', 'ke 31.12.2025 09:30'],
    // Later than the agent's clock says it is (a clock behind the server's): dated, never read as today's.
    [Date.UTC(2026, 10, 26, 8, 0), 'Thu 26 Nov 08:00', 'to 26.11. 08:00'],
  ])('a transcript time at %i, on 25 Nov 2026 at 12:00, reads "%s", in Finnish "%s"', (at, en, fi) => {
    const today = Date.UTC(2026, 10, 25, 12, 0);
    expect(STRINGS.en.when(at, today)).toBe(en);
    expect(STRINGS.fi.when(at, today)).toBe(fi);
  });

  it('counts days by the calendar across a change to summer time, a day of 23 hours', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'Europe/Helsinki';
    try {
      // Summer time began at 03:00 on Sunday 29 Mar 2026: from Saturday's midnight to Sunday's is 23 hours.
      expect(new Date(2026, 2, 29, 12).getTimezoneOffset()).toBe(-180);
      expect(STRINGS.en.when(new Date(2026, 2, 28, 22, 0).getTime(), new Date(2026, 2, 29, 23, 0).getTime())).toBe('yesterday 22:00');
      expect(STRINGS.en.when(new Date(2026, 2, 27, 22, 0).getTime(), new Date(2026, 2, 29, 23, 0).getTime())).toBe('Fri 27 Mar 22:00');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it.each([
    [1, '1 KB', '1 kt'],
    [50_195, '50 KB', '50 kt'],
    [340 * 1024, '340 KB', '340 kt'],
    [340 * 1024 + 1, '341 KB', '341 kt'],
    [999 * 1024, '999 KB', '999 kt'],
    [1023 * 1024, '1.0 MB', '1,0 Mt'],
    [1024 * 1024 - 100, '1.0 MB', '1,0 Mt'],
    [Math.round(1.2 * 1024 * 1024), '1.2 MB', '1,2 Mt'],
    [10 * 1024 * 1024, '10.0 MB', '10,0 Mt'],
    // The widget's rule, checked there on the same sizes (widget/app/i18n/strings.test.ts): agent and
    // visitor read one size for one file. demo/ may not import the widget: the two tables keep them one.
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

  it('says one in the singular, and that a visitor who came under a minute ago just arrived', () => {
    expect([STRINGS.fi.unread(1), STRINGS.fi.unread(2), STRINGS.en.unread(1)]).toEqual(['1 uusi', '2 uutta', '1 new']);
    const rating = (count: number) => ({ count, average: 4, satisfied: null });
    expect([STRINGS.fi.rating(rating(1)), STRINGS.fi.rating(rating(12))]).toEqual(['4,0 / 5, 1 arvio', '4,0 / 5, 12 arviota']);
    expect([STRINGS.en.rating(rating(1)), STRINGS.en.rating(rating(12))]).toEqual(['4.0 / 5 from 1 rating', '4.0 / 5 from 12 ratings']);
    for (const [ms, fi, en] of [
      [20_000, 'tuli juuri', 'just arrived'],
      [4 * 60_000, 'odottanut 4 min', 'waiting 4 min'],
    ] as const) {
      expect(STRINGS.fi.waitingFor(STRINGS.fi.duration(ms), ms)).toBe(fi);
      expect(STRINGS.en.waitingFor(STRINGS.en.duration(ms), ms)).toBe(en);
    }
    expect([visitorHereText(STRINGS.fi, { online: false, since: 0 }, 20_000), visitorHereText(STRINGS.fi, { online: false, since: 0 }, 4 * 60_000)]).toEqual([
      'kävijä lähti juuri',
      'kävijä lähti 4 min sitten',
    ]);
  });

  it('formats dates in the pinned zone', () => {
    expect(dateText(Date.UTC(2026, 10, 23, 8, 5))).toBe('2026-11-23 08:05');
  });

  it.each([
    // Intl's thin spaces around the dash between two whole dates; none between two bare days.
    ['2026-11-24', '2026-11-30', '24–30 Nov 2026', '24.–30.11.2026'],
    ['2026-10-27', '2026-11-25', '27 Oct\u2009–\u200925 Nov 2026', '27.10.–25.11.2026'],
    ['2025-11-26', '2026-11-25', '26 Nov 2025\u2009–\u200925 Nov 2026', '26.11.2025–25.11.2026'],
    ['2026-12-20', '2027-01-05', '20 Dec 2026\u2009–\u20095 Jan 2027', '20.12.2026–5.1.2027'],
    ['2026-11-24', '2026-11-24', '24 Nov 2026', '24.11.2026'],
  ])('a report from %s to %s reads "%s", in Finnish "%s"', (first, last, en, fi) => {
    expect(STRINGS.en.reportDays(first, last, 'Europe/Helsinki')).toBe(`${en}, days in Europe/Helsinki`);
    expect(STRINGS.fi.reportDays(first, last, 'Europe/Helsinki')).toBe(`${fi}, päivät aikavyöhykkeellä Europe/Helsinki`);
  });
});
