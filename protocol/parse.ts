// Turning a raw frame into a typed message, or into a coded error that says what to fix.
import * as v from 'valibot';
import { LIMITS } from './limits';
import type { ErrorCode } from './errors';
import { visitorClientMessage, visitorServerMessage } from './visitor';
import type { VisitorClientMessage, VisitorServerMessage } from './visitor';
import { agentClientMessage } from './agent';
import type { AgentClientMessage } from './agent';

export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; code: Extract<ErrorCode, 'bad_json' | 'bad_message' | 'too_large'>; message: string; id?: string };

type Schema = v.GenericSchema<unknown, unknown>;

/** Parse and validate one frame against a schema. Never throws. */
export function parseFrame<T>(schema: Schema, raw: string): ParseResult<T> {
  // Characters ≤ bytes, so this is a cheap first cut; the server's maxPayload is the exact one.
  if (raw.length > LIMITS.frameBytes) {
    return { ok: false, code: 'too_large', message: `frame is over ${LIMITS.frameBytes} bytes` };
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'bad_json', message: 'frame is not valid JSON' };
  }
  const result = v.safeParse(schema, data);
  if (result.success) return { ok: true, value: result.output as T };
  const issue = result.issues[0];
  const path = v.getDotPath(issue) ?? '';
  const type = typeof data === 'object' && data !== null && 'type' in data ? String(data.type) : '?';
  const id = typeof data === 'object' && data !== null && 'id' in data && typeof data.id === 'string' ? data.id : undefined;
  const message = `${type}${path ? '.' + path : ''}: ${issue.message}`;
  return id === undefined ? { ok: false, code: 'bad_message', message } : { ok: false, code: 'bad_message', message, id };
}

export const parseVisitorClientMessage = (raw: string) => parseFrame<VisitorClientMessage>(visitorClientMessage, raw);
export const parseVisitorServerMessage = (raw: string) => parseFrame<VisitorServerMessage>(visitorServerMessage, raw);
export const parseAgentClientMessage = (raw: string) => parseFrame<AgentClientMessage>(agentClientMessage, raw);
