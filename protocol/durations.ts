// How long something took, as a person reads it at a glance: the same in the command line's
// report and the console's (GET /api/report sends milliseconds), in English and in Finnish.

/** 45 s, 3 min 20 s, 3 min, 2 h 5 min, 2 h. */
export function spokenDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 === 0 ? `${Math.floor(s / 60)} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
  const m = Math.round(s / 60);
  return m % 60 === 0 ? `${Math.floor(m / 60)} h` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
