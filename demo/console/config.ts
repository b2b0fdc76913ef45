// Every tunable number of the console, in one frozen object. Tests pass smaller timings
// through `createConsole(env, options)` rather than patching these.
import type { SendWindowSettings } from '../../protocol/send-window';

export interface ConsoleOptions {
  backoffMinMs: number;
  backoffMaxMs: number;
  backoffFactor: number;
  connectTimeoutMs: number;
  typingIdleMs: number;
  typingShowMs: number;
  ackTimeoutMs: number;
  pongTimeoutMs: number;
  sendWindow: Readonly<SendWindowSettings>;
  clockTickMs: number;
  heartbeatMs: number;
  /** sessionStorage key of the login token. */
  storageKey: string;
  /** sessionStorage key of the open conversation, so a reload comes back to it. */
  selectedKey: string;
  /** sessionStorage key of the last seq the agent saw per conversation, so a reload keeps "new" honest. */
  readKey: string;
  /** sessionStorage key of what the agent has written and not sent, per conversation, so a reload keeps it. */
  draftsKey: string;
  /** sessionStorage key of the agent whose drafts, open conversation and unacknowledged messages the tab keeps: their next session (a reload, a login after an expiry) takes them back, anyone else's forgets them. */
  keptForKey: string;
  /** sessionStorage key of the messages and notes not yet acknowledged, kept at each change, sent again by the same agent's next session. */
  keptOutboxKey: string;
  /** sessionStorage key of the files on their way (not their bytes), so that after a reload the same agent reads they were not sent. */
  keptUploadsKey: string;
  /** sessionStorage key set while the agent has paused new chats, so a reload keeps the pause. */
  pausedKey: string;
  /** Where the agent's choice of language is kept for the tab (else the browser's language decides). */
  langKey: string;
  /** localStorage key of the agent's choice of sound ('off' or 'on'), for this browser. */
  soundKey: string;
}

export const CONSOLE_DEFAULTS: Readonly<ConsoleOptions> = Object.freeze({
  /** First reconnect delay; it grows by `backoffFactor` per failed attempt up to `backoffMaxMs`. */
  backoffMinMs: 500,
  backoffMaxMs: 15_000,
  backoffFactor: 2,
  /** A socket the server has not welcomed by then (unopened, or open and silent) is given up and retried. */
  connectTimeoutMs: 8_000,
  /** How long the agent can pause before the visitor stops seeing "typing…". */
  typingIdleMs: 3_000,
  /** The visitor's "typing…" fades if the "off" never arrives (lost frame, closed tab). */
  typingShowMs: 8_000,
  /**
   * A message with no ack by then makes the console ask the link whether it lives (a ping): the
   * server answers every message, and a link that died without a word says nothing for longer.
   * A pong, and still no ack after as long again: the link is dropped and reconnected all the same,
   * and the welcome resends the message. It stays "sending" meanwhile: silence is no refusal
   * (connection.ts, model/outbox.ts).
   */
  ackTimeoutMs: 5_000,
  /** A ping asked after a late ack that has no pong by then: the link is taken for dead, dropped and reconnected. */
  pongTimeoutMs: 3_000,
  /**
   * Messages: 8 unacknowledged at most, 10/s with bursts of 16 — under the server's 20/s,
   * burst 40 with room for open, history, typing and pings, so a backlog never trips it.
   */
  sendWindow: Object.freeze({ size: 8, perSecond: 10, burst: 16 }),
  /** How often wait times in the queue are refreshed. */
  clockTickMs: 15_000,
  /** Fallback ping interval if the server's `welcome` does not say. */
  heartbeatMs: 25_000,
  storageKey: 'kohtaamo.console.session',
  selectedKey: 'kohtaamo.console.selected',
  readKey: 'kohtaamo.console.read',
  draftsKey: 'kohtaamo.console.drafts',
  keptForKey: 'kohtaamo.console.keptFor',
  keptOutboxKey: 'kohtaamo.console.keptOutbox',
  keptUploadsKey: 'kohtaamo.console.keptUploads',
  pausedKey: 'kohtaamo.console.paused',
  langKey: 'kohtaamo.console.lang',
  soundKey: 'kohtaamo.console.sound',
});

/**
 * How long the '/' lookup's words must stay the same before a screen reader is told that
 * nothing matches: about a pause in typing, so that it is not said at every keystroke.
 */
export const LOOKUP_STATUS_DELAY_MS = 700;

/**
 * After the server refused the saved replies or FAQ answers as too many requests (429), how long
 * before a '/' lookup asks for them again: not at every keystroke, which only presses it more.
 */
export const ANSWERS_RATE_LIMIT_PAUSE_MS = 10_000;
