// Who a request comes from, for the per-address limits (logins, FAQ beacons, sockets, files).
//
// The TCP peer, unless the operator said which peers are their own reverse proxies
// (`--trust-proxy`): then the address such a proxy appended to X-Forwarded-For. Never by
// default: anyone can send that header, and a client that names its own address would pick
// its own bucket. Walked from the right, the end the proxies append to, and only through
// proxies that are trusted, so whatever a client wrote further left is never taken.
//
// Limits are kept per key, not per address: an IPv6 subscriber gets a whole /64 (often more)
// and picks any address in it for each connection, so a per-address limit would be no limit.
import { BlockList, isIP } from 'node:net';

/** How the client's address is found behind the site's proxies. */
export type TrustProxy =
  /** Every connection comes through this many proxies: the client is that many entries from X-Forwarded-For's end. */
  | { hops: number }
  /** Peers in these ranges are the site's proxies: their X-Forwarded-For is believed, entry by entry, while it names another of them. */
  | { proxies: BlockList };

/** The most proxies `--trust-proxy` takes as a count: more is a typo. */
const MAX_HOPS = 10;

/** `--trust-proxy` as written: a count of proxies, or their addresses and ranges (`loopback` for this machine's); else what to fix. */
export function parseTrustProxy(written: string): TrustProxy | string {
  const value = written.trim();
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops >= 1 && hops <= MAX_HOPS ? { hops } : `must count 1 to ${MAX_HOPS} proxies, got "${written}"`;
  }
  const proxies = new BlockList();
  for (const part of value.split(',').map((p) => p.trim())) {
    if (part === 'loopback') {
      proxies.addSubnet('127.0.0.0', 8, 'ipv4');
      proxies.addAddress('::1', 'ipv6');
      continue;
    }
    const [address = '', prefix, extra] = part.split('/');
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    if (family === 0 || extra !== undefined || (prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits))) {
      return `"${part}" is not an IP address or range (like 10.0.0.2, 10.0.0.0/8, fd00::/8 or loopback)`;
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) proxies.addAddress(address, type);
    else proxies.addSubnet(address, Number(prefix), type);
  }
  return { proxies };
}

/** The client's address: the peer's, or, behind trusted proxies, the one they forwarded. */
export function clientAddress(peer: string, forwardedFor: string | string[] | undefined, trust: TrustProxy | undefined): string {
  let client = plainAddress(peer);
  if (!trust || forwardedFor === undefined) return client;
  // Node joins repeated headers with ", "; nearest proxy first.
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').reverse();
  for (let i = 0; i < chain.length; i++) {
    if ('hops' in trust ? i >= trust.hops : !isTrustedProxy(trust, client)) break;
    const forwarded = plainAddress(withoutPort(chain[i]!.trim()));
    // Not an address: a proxy would not write that, so stop at the last one that did.
    if (isIP(forwarded) === 0) break;
    client = forwarded;
  }
  return client;
}

/** Whether this peer is one of the site's proxies (with a count, every peer is: all traffic comes through them). */
export function isTrustedProxy(trust: TrustProxy | undefined, peer: string): boolean {
  if (!trust) return false;
  if ('hops' in trust) return true;
  const address = plainAddress(peer);
  const family = isIP(address);
  return family !== 0 && trust.proxies.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** What a per-address limit counts against: the IPv4 address, or the IPv6 address's /64. */
export function addressKey(address: string): string {
  const plain = plainAddress(address);
  const groups = isIP(plain) === 6 ? ipv6Groups(plain) : null;
  if (!groups) return plain;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** An IPv4-mapped IPv6 address (`::ffff:203.0.113.7`, a dual-stack socket's) as the IPv4 one it is; others lower-cased. */
export function plainAddress(address: string): string {
  const lower = address.toLowerCase();
  if (isIP(lower) !== 6) return lower;
  const groups = ipv6Groups(lower);
  if (!groups || groups.slice(0, 5).some((g) => g !== 0) || groups[5] !== 0xffff) return lower;
  return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
}

/** `[2001:db8::1]:443` and `203.0.113.7:5060` as some proxies write them, without the port. */
function withoutPort(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed) return bracketed[1]!;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry);
  return v4 ? v4[1]! : entry;
}

/** The eight 16-bit groups of a valid IPv6 address (zone dropped, a trailing dotted IPv4 as two groups). */
function ipv6Groups(address: string): number[] | null {
  const bare = address.split('%')[0]!;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(bare);
  const hex = dotted ? `${bare.slice(0, dotted.index)}${((+dotted[1]! << 8) | +dotted[2]!).toString(16)}:${((+dotted[3]! << 8) | +dotted[4]!).toString(16)}` : bare;
  const [head = '', tail, extra] = hex.split('::');
  if (extra !== undefined) return null;
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  const zeros = 8 - front.length - back.length;
  if (tail === undefined ? zeros !== 0 : zeros < 1) return null;
  const groups = [...front, ...Array<number>(zeros).fill(0), ...back];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}
