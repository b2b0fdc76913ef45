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

// valibot's object schema walks its entries with for…in, which also yields any enumerable key a
// page added to Object.prototype (legacy scripts do: `Object.prototype.x = 1`), and then threw
// "~run is not a function" on every frame: the widget never connected on such a page. Entries
// without a prototype yield their own keys only, so every schema a frame is checked with, to the
// deepest, gets them, once (the server parses every frame: no walk on each). Only plain objects
// and arrays are walked, never a built-in: an array's `entries` is Array.prototype.entries, and
// taking its prototype broke the page's own `[].entries.call` (axe's did).
const plain = (node: unknown): node is Record<string, unknown> => node != null && Object.getPrototypeOf(node) === Object.prototype;
const ownEntriesOnly = (node: unknown): void => {
  if (Array.isArray(node)) node.forEach(ownEntriesOnly);
  else if (plain(node)) {
    Object.values(node).forEach(ownEntriesOnly);
    if (plain(node.entries)) Object.setPrototypeOf(node.entries, null);
  }
};
const prepared = new WeakSet<Schema>();

/** Parse and validate one frame against a schema. Never throws. */
export function parseFrame<T>(schema: Schema, raw: string): ParseResult<T> {
  let data: unknown;
  try {
    data = JSON.parse(raw);
    if (!prepared.has(schema)) {
      ownEntriesOnly(schema);
      prepared.add(schema);
    }
    const result = v.safeParse(schema, data);
    if (result.success) return { ok: true, value: result.output as T };
    const issue = result.issues[0];
    const path = v.getDotPath(issue) ?? '';
    // Only a string type is named: String() of an array joins it, recursively, so `{"type":[[[…]]]}`
    // 20,000 deep overflowed the stack (once outside this try, so in the server's frame handler:
    // one frame, no login, ended the process). All of it is in the try: nothing here throws out.
    const named = (data as { type?: unknown } | null)?.type;
    const type = typeof named === 'string' ? named : '?';
    const id = typeof data === 'object' && data !== null && 'id' in data && typeof data.id === 'string' ? data.id : undefined;
    const message = `${type}${path ? '.' + path : ''}: ${issue.message}`;
    return id === undefined ? { ok: false, code: 'bad_message', message } : { ok: false, code: 'bad_message', message, id };
  } catch {
    // JSON.parse never gives undefined. A frame parsed but not checkable (whatever else a page did
    // to the built-ins) is a bad message, never a throw into the page nor out of the server's handler.
    return data === undefined
      ? { ok: false, code: 'bad_json', message: 'frame is not valid JSON' }
      : { ok: false, code: 'bad_message', message: 'frame could not be checked' };
  }
}

/**
 * A UTF-16 surrogate without its other half (half an emoji); global, for `replace`. The stores'
 * jsonText (server/store/json-text.ts) uses it too; faq/validate.ts keeps a copy, since faq/
 * imports nothing of ours.
 */
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Deeper than any frame's schema: what is under it is refused by the check, so left as it is. */
const DEEPEST = 16;
/**
 * Every string of a client's frame with each lone surrogate as U+FFFD. Half an emoji (a title or
 * text cut mid-emoji, as `slice` does) is valid JSON and a valid JS string, but PostgreSQL's
 * jsonb refuses it: the write failed, the socket closed, and the widget's resend of it, first in
 * line, failed again at every reconnect. Replaced, nothing the visitor wrote is lost and both
 * stores keep the same text. Only frames the server takes: the widget never bundles this.
 */
const wellFormed = (node: unknown, depth = 0): unknown =>
  typeof node === 'string'
    ? node.replace(LONE_SURROGATE, '\ufffd')
    : depth > DEEPEST
      ? node
      : Array.isArray(node)
        ? node.map((item) => wellFormed(item, depth + 1))
        : plain(node)
          ? Object.fromEntries(Object.entries(node).map(([key, item]) => [key, wellFormed(item, depth + 1)]))
          : node;
const fromClient = (schema: Schema): Schema => v.pipe(v.unknown(), v.transform(wellFormed), schema);
const visitorClientFrame = /* @__PURE__ */ fromClient(visitorClientMessage);
const agentClientFrame = /* @__PURE__ */ fromClient(agentClientMessage);
/**
 * A client's frame over frameBytes is refused. Characters ≤ bytes, so this is a cheap first cut;
 * the server's maxPayload is the exact one. Only a client's: the server's own frames may be
 * larger (one event of a whole handoff, with what the server adds; an agent's queue), and the
 * widget once dropped every such frame unsaid, acknowledged replies with it.
 */
const clientFrame = <T>(schema: Schema, raw: string): ParseResult<T> =>
  raw.length > LIMITS.frameBytes ? { ok: false, code: 'too_large', message: `frame is over ${LIMITS.frameBytes} bytes` } : parseFrame<T>(schema, raw);

export const parseVisitorClientMessage = (raw: string) => clientFrame<VisitorClientMessage>(visitorClientFrame, raw);
export const parseVisitorServerMessage = (raw: string) => parseFrame<VisitorServerMessage>(visitorServerMessage, raw);
export const parseAgentClientMessage = (raw: string) => clientFrame<AgentClientMessage>(agentClientFrame, raw);
