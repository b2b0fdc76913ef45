// The page a visitor is on goes with their frames (hello, handoff, and a message or typing after a
// move), and from there to the database, the agents' console, the site's webhook, a customer's
// export and the follow-up email's link. What goes is the page's origin and path (and its title):
// never its query string nor its #fragment, which carry what is not ours to keep, such as a
// password reset's token, an OAuth `#access_token=`, or the email in `?email=` of a newsletter
// link. The widget sends no more than that; this cuts what any other client sends, once, where
// the visitor socket parses a frame (visitor-socket.ts), before anything else sees it.
//
// The same place leaves out of the page's title and address the bidi controls that would reorder
// whatever is shown after them (`withoutBidiControls`).
import type { Page, ParseResult, VisitorClientMessage } from '../protocol';

/**
 * The URL up to its query or fragment, without a `user:password@` before the host (an `@` after
 * a `\` is not one: browsers read `\` as `/`, so `https://evil.example\@shop.example/` is
 * evil.example's page, and stays so). Cut as text, not rebuilt
 * through `new URL`, which would percent-encode a path and could make it longer than the limit
 * every reader of a stored page checks.
 */
export function pageUrl(url: string): string {
  return url.replace(/[?#][^]*$/, '').replace(/^(https?:\/\/)[^/\\]*@/i, '$1');
}

/** Bidi embeddings, overrides and isolates (U+202A–E, U+2066–9): the characters a visitor's name may not hold (protocol/fields.ts). */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * The text without bidi embeddings, overrides and isolates. Shown as a label, one reorders the rest
 * of its line: a title "Koti\u202E" made the console's "… from Koti 20:52" read "… from Koti25:02".
 * A page may well have one in its title, and the visitor's chat must not be refused for it, so the
 * server takes the page without them, rather than each reader of it isolating it (the console
 * with <bdi>): the webhook's receiver, an email or an export shows it right too. A browser's
 * address holds none unencoded, so there one only comes from a client of its own. Marks (U+200E,
 * U+200F), which reorder nothing past themselves, stay.
 */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** The page as kept: its address cut to origin and path, neither it nor the title with a bidi control. */
function keptPage(page: Page): Page {
  return { url: withoutBidiControls(pageUrl(page.url)), title: withoutBidiControls(page.title) };
}

/** A parsed visitor frame with its page, if it has one, as kept (`keptPage`). */
export function withPageCut(parsed: ParseResult<VisitorClientMessage>): ParseResult<VisitorClientMessage> {
  if (!parsed.ok || !('page' in parsed.value) || parsed.value.page === undefined) return parsed;
  const { page } = parsed.value;
  const kept = keptPage(page);
  return kept.url === page.url && kept.title === page.title ? parsed : { ok: true, value: { ...parsed.value, page: kept } };
}
