// Calendar days in the site's time zone, for the report's "last N days": a Helsinki shop's day
// begins at its own midnight, not at 02:00 or 03:00 when UTC's does, and a day when the clocks
// turn is 23 or 25 hours long. Worked out with Intl (the zone's rules as Node knows them).

import { clockTime, isoDate, wallClock } from './time-zone';

const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/** The date on the site's calendar at a moment, 2026-11-24. */
function localDate(at: number, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return isoDate(w.year, w.month, w.day);
}

/** The date and time on the site's clock at a moment, 2026-11-25 02:00. */
export function localDateTime(at: number, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${isoDate(w.year, w.month, w.day)} ${clockTime(w.minutes)}`;
}

/** The date `days` calendar days after (or before) `date`. */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The first moment of `date` in the zone: its midnight, or where the clocks skip midnight, the
 * first minute there is. Searched over the widest gap there is between a zone's clock and UTC's,
 * on the minute (zones turn their clocks on whole minutes).
 */
function startOfDay(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d);
  let lo = utcMidnight - 15 * HOUR_MS; // before the day began anywhere
  let hi = utcMidnight + 13 * HOUR_MS; // after it began everywhere
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (localDate(mid, timeZone) >= date) hi = mid;
    else lo = mid;
  }
  return hi;
}

interface LocalDays {
  timeZone: string;
  /** The first day and the last (today), as dates on the site's calendar. */
  firstDay: string;
  lastDay: string;
  /** The first day's first moment. */
  since: number;
}

/** Today so far at `until` and the `days - 1` days before it, on the site's calendar. */
export function lastDays(days: number, until: number, timeZone: string): LocalDays {
  const lastDay = localDate(until, timeZone);
  const firstDay = addDays(lastDay, -(days - 1));
  return { timeZone, firstDay, lastDay, since: Math.min(until, startOfDay(firstDay, timeZone)) };
}
