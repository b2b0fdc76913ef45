// The JSON both stores keep an event's body and a conversation's summary as.
import { LONE_SURROGATE } from '../../protocol';

/** A UTF-16 surrogate without its other half (half an emoji), or U+0000. */
const UNSTORABLE = new RegExp(`${LONE_SURROGATE.source}|\\u0000`, 'g');

/**
 * `value` as JSON, with each lone surrogate and U+0000 in its strings as U+FFFD. JSON.stringify
 * writes them as `\ud83d` and `\u0000`, which PostgreSQL's jsonb refuses: the write failed (and a
 * visitor's message, resent first at every reconnect, failed for good), while SQLite kept it. The
 * protocol already takes such text with U+FFFD (protocol/parse.ts); this holds for whatever else
 * reaches a store, and keeps both stores' text the same. (A text column needs nothing: the driver
 * encodes a lone surrogate as U+FFFD.)
 */
export const jsonText = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? item.replace(UNSTORABLE, '\ufffd') : item));
