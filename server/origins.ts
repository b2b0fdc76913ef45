// Origins: how one is written in `--origin`, and the server's own, allowed when none is given.
import { networkInterfaces } from 'node:os';

/**
 * An allowed origin as browsers send it in `Origin`, which is compared exactly: the host in lower
 * case, no default port (`https://Shop.example:443` is `https://shop.example`), so a site is not
 * refused for how its origin was written. A trailing slash, as copied from the address bar, is
 * dropped; anything more (a path, a query, a user) is not an origin: refused, with the origin of
 * what was written as the thing to write instead, when it has one.
 */
export function originOf(written: string): { ok: true; origin: string } | { ok: false; instead: string | null } {
  if (written === '*') return { ok: true, origin: written };
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
