// Where a visitor can be emailed. The widget tells a visitor nobody is online to write their
// address in a message if they want the reply by email too, so the server (which sends it) and
// the console (which says where it will go) read it out of the visitor's messages alike.

/**
 * Deliberately plain: a local part, @, and a domain with a dot, as people type them in chat.
 *
 * The scan reads each run of local-part characters whole, with the rest of an address when an @
 * follows it (group 1). A pattern that may start anywhere (`/[…]+@…/g`) retries a run with no @
 * after it from each of its characters, quadratic in its length: 300 messages of 4,000 letters
 * held the server's event loop for seconds. It finds the same addresses, since a local part
 * always ends where its run ends, whichever character it starts at. Not a lookbehind
 * (`(?<![…])`): Safari before 16.4 cannot parse one, and the widget's whole chunk would fail there.
 */
export const ADDRESS_SCAN = /[A-Za-z0-9._%+-]+(@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})?/g;

/** Every whole email address in a text, in the order written (dots before one are punctuation, not part of it; it ends in letters). */
export function emailAddresses(text: string): string[] {
  const found: string[] = [];
  for (const run of text.matchAll(ADDRESS_SCAN)) if (run[1]) found.push(run[0].replace(/^\.+/, ''));
  return found;
}

/** What is known of the site's own mail: its From address, and the host name of the page the visitor was on. */
export interface SiteMail {
  from?: string;
  host?: string;
}

/**
 * Whether an address is the site's own (any case): its From address, or one at the site's domain
 * or below it, or above the page's host (`tuki@kotipesa.fi`, `x@posti.kotipesa.fi` and
 * `info@www.kotipesa.fi` for shop.kotipesa.fi). The site's domain is the page's host less its
 * first label (www., shop.: the site's mail is beside it, not under it), unless what is left looks
 * like a public suffix: two labels, the first of at most three letters (co.uk, com.au), where it
 * stays the host (example.co.uk). Not every address at the From's domain: a shop mailing from
 * gmail.com has visitors at it too. A host without a dot (localhost) is no domain of the site's;
 * one at an IP address never matches, since an address's domain ends in letters.
 */
function isSites(address: string, { from, host }: SiteMail): boolean {
  const own = address.toLowerCase();
  if (own === from?.toLowerCase()) return true;
  const page = host?.toLowerCase().replace(/^[^.]+\.(?=[^.]+\.[^.]+\.|[^.]{4,}\.[^.]+$)/, '');
  if (!page?.includes('.')) return false;
  const domain = own.slice(own.lastIndexOf('@') + 1);
  return domain === page || domain.endsWith(`.${page}`) || page.endsWith(`.${domain}`);
}

/**
 * The last email address in the texts (the visitor's latest word on where to reach them), or null.
 * None of the `site`'s own: "I already emailed tuki@kotipesa.fi" names where the visitor wrote,
 * not where to reach them, and the site's replies would go to its own mailbox.
 */
export function lastEmailAddress(texts: readonly string[], site: SiteMail = {}): string | null {
  for (let i = texts.length - 1; i >= 0; i--) {
    const found = emailAddresses(texts[i]!).filter((address) => !isSites(address, site));
    if (found.length > 0) return found[found.length - 1]!;
  }
  return null;
}
