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
