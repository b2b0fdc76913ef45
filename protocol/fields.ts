// Field schemas shared by the message schemas: one definition of "a client id",
// "a page", "a chat text", so every message checks them the same way.
import * as v from 'valibot';
import { LANGS, LIMITS } from './limits';

/** Printable text with no control characters except tab and newline. */
const noControlChars = v.check<string, string>(
  (s) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s),
  'must not contain control characters',
);

export const clientId = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(LIMITS.clientId),
  v.regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, - or _'),
);
export const id = v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.id), noControlChars);
export const token = v.pipe(v.string(), v.minLength(16), v.maxLength(LIMITS.token));
export const seq = v.pipe(v.number(), v.integer(), v.minValue(0));
/** The last millisecond a Date holds (±100,000,000 days from 1970): past it every time shown or exported throws. */
const LAST_TIME = 8.64e15;
export const timestamp = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(LAST_TIME, 'must be a time no later than the year 275760'));
export const lang = v.picklist(LANGS);

/** Trimmed text a person typed, between `min` and `max` characters. */
const typedText = (min: number, tooShort: string, max: number) =>
  v.pipe(v.string(), v.trim(), v.minLength(min, tooShort), v.maxLength(max, `must be at most ${max} characters`), noControlChars);

export const chatText = typedText(1, 'must not be empty', LIMITS.text);
export const query = v.pipe(v.string(), v.maxLength(LIMITS.query), noControlChars);
// Pure: the widget, which never searches, leaves it out.
export const searchQuery = /* @__PURE__ */ typedText(2, 'must be at least 2 characters', LIMITS.searchQuery);
// On one line (no tab, nor a Unicode line or paragraph break): it is shown as a label, never as
// lines of text that could read as more than a name. Nor a bidi embedding, override or isolate
// (U+202A–E, U+2066–9): in a label one reorders the rest of its line ("Matti\u202E" turns the
// console's "· waiting 5 min" around). Marks (U+200E, U+200F), which a right-to-left name may
// hold, reorder nothing past themselves and stay.
export const name = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(LIMITS.name), noControlChars, v.regex(/^[^\t\n\u0085\u2028\u2029\u202a-\u202e\u2066-\u2069]*$/, 'must be one line of plain text'));
export const email = v.pipe(v.string(), v.trim(), v.maxLength(LIMITS.email), v.email());
export const comment = v.pipe(v.string(), v.trim(), v.maxLength(LIMITS.comment), noControlChars);
export const fileName = v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.fileName), noControlChars);
/**
 * An FAQ entry's question as the server stored it and sends it (protocol/events.ts). A handoff
 * brings in none with a control character since (`faqQuestion`), but a conversation stored before
 * (old FAQ files had them, SQLite kept even U+0000) is still sent and read back: checked by the
 * handoff's rule, the widget refused the whole `events` frame, and the agent's reply in it, at
 * every reconnect.
 */
export const storedFaqQuestion = v.pipe(v.string(), v.maxLength(LIMITS.title));
/** An FAQ entry's question, as the widget copies it into a handoff's bot steps (faq/validate.ts refuses control characters in it too). */
export const faqQuestion = /* @__PURE__ */ v.pipe(storedFaqQuestion, noControlChars);

export const page = v.object({
  // A browser's location.href never holds a raw control character; one would only be an attack
  // (PostgreSQL's jsonb refuses U+0000 outright).
  url: v.pipe(v.string(), v.maxLength(LIMITS.url), v.regex(/^https?:\/\//, 'must be an http(s) URL'), noControlChars),
  title: v.pipe(v.string(), v.maxLength(LIMITS.title), noControlChars),
});
export type Page = v.InferOutput<typeof page>;

/** HMAC-SHA256 of the email, keyed with the site's identity secret, in hex: the site vouches for the email. */
export const identitySignature = v.pipe(v.string(), v.regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits: HMAC-SHA256 of the email with your identity secret'));

export const visitorInfo = v.object({
  name: v.optional(name),
  email: v.optional(email),
  signature: v.optional(identitySignature),
});
export type VisitorInfo = v.InferOutput<typeof visitorInfo>;
