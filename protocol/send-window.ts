// Paces the outbox. At most `size` frames are unacknowledged on a connection, and sends draw
// from a token bucket kept under the server's per-connection limit (20/s, burst 40), which
// closes a flooding socket with 4029. The window alone would not do: a quick server frees
// slots as fast as they fill, so a long outbox (typed offline, kept over a reload) would still
// arrive as one burst after every reconnect. Every client (widget, console) paces the same way,
// so it lives with the protocol they share; it uses nothing but timers.

export interface SendWindowSettings {
  /** Frames sent and not yet answered, at most. */
  size: number;
  perSecond: number;
  burst: number;
}

export function createSendWindow(s: Readonly<SendWindowSettings>, now: () => number) {
  const inFlight = new Set<string>();
  let tokens = s.burst;
  let refilledAt = now();
  return {
    /**
     * Sends from `pending` (oldest first) what may go now and counts it in flight; stops at a
     * send that fails (offline). Returns how long until more may go when the rate held some
     * back, else 0.
     */
    fill<T>(pending: readonly T[], id: (item: T) => string, send: (item: T) => boolean): number {
      const t = now();
      // A clock set back (a laptop waking and syncing, another OS's time) refills nothing and the
      // window counts on from the new time; else the bucket would stay empty for as long as it
      // went back. One set forward fills the bucket, no more than the burst.
      tokens = Math.min(s.burst, tokens + (Math.max(0, t - refilledAt) / 1000) * s.perSecond);
      refilledAt = t;
      for (const item of pending) {
        if (inFlight.size >= s.size) return 0;
        const key = id(item);
        if (inFlight.has(key)) continue;
        if (tokens < 1) return Math.ceil(((1 - tokens) / s.perSecond) * 1000);
        // Counted before the send, so an answer that comes back at once finds it in flight.
        inFlight.add(key);
        if (!send(item)) {
          inFlight.delete(key);
          return 0;
        }
        tokens -= 1;
      }
      return 0;
    },
    /** Answered (ack or coded refusal) or given up: the slot is free. */
    release(id: string): void {
      inFlight.delete(id);
    },
    /** A new connection: nothing is in flight on it. */
    reset(): void {
      inFlight.clear();
    },
  };
}
