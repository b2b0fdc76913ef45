// Origins: how one is written in `--origin`, the server's own (allowed when none is given, and
// by the Host a request was sent to), and what a refused page and the operator are told.
import { networkInterfaces } from 'node:os';
import { ERRORS } from '../protocol';

/**
 * The Origin `null`: any site can make a page that sends it (a sandboxed iframe), so allowing it
 * would let every site in unsaid. Said when it is written in --origin, and when a page sending it is refused.
 */
const NULL_ORIGIN = "what a browser sends from a sandboxed iframe or a file:// page, which any site can make, so it cannot be allowed: put the widget on a page of your site and give that site's origin (only * lets such pages in, with every site)";

/**
 * An allowed origin as browsers send it in `Origin`, which is compared exactly: the host in lower
 * case, no default port (`https://Shop.example:443` is `https://shop.example`), so a site is not
 * refused for how its origin was written. A trailing slash, as copied from the address bar, is
 * dropped; anything more (a path, a query, a user) is not an origin: refused, with the origin of
 * what was written as the thing to write instead, when it has one.
 */
export function originOf(written: string): { ok: true; origin: string } | { ok: false; instead: string | null; problem?: string } {
  if (written === '*') return { ok: true, origin: written };
  if (written.toLowerCase() === 'null') return { ok: false, instead: null, problem: `is ${NULL_ORIGIN}` };
  // Origins are compared exactly: `https://*.shop.example` would be taken as a host named `*` and
  // match no page ever. Matching subdomains is not offered: one forgotten dot (`*shop.example`)
  // or a shared parent (`*.github.io`) lets other people's sites embed the chat.
  if (written.includes('*')) {
    return { ok: false, instead: null, problem: 'has a *, and origins are not patterns: list each site, comma-separated (https://shop.example,https://www.shop.example), or give * alone to allow every site' };
  }
  // Several origins run together with another separator: URL would read `shop.example;https` as a host.
  if (/[;|\s]/.test(written)) {
    return { ok: false, instead: null, problem: 'is more than one origin: separate origins with commas (https://shop.example,https://www.shop.example), or give --origin once for each' };
  }
  let url: URL;
  try {
    url = new URL(written);
  } catch {
    return { ok: false, instead: null };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, instead: null };
  const bare = /^https?:\/\/[^/?#@\s]+\/?$/i.test(written);
  return bare ? { ok: true, origin: url.origin } : { ok: false, instead: url.origin };
}

/**
 * The origins a browser shows for pages this server serves itself. Listening on all
 * interfaces, that includes this machine's addresses, so a phone on the LAN can try the demo.
 */
export function ownOrigins(host: string, port: number, interfaces = networkInterfaces()): string[] {
  const loopback = ['localhost', '127.0.0.1', '[::1]'];
  const bracket = (address: string) => (address.includes(':') ? `[${address}]` : address);
  let hosts: string[];
  if (host === '0.0.0.0' || host === '::') {
    const addresses = Object.values(interfaces).flatMap((list) => (list ?? []).filter((i) => !i.internal).map((i) => bracket(i.address)));
    hosts = [...loopback, ...addresses];
  } else if (['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) hosts = loopback;
  else hosts = [bracket(host)];
  return hosts.map((h) => `http://${h}:${port}`);
}

/**
 * Whether a page is one this server serves itself (its demo site, reached through a proxy): the
 * host in its Origin is the host the browser sent the request to. Behind a proxy the server
 * cannot know its public name from --host/--port; the Host header tells it (the README's nginx
 * sets `proxy_set_header Host $host`, which drops the port: a Host without one matches any port).
 *
 * This lets in no page an attacker can make: a browser writes Host from the URL it connects to,
 * so a page of another site cannot send the chat's Host with its own Origin. Only DNS rebinding
 * gets one through (the attacker's name, resolved to this server, is both); what it opens is a
 * visitor's socket, which anyone gets without a browser at all, and its HTTP reads are same-origin
 * for that page anyway. The origin check keeps other sites from embedding the chat, nothing more.
 */
export function sameHost(origin: string, host: string | undefined): boolean {
  const sent = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(host ?? '');
  if (!sent) return false;
  let page: URL;
  try {
    page = new URL(origin);
  } catch {
    return false;
  }
  if (page.hostname !== sent[1]!.toLowerCase()) return false;
  return sent[2] === undefined || Number(sent[2]) === Number(page.port || (page.protocol === 'https:' ? 443 : 80));
}

/** What the operator is told, once, of a page refused for its origin: which origin, and what to change. */
export function refusedOriginNotice(origin: string, given: readonly string[]): string {
  if (origin === 'null') return `Visitor refused from null: ${NULL_ORIGIN}.`;
  const allowed = given.length > 0 ? `--origin ${given.join(',')}` : "no --origin given: this server's own pages only";
  return `Visitor refused from ${origin}: not an allowed origin (${allowed}); if the widget is on that site, add it to --origin.`;
}

/** The refused page's answer, for whoever looks in its devtools: not which origins are allowed (on 0.0.0.0 that lists the LAN addresses). */
export function refusedOriginBody(origin: string): string {
  // `null` is no site to add: it is any sandboxed iframe's or file:// page's.
  if (origin === 'null') return `${ERRORS.origin_not_allowed.message} Origin null is ${NULL_ORIGIN}.\n`;
  return `${ERRORS.origin_not_allowed.message} To let pages of ${origin} chat, add it to the server's --origin.\n`;
}
