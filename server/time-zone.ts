// Time zones by name, as Intl knows them (the zone's rules as Node has them): the server's own, and
// whether a name is one. Used by the opening hours and the report's days.

/** The zone the server runs in when none is set: the process's own (TZ, else the system's). */
export const serverTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** What is wrong with a time zone's name, or null when there is a zone by that name. */
export function timeZoneProblem(timeZone: string): string | null {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return null;
  } catch {
    return `"${timeZone}" is not a time zone: write one like Europe/Helsinki`;
  }
}
