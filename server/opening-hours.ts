// When the site's customer service is open, as a site owner writes it: "mon-fri 9-16, sat 10-14"
// (or in Finnish, "ma-pe 9-16, la 10-14"), with the days it is closed all the same, "closed
// 2026-12-24 2026-12-25" (or "suljettu 24.12.2026 25.12.2026"), in the site's time zone. Used for one thing: a visitor
// who waits while nobody is online is told when the service opens again, rather than only that
// nobody is there (also the moment it closes, if they were left waiting while it was open). Who is online still decides whether anyone is (presence.ts).

import { isoDate, timeZoneProblem, wallClock } from './time-zone';

export interface OpeningHours {
  /** As the site owner wrote them, for the start banner. */
  written: string;
  timeZone: string;
  /** Per weekday, Monday first: open intervals in minutes from midnight, [start, end). */
  days: [number, number][][];
  /** Dates (yyyy-mm-dd, the site's) closed whatever the weekday: holidays. */
  closed: string[];
}

const DAY_NAMES: ReadonlyMap<string, number> = new Map(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'ma', 'ti', 'ke', 'to', 'pe', 'la', 'su'].map((name, i) => [name, i % 7]),
);
const EXAMPLE = '"mon-fri 9-16, sat 10-14" (or "ma-pe 9-16, la 10-14")';
const CLOSED = new Set(['closed', 'suljettu']);
/** How far ahead an opening is looked for: past a long holiday, not forever. */
const LOOK_AHEAD_DAYS = 62;
const DAY_MS = 24 * 60 * 60 * 1000;

/** "2026-12-24" or "24.12.2026" as yyyy-mm-dd, or null when it is no date of the calendar. */
function dateOf(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) ?? /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = m[0].includes('-') ? [m[1], m[2], m[3]].map(Number) : [m[3], m[2], m[1]].map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  return date.getUTCMonth() === month! - 1 && date.getUTCDate() === day ? isoDate(year!, month!, day!) : null;
}

/** "9", "9:30", "09.30", "24" as minutes from midnight, or null. */
function minutesOf(time: string): number | null {
  const m = /^(\d{1,2})(?:[:.](\d{2}))?$/.exec(time);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2] ?? 0);
  return Number(m[2] ?? 0) < 60 && minutes <= 24 * 60 ? minutes : null;
}

/** The weekdays a "mon-fri" or "sat" names, Monday 0; a range may wrap ("sat-mon"). */
function daysOf(spec: string): number[] | string {
  const [from = '', to = from, ...more] = spec.split('-');
  if (more.length > 0) return `"${spec}" is not a day or a range of days, like mon-fri`;
  const first = DAY_NAMES.get(from);
  const last = DAY_NAMES.get(to);
  if (first === undefined || last === undefined) return `"${first === undefined ? from : to}" is not a day: write mon, tue, wed, thu, fri, sat, sun (or ma, ti, ke, to, pe, la, su)`;
  const days = [first];
  for (let d = first; d !== last; ) days.push((d = (d + 1) % 7));
  return days;
}

/** The hours in `spec` (in a zone `timeZoneProblem` accepts), or a message saying what to fix. */
export function parseOpeningHours(spec: string, timeZone: string): OpeningHours | string {
  const days: [number, number][][] = [[], [], [], [], [], [], []];
  const closed: string[] = [];
  for (const rule of spec.toLowerCase().split(',').map((r) => r.trim())) {
    const [daySpec = '', ...times] = rule.split(/\s+/);
    if (CLOSED.has(daySpec)) {
      if (times.length === 0) return `"${rule}" needs the dates it is closed, like "closed 2026-12-24 2026-12-25" (or "suljettu 24.12.2026")`;
      for (const text of times) {
        const date = dateOf(text);
        if (!date) return `"${text}" is not a date: write 2026-12-24 or 24.12.2026`;
        closed.push(date);
      }
      continue;
    }
    if (times.length === 0) return `"${rule}" needs days and hours, like ${EXAMPLE}`;
    const which = daysOf(daySpec);
    if (typeof which === 'string') return which;
    for (const range of times) {
      const [start, end] = range.split('-').map(minutesOf);
      if (start == null || end == null || end <= start) return `"${range}" is not hours from opening to closing, like 9-16 or 9:30-16:30`;
      for (const d of which) days[d]!.push([start, end]);
    }
  }
  return { written: spec.trim(), timeZone, days, closed: closed.sort() };
}

type Picked = { value: string; from: string } | undefined;

/** UTC and the fixed zones under Etc/ (Etc/UTC, Etc/GMT): what a container's clock is set to, rarely where a shop is. */
const NO_PLACE = /^(Etc\/.*|UTC|UCT|GMT.*|Universal|Zulu|Greenwich)$/i;

/**
 * The hours `--hours` and `--timezone` give, none, or a message naming the setting to fix. Without
 * `--timezone` they are in the server's zone, `serverZone`, unless that is UTC or one under Etc/:
 * a container's, where "9-16" read in UTC would tell a Helsinki shop's visitors the wrong hours.
 */
export function parseHoursConfig(hours: Picked, timeZone: Picked, serverZone: string): OpeningHours | undefined | string {
  if (!hours) return undefined;
  const zone = timeZone?.value ?? serverZone;
  const badZone = timeZoneProblem(zone);
  if (timeZone && badZone) return `${timeZone.from}: ${badZone}`;
  const parsed = parseOpeningHours(hours.value, zone);
  if (typeof parsed === 'string') return `${hours.from}: ${parsed}`;
  if (!timeZone && NO_PLACE.test(serverZone)) {
    return (
      `${hours.from} needs the time zone the hours are in: this server's clock is set to ${serverZone} (as a container's is), not the shop's zone. ` +
      'Add --timezone Europe/Helsinki (or KOHTAAMO_TIMEZONE=Europe/Helsinki) with your zone, or --timezone UTC if the hours really are in UTC'
    );
  }
  return badZone ? `the server: ${badZone}` : parsed;
}

/** What clocks in the zone show at `at`, to the minute, written as a UTC moment: the local time as a number. */
function localAsUtc(at: number, timeZone: string): number {
  const w = wallClock(at, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, 0, w.minutes);
}

/**
 * The moment clocks in the zone show `minutes` on the given date. A time shown twice (the clocks
 * turned back) is its first moment; a time the clocks skip (turned forward) is the first moment
 * after the gap: the one at which the checks of the wall clock here (nextOpening, periodEnd) first
 * count it as reached, so an opening at 3:30 on the night Helsinki skips from 3 to 4 is told as 4:00,
 * when it is open, and so is a closing then.
 */
function momentOf(year: number, month: number, day: number, minutes: number, timeZone: string): number {
  const target = Date.UTC(year, month - 1, day, 0, minutes);
  // The zone's offsets a day either side of the time: clocks change at most once in between, so the
  // offset at the moment sought is one of the two.
  const offsets = [target - DAY_MS, target + DAY_MS].map((at) => localAsUtc(at, timeZone) - Math.floor(at / 60_000) * 60_000);
  const shown = offsets.map((offset) => target - offset).filter((at) => localAsUtc(at, timeZone) === target);
  if (shown.length > 0) return Math.min(...shown);
  // Skipped: the gap lies between the moment by the later offset (shows earlier) and by the earlier
  // one (shows later). Halve it, to the minute, to the first moment showing later than the time.
  let before = target - Math.max(...offsets);
  let after = target - Math.min(...offsets);
  while (after - before > 60_000) {
    const middle = before + Math.floor((after - before) / 120_000) * 60_000;
    if (localAsUtc(middle, timeZone) > target) after = middle;
    else before = middle;
  }
  return after;
}

/** When the service next opens, or null while it is open (or opens on none of the next two months' days). */
export function nextOpening(hours: OpeningHours, now: number): number | null {
  const today = wallClock(now, hours.timeZone);
  const closed = new Set(hours.closed);
  for (let ahead = 0; ahead <= LOOK_AHEAD_DAYS; ahead++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + ahead));
    const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (closed.has(isoDate(year, month, day))) continue;
    const intervals = hours.days[(today.weekday + ahead) % 7]!;
    if (ahead === 0 && intervals.some(([start, end]) => start <= today.minutes && today.minutes < end)) return null;
    const starts = intervals.map(([start]) => start).filter((start) => ahead > 0 || start > today.minutes);
    if (starts.length > 0) return momentOf(year, month, day, Math.min(...starts), hours.timeZone);
  }
  return null;
}

/** The end of the opening period the moment `at` is in, or null when the service is closed then. */
function periodEnd(hours: OpeningHours, at: number): number | null {
  const now = wallClock(at, hours.timeZone);
  if (hours.closed.includes(isoDate(now.year, now.month, now.day))) return null;
  const period = hours.days[now.weekday]!.find(([start, end]) => start <= now.minutes && now.minutes < end);
  return period ? momentOf(now.year, now.month, now.day, period[1], hours.timeZone) : null;
}

/**
 * When the service closes, or null while it is closed (or stays open past the look-ahead): a
 * visitor left waiting by the last agent is told then when it opens again. Periods that meet
 * ("9-12, 12-16", or "24" and the next day's "0") run on as one.
 */
export function closesAt(hours: OpeningHours, now: number): number | null {
  let end = periodEnd(hours, now);
  if (end === null) return null;
  for (let next = periodEnd(hours, end); next !== null; next = periodEnd(hours, end)) {
    if (next - now > LOOK_AHEAD_DAYS * DAY_MS) return null;
    end = next;
  }
  return end;
}
