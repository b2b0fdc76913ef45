import { describe, expect, it } from 'vitest';
import { closesAt, nextOpening, parseOpeningHours, type OpeningHours } from './opening-hours';
import { timeZoneProblem } from './time-zone';

const helsinki = (spec: string) => parseOpeningHours(spec, 'Europe/Helsinki') as OpeningHours;
const at = (iso: string) => Date.parse(iso);

describe('opening hours', () => {
  it('reads days and hours in English or Finnish, ranges wrapping over the week end', () => {
    expect(helsinki('mon-fri 9-16, sat 10:30-14').days).toEqual([
      [[540, 960]], [[540, 960]], [[540, 960]], [[540, 960]], [[540, 960]], [[630, 840]], [],
    ]);
    expect(helsinki('ma-pe 8.00-12 13-17, la-ma 10-14').days[0]).toEqual([[480, 720], [780, 1020], [600, 840]]);
  });

  it('says what to fix in hours it cannot read', () => {
    expect(parseOpeningHours('mon-fry 9-16', 'Europe/Helsinki')).toMatch(/"fry" is not a day: write mon, tue/);
    expect(parseOpeningHours('mon-wed-fri 9-16', 'Europe/Helsinki')).toMatch(/"mon-wed-fri" is not a day or a range of days, like mon-fri/);
    expect(parseOpeningHours('constructor 9-16', 'Europe/Helsinki')).toMatch(/"constructor" is not a day/);
    expect(parseOpeningHours('mon-fri', 'Europe/Helsinki')).toMatch(/"mon-fri" needs days and hours, like "mon-fri 9-16, sat 10-14"/);
    expect(parseOpeningHours('mon-fri 16-9', 'Europe/Helsinki')).toMatch(/"16-9" is not hours from opening to closing/);
    expect(parseOpeningHours('mon 9:75-16', 'Europe/Helsinki')).toMatch(/"9:75-16" is not hours/);
    expect(timeZoneProblem('Europe/Helsingfors')).toMatch(/"Europe\/Helsingfors" is not a time zone: write one like Europe\/Helsinki/);
    expect(timeZoneProblem('Europe/Helsinki')).toBeNull();
  });

  it("is open in its hours, and otherwise names the next opening by the site's clock", () => {
    const hours = helsinki('mon-fri 9-16, sat 10-14');
    // Wednesday 25.11.2026 12:00 in Helsinki (UTC+2): open.
    expect(nextOpening(hours, at('2026-11-25T10:00:00Z'))).toBeNull();
    // Wednesday 07:30 there: opens at 9 the same day.
    expect(nextOpening(hours, at('2026-11-25T05:30:00Z'))).toBe(at('2026-11-25T07:00:00Z'));
    // Saturday 28.11. 20:00: closed until Monday 30.11. 9:00.
    expect(nextOpening(hours, at('2026-11-28T18:00:00Z'))).toBe(at('2026-11-30T07:00:00Z'));
    // Closing time itself is closed.
    expect(nextOpening(hours, at('2026-11-25T14:00:00Z'))).toBe(at('2026-11-26T07:00:00Z'));
  });

  it('says when an opening period ends, periods that meet as one, and nothing while closed', () => {
    const hours = helsinki('mon-fri 9-16, sat 10-12, sat 12-14');
    // Friday 27.11.2026 15:50 in Helsinki: closes at 16.
    expect(closesAt(hours, at('2026-11-27T13:50:00Z'))).toBe(at('2026-11-27T14:00:00Z'));
    expect(closesAt(hours, at('2026-11-27T14:00:00Z'))).toBeNull();
    // Saturday 10:30: 10-12 and 12-14 are one period.
    expect(closesAt(hours, at('2026-11-28T08:30:00Z'))).toBe(at('2026-11-28T12:00:00Z'));
    // Open over midnight into the next day, closed on the holiday after it.
    expect(closesAt(helsinki('mon-sun 0-24, closed 2026-12-24'), at('2026-12-22T10:00:00Z'))).toBe(at('2026-12-23T22:00:00Z'));
    // Never closing: nothing to wait for.
    expect(closesAt(helsinki('mon-sun 0-24'), at('2026-12-22T10:00:00Z'))).toBeNull();
  });

  it('keeps to the clock over the change to summer time', () => {
    // Saturday 27.3.2027 after closing in winter time (UTC+2); Monday 29.3. is in summer time (UTC+3).
    expect(nextOpening(helsinki('mon-fri 9-16, sat 10-14'), at('2027-03-27T13:00:00Z'))).toBe(at('2027-03-29T06:00:00Z'));
    // An opening at 3:30 on the night the clocks skip from 3 to 4 is when it is open: at 4:00 summer time.
    expect(nextOpening(helsinki('sun 3:30-5'), at('2027-03-27T13:00:00Z'))).toBe(at('2027-03-28T01:00:00Z'));
    expect(nextOpening(helsinki('sun 3:30-5'), at('2027-03-28T01:00:00Z'))).toBeNull();
  });

  // Each zone's days around its changes of clocks in 2026, with the hour its spring night skips and
  // the time told for it: the first moment after the gap (the hour turned back is told the first time).
  it.each([
    ['Europe/Helsinki', ['2026-03-28', '2026-03-29', '2026-10-24', '2026-10-25'], { '2026-03-29 03:00': '2026-03-29 04:00' }],
    ['America/Los_Angeles', ['2026-03-07', '2026-03-08', '2026-03-09', '2026-10-31', '2026-11-01'], { '2026-03-08 02:00': '2026-03-08 03:00' }],
    ['America/New_York', ['2026-03-08', '2026-11-01'], { '2026-03-08 02:00': '2026-03-08 03:00' }],
    ['Australia/Sydney', ['2026-04-04', '2026-04-05', '2026-10-03', '2026-10-04'], { '2026-10-04 02:00': '2026-10-04 03:00' }],
  ] as [string, string[], Record<string, string>][])('tells openings and closings at every hour by the clocks in %s on the days they change', (timeZone, days, skipped) => {
    const clock = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const wall = (moment: number) => clock.format(moment);
    const hour = 60 * 60 * 1000;
    for (const day of days) {
      const weekday = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][new Date(`${day}T12:00:00Z`).getUTCDay()]!;
      const twoDaysBefore = at(`${day}T00:00:00Z`) - 40 * hour;
      for (let h = 0; h < 24; h++) {
        const time = `${day} ${String(h).padStart(2, '0')}:00`;
        const shown = skipped[time] ?? time;
        const opening = nextOpening(parseOpeningHours(`${weekday} ${h}-24`, timeZone) as OpeningHours, twoDaysBefore)!;
        const midnight = nextOpening(parseOpeningHours(`${weekday} 0-${h || 24}`, timeZone) as OpeningHours, twoDaysBefore)!;
        const closing = h === 0 ? null : closesAt(parseOpeningHours(`${weekday} 0-${h}`, timeZone) as OpeningHours, midnight);
        for (const [what, told] of [['opens', opening], ['closes', closing]] as const) {
          if (told === null) continue;
          expect(wall(told), `${what} ${time}`).toBe(shown);
          // The first moment the clocks show it: none in the three hours before shows it or later.
          for (let before = told - 3 * hour; before < told; before += hour / 4) expect(wall(before) < shown, `${what} ${time}: ${wall(before)} before`).toBe(true);
        }
      }
    }
  });

  it('never opens when no day has hours', () => {
    expect(nextOpening({ written: 'none', timeZone: 'Europe/Helsinki', days: [[], [], [], [], [], [], []], closed: [] }, at('2026-11-25T10:00:00Z'))).toBeNull();
  });

  it('keeps the days it is closed, written either way, and opens after them', () => {
    const hours = helsinki('ma-pe 9-16, suljettu 24.12.2026 2026-12-25');
    expect(hours.closed).toEqual(['2026-12-24', '2026-12-25']);
    // Wednesday 23.12. after closing: Christmas Eve and Day closed, then the weekend: Monday 28.12. at 9.
    expect(nextOpening(hours, at('2026-12-23T15:00:00Z'))).toBe(at('2026-12-28T07:00:00Z'));
    // Christmas Eve at noon, a Thursday: closed, though a Thursday's hours would have it open.
    expect(nextOpening(hours, at('2026-12-24T10:00:00Z'))).toBe(at('2026-12-28T07:00:00Z'));
    expect(parseOpeningHours('mon-fri 9-16, closed', 'Europe/Helsinki')).toMatch(/"closed" needs the dates it is closed, like "closed 2026-12-24 2026-12-25"/);
    expect(parseOpeningHours('mon-fri 9-16, closed 31.2.2026', 'Europe/Helsinki')).toMatch(/"31.2.2026" is not a date: write 2026-12-24 or 24.12.2026/);
  });
});
