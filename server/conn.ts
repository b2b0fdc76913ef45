// The one thing the relay knows about a connection. `ws` is bound to it in ws-adapter.ts;
// tests use fake connections that record what was sent.
import { ERRORS } from '../protocol';
import type { ErrorCode } from '../protocol';

export interface Conn<M> {
  send(message: M): void;
  close(code: number, reason: string): void;
}

/** What a session hands the adapter: raw frames in, a notice when the socket is gone. */
export interface Session {
  frame(raw: string): void;
  closed(): void;
}

type ErrorFrame = { type: 'error'; code: ErrorCode; message: string; id?: string };

/** Sends a coded error; closes the connection when the catalogue says the error ends it. */
export function sendError(conn: Conn<ErrorFrame>, code: ErrorCode, detail?: string, id?: string): void {
  const frame: ErrorFrame = { type: 'error', code, message: detail ?? ERRORS[code].message };
  if (id !== undefined) frame.id = id;
  conn.send(frame);
  const close = ERRORS[code].close;
  if (close !== null) conn.close(close, code);
}
