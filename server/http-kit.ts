// What every HTTP route shares: coded errors, JSON answers, the bearer token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ERRORS, LIMITS, type ErrorCode } from '../protocol';

/** An expected failure: answered as `{ error: { code, message } }` with its status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message?: string,
  ) {
    super(message ?? ERRORS[code].message);
  }
}

export const JSON_TYPE = 'application/json; charset=utf-8';

export function sendJson(res: ServerResponse, status: number, json: string): void {
  res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(json) });
  res.end(json);
}

/** The session token of `Authorization: Bearer <token>`, or a 401 saying how to send one. */
export function bearer(req: IncomingMessage): string {
  const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!token || token.length > LIMITS.token) throw new HttpError(401, 'unauthorized', 'Send the session token as "Authorization: Bearer <token>".');
  return token;
}
