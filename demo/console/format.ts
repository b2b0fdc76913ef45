// Times as the agent reads them, in the agent's own zone (tests pin TZ=UTC). Words are in
// strings.ts, in the agent's language.
const pad = (n: number) => String(n).padStart(2, '0');

export function timeText(at: number): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return '';
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The words a time of another day takes: "yesterday", and a date ("Mon 23 Nov", "ma 23.11."), with its year or not. */
export interface DayWords {
  yesterday: string;
  date: (d: Date, withYear: boolean) => string;
}

/**
 * When something happened, for a transcript: "05:14" today, "yesterday 05:14", "Mon 23 Nov 05:14"
 * before that (and the year when it is not this one). A time alone read as today's: a visitor
 * queued three days ago seemed to have asked a minute ago. `today` is any moment of the agent's
 * day, in their zone.
 */
export function whenText(at: number, today: number, words: DayWords): string {
  const time = timeText(at);
  if (!time) return '';
  const d = new Date(at);
  const now = new Date(today);
  // Calendar days, counted in UTC so a change to or from summer time is no hour short or over.
  const days = Math.round((Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) - Date.UTC(d.getFullYear(), d.getMonth(), d.getDate())) / 86_400_000);
  if (days === 0) return time;
  if (days === 1) return `${words.yesterday} ${time}`;
  return `${words.date(d, d.getFullYear() !== now.getFullYear())} ${time}`;
}

/**
 * The time for a `<time dateTime>`, or undefined past what a Date holds: an older server stored a
 * bot step's time as the visitor's clock gave it, and one such step must not break the transcript.
 */
export function isoTime(at: number): string | undefined {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function dateText(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${timeText(at)}`;
}

/**
 * A file's size as people say it: "340 KB" in whole kilobytes rounded up under 1 000 of them,
 * else "1.2 MB" with one decimal (a kilobyte being 1024 bytes, as the upload limit is counted).
 * The widget's rule (widget/app/i18n/), so that agent and visitor read the same size for the same
 * file. The units and the decimal mark are the language's words, from strings.ts.
 */
export function sizeText(bytes: number, units: { kb: string; mb: string; decimal: string }): string {
  const kb = Math.ceil(bytes / 1024);
  if (kb < 1000) return `${kb} ${units.kb}`;
  return `${(bytes / 2 ** 20).toFixed(1).replace('.', units.decimal)} ${units.mb}`;
}

/**
 * A report's days, as dates on the site's calendar (2026-11-24, not moments): "24–30 Nov 2026",
 * "24.–30.11.2026", the month and year once where the days share them.
 */
export function dayRangeText(first: string, last: string, locale: string, month: 'short' | 'numeric'): string {
  const day = (date: string) => Date.parse(`${date}T00:00:00Z`);
  const [a, b] = [day(first), day(last)];
  if (Number.isNaN(a) || Number.isNaN(b)) return '';
  // The spaces Intl puts around the dash between two bare days of one month, dropped: "24–30 Nov
  // 2026". Only there: between whole dates they stay ("27 Oct – 25 Nov 2026", "26 Nov 2025 – 25 Nov
  // 2026"), a year's digits before the dash being no day's.
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month, year: 'numeric' }).formatRange(a, b).replace(/^(\d+)\s–\s(?=\d)/, '$1–');
}

/** A moment on the clock of a zone (the site's, not the agent's): "25 Nov 2026, 02:00", "25.11.2026 klo 2.00". */
export function zonedText(at: number, timeZone: string, locale: string, style: { month: 'short' | 'numeric'; hour: '2-digit' | 'numeric' }): string {
  try {
    return new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', year: 'numeric', minute: '2-digit', ...style }).format(at);
  } catch {
    return new Date(at).toISOString();
  }
}
