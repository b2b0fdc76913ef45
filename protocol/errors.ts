// The error catalogue: every coded error the server can send, with the text a developer
// reads and, when the error ends the connection, the WebSocket close code. The widget
// maps codes to words a visitor reads; it never shows `message` to a visitor.

/** WebSocket close codes we use. 4000–4999 are ours (RFC 6455 §7.4.2). */
export const CLOSE = Object.freeze({
  normal: 1000,
  goingAway: 1001,
  badData: 1007,
  policy: 1008,
  tooBig: 1009,
  internal: 1011,
  /** Token missing, wrong or expired: do not reconnect with the same token. */
  unauthorized: 4001,
  /** The first frame was not `hello`, or came too late. */
  helloRequired: 4002,
  /** Too many frames; reconnecting later is fine. */
  rateLimited: 4029,
});

/**
 * Every coded error the server can send. A list apart from the messages below, so that the
 * widget, which needs only the codes, does not carry the messages (283 B brotli).
 */
export const ERROR_CODES = [
  'bad_json',
  'bad_message',
  'too_large',
  'conversation_full',
  'daily_quota',
  'hello_required',
  'unauthorized',
  'origin_not_allowed',
  'rate_limited',
  'no_conversation',
  'not_found',
  'conversation_closed',
  'already_claimed',
  'not_assigned',
  'already_rated',
  'unknown_faq_entry',
  'agent_offline',
  'too_many_waiting',
  'bad_file',
  'unavailable',
  'internal',
] as const;

/**
 * Codes only the HTTP API answers, which neither client tells apart from the network failing.
 * `too_slow`: an upload whose body came more slowly than the server takes (408), cut off with
 * the rest of its body unread, so a browser seldom even reads the answer (the widget shows a file
 * not sent, to send again; the console a network failure). Kept off ERROR_CODES, which the
 * widget carries: a code there cost its app 37 to 66 B brotli.
 */
export const HTTP_ERROR_CODES = ['too_slow'] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
/** What an HTTP answer's `error.code` may be: any code, or one of those only HTTP answers. */
export type HttpErrorCode = ErrorCode | (typeof HTTP_ERROR_CODES)[number];

export const ERRORS = /* @__PURE__ */ Object.freeze({
  bad_json: { message: 'The frame is not valid JSON.', close: null },
  bad_message: { message: 'The frame does not match the protocol.', close: null },
  too_large: { message: `The frame is larger than the limit.`, close: CLOSE.tooBig },
  conversation_full: { message: 'The conversation holds the most bytes of files one takes; no more can be sent into it.', close: null },
  daily_quota: { message: 'This client address has sent the most bytes of files allowed in a UTC day.', close: null },
  hello_required: { message: 'The first frame must be hello.', close: CLOSE.helloRequired },
  unauthorized: { message: 'The token is missing, wrong or expired.', close: CLOSE.unauthorized },
  origin_not_allowed: { message: 'This origin may not open a visitor connection.', close: CLOSE.policy },
  rate_limited: { message: 'Too many frames; slow down.', close: CLOSE.rateLimited },
  no_conversation: { message: 'There is no open conversation to send to.', close: null },
  not_found: { message: 'No such conversation.', close: null },
  conversation_closed: { message: 'The conversation is closed.', close: null },
  already_claimed: { message: 'Another agent has already claimed this conversation.', close: null },
  not_assigned: { message: 'Claim the conversation before writing to it.', close: null },
  already_rated: { message: 'The conversation has already been rated.', close: null },
  unknown_faq_entry: { message: 'The FAQ has no entry with this id.', close: null },
  agent_offline: { message: 'That agent has no console open.', close: null },
  /**
   * A handoff refused: visitors at this client address already have the most conversations
   * waiting for an agent that one address may (server DEFAULTS.waitingPerAddress). Not retried
   * by itself; the visitor's retry goes once one of them is taken, closed or left.
   */
  too_many_waiting: { message: 'Visitors at this client address already have the most conversations waiting for an agent at once; ask again once one of them is answered.', close: null },
  bad_file: { message: 'Only JPEG, PNG, WebP or GIF images and PDF files can be sent.', close: null },
  /**
   * The storage refused the write (a full disk, a database out of reach): no fault of the frame's,
   * and the same frame (same id) sent again later is stored once. Clients keep it "sending" and
   * send it again after a backoff, in its place; `internal`, a bug, would only fail again.
   */
  unavailable: { message: 'The server cannot store this right now; send it again later.', close: null },
  internal: { message: 'Something went wrong on the server.', close: null },
  too_slow: { message: 'The body came more slowly than the server takes.', close: null },
} satisfies Record<HttpErrorCode, { message: string; close: number | null }>);

/**
 * Why an agent's console session is over, sent with `unauthorized` (the error frame's and the 401
 * body's `ended`) so the console tells the agent what to do: log in again (`expired`: its time was
 * up, or the token is unknown; `logged_out`: a logout of the same session, in a tab it was copied
 * to), log in with the new password (`password_changed`: `kohtaamo agent passwd`), or ask whoever
 * runs the console (`removed`: `kohtaamo agent remove`). Told only to a holder of the session's
 * token: a login with a removed agent's password is answered as any wrong one.
 */
export const SESSION_ENDS = ['expired', 'logged_out', 'password_changed', 'removed'] as const;
export type SessionEnd = (typeof SESSION_ENDS)[number];

export function isSessionEnd(value: unknown): value is SessionEnd {
  return (SESSION_ENDS as readonly unknown[]).includes(value);
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return (ERROR_CODES as readonly unknown[]).includes(value);
}
