// Reconnect delays: exponential growth capped at a maximum, with "equal jitter" drawn on every
// attempt so that a server restart does not bring every console back in the same millisecond.

export interface BackoffOptions {
  backoffMinMs: number;
  backoffMaxMs: number;
  backoffFactor: number;
}

/** Delay before reconnect attempt `attempt` (0 = first retry). `random` returns [0, 1). */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.backoffMaxMs, options.backoffMinMs * options.backoffFactor ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
