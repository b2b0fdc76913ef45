// Time zones by name, as Intl knows them (the zone's rules as Node has them): whether a name is one,
// and what the clocks there show at a moment. Used by the opening hours and the report's days; the
// server's own zone, the site's unless --timezone names another, is DEFAULTS.timeZone.

/** What is wrong with a time zone's name, or null when there is a zone by that name. */
export function timeZoneProblem(timeZone: string): string | null {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return null;
  } catch {
    return `"${timeZone}" is not a time zone: write one like Europe/Helsinki`;
  }
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const formats = new Map<string, Intl.DateTimeFormat>();
function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formats.set(timeZone, f);
  }
  return f;
}

/** The date, weekday (Monday 0) and minutes from midnight that clocks in the zone show at `at`. */
export function wallClock(at: number, timeZone: string) {
  const parts = Object.fromEntries(format(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  const [year, month, day] = [Number(parts.year), Number(parts.month), Number(parts.day)];
  return { year, month, day, weekday: WEEKDAYS.indexOf(parts.weekday!), minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A date as yyyy-mm-dd, 2026-11-24. */
export const isoDate = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** Minutes from midnight as hh:mm, 02:00. */
export const clockTime = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
