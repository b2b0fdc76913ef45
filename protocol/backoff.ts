// Reconnect delays for every client (widget, console, test clients): exponential with a cap,
// and jitter drawn on every attempt so a server restart is not followed by every visitor
// reconnecting in the same millisecond. Pure, so it lives with the protocol all clients share.

export interface BackoffOptions {
  minMs: number;
  maxMs: number;
  factor: number;
}

/** Delay before reconnect attempt `attempt` (0 = first retry): uniform in [base/2, base]. */
export function backoffDelay(attempt: number, o: BackoffOptions, random: () => number = Math.random): number {
  const base = Math.min(o.maxMs, o.minMs * o.factor ** attempt);
  return Math.round(base / 2 + random() * (base / 2));
}
