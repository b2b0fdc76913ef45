// How long a session waits, and how fast it sends: the defaults, and why.
import type { SendWindowSettings } from '../../../protocol/send-window';

export interface SessionSettings {
  ackTimeoutMs: number;
  saveDelayMs: number;
  keepTokenMs: number;
  typingIdleMs: number;
  keepClosedMs: number;
  sendWindow: Readonly<SendWindowSettings>;
}

export const SESSION_DEFAULTS: Readonly<SessionSettings> = Object.freeze({
  /** A frame not acknowledged within this time is taken for a dead socket, which is replaced. */
  ackTimeoutMs: 15_000,
  /** Writes to storage are batched. */
  saveDelayMs: 150,
  /**
   * A new visitor's frames wait for their token to be kept (session.ts), but not longer than this:
   * a storage that never answers (Safari's IndexedDB has hung as it opened) must not hold them.
   */
  keepTokenMs: 1_000,
  /** The visitor's "typing" turns off after this much quiet. */
  typingIdleMs: 3_000,
  /**
   * A closed conversation a later page finds is shown again, for its rating and to be read again,
   * only this long after its last event (the close or the rating, by the server's clock), and until
   * the visitor starts anew or the site logs them out; after that it is over, and its transcript is
   * no longer kept in the browser (the server keeps it for agents): the first page after that
   * where the app comes writes over it (take, session.ts); until then it stays, as the loader
   * does not fetch the app only for that (README, Security and privacy). Otherwise whoever next opened
   * the chat on that browser, days later, found it there.
   */
  keepClosedMs: 3_600_000,
  /**
   * Outbox frames: 8 unacknowledged at most, 10/s with bursts of 16 — under the server's
   * 20/s, burst 40 with room for hello, typing and pings, so a long outbox never trips it.
   */
  sendWindow: Object.freeze({ size: 8, perSecond: 10, burst: 16 }),
});
