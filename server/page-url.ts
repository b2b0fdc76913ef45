// The page a visitor is on goes with their frames (hello, handoff, and a message or typing after a
// move), and from there to the database, the agents' console, the site's webhook, a customer's
// export and the follow-up email's link. What goes is the page's origin and path (and its title):
// never its query string nor its #fragment, which carry what is not ours to keep, such as a
// password reset's token, an OAuth `#access_token=`, or the email in `?email=` of a newsletter
// link. The widget sends no more than that; this cuts what any other client sends, once, where
// the visitor socket parses a frame (visitor-socket.ts), before anything else sees it.
import type { ParseResult, VisitorClientMessage } from '../protocol';

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

/** A parsed visitor frame with its page, if it has one, cut to origin and path. */
export function withPageCut(parsed: ParseResult<VisitorClientMessage>): ParseResult<VisitorClientMessage> {
  if (!parsed.ok || !('page' in parsed.value) || parsed.value.page === undefined) return parsed;
  const { page } = parsed.value;
  const url = pageUrl(page.url);
  return url === page.url ? parsed : { ok: true, value: { ...parsed.value, page: { ...page, url } } };
}
