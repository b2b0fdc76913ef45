// Which page's host says what the site's own addresses are (email-address.ts `lastEmailAddress`):
// one choice for the server, which emails a visitor, and the console, which says where that goes.
import type { ConversationSummary } from './events';

/**
 * The host name of the page the visitor is on now, else of the one they asked from; none when
 * neither is a URL with a host. Not only the site's allowed origins, as the email's link back is:
 * the console is not told those, and with `--origin '*'` none is listed. A client naming another
 * page only changes which of its own visitor's addresses are skipped.
 */
export function visitorPageHost({ nowOn, page }: Pick<ConversationSummary, 'nowOn' | 'page'>): string | undefined {
  for (const seen of [nowOn, page]) {
    try {
      const { hostname } = new URL(seen?.url ?? '');
      if (hostname) return hostname;
    } catch {
      // Not a URL: the other page, or none.
    }
  }
  return undefined;
}
