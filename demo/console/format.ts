// Times as the agent reads them, in the agent's own zone (tests pin TZ=UTC). Words are in
// strings.ts, in the agent's language.
const pad = (n: number) => String(n).padStart(2, '0');

export function timeText(at: number): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return '';
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
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
 * A file's size as people say it: "340 KB" under a megabyte, else "1.2 MB" with one decimal (a
 * kilobyte being 1024 bytes, as the upload limit is counted). The units and the decimal mark are
 * the language's words, from strings.ts.
 */
export function sizeText(bytes: number, units: { kb: string; mb: string; decimal: string }): string {
  const kb = bytes / 1024;
  // Under 1 MB by bytes, but 1024 KB when rounded: say "1.0 MB" rather than "1024 KB".
  if (Math.round(kb) < 1024) return `${Math.max(1, Math.round(kb))} ${units.kb}`;
  return `${(kb / 1024).toFixed(1).replace('.', units.decimal)} ${units.mb}`;
}
