// The server's error log as an operator reads it. While the database is down every write fails
// the same way, and a stack per failed write (90 in 8 s) buries whatever else is said: each kind
// of error (same name and message) is printed once, and its repeats are counted into one line a
// minute later. A string is news of a state changing ("Redis lost", "Redis back"): always printed.

export const REPEATS_WINDOW_MS = 60_000;

export function limitRepeats(print: (entry: unknown) => void, windowMs = REPEATS_WINDOW_MS): (entry: unknown) => void {
  /** Kinds printed in the current window, and how often each came again since. */
  const repeats = new Map<string, number>();
  return (entry) => {
    if (!(entry instanceof Error)) return print(entry);
    const kind = `${entry.name}: ${entry.message}`;
    const seen = repeats.get(kind);
    if (seen !== undefined) return void repeats.set(kind, seen + 1);
    print(entry);
    repeats.set(kind, 0);
    setTimeout(() => {
      const more = repeats.get(kind) ?? 0;
      repeats.delete(kind);
      if (more > 0) print(`${kind} (${more} more ${more === 1 ? 'time' : 'times'} in the last ${Math.round(windowMs / 1000)} s)`);
    }, windowMs).unref();
  };
}
