// Per-address limits on new sockets, so one machine cannot open connections without end: every
// visitor hello without a token creates a visitor, and every socket holds memory. A token bucket
// caps how fast an address opens sockets, a count how many it holds at once. Addresses that
// `exempt` names (loopback: a reverse proxy on the same host, whose clients all share its
// address) are not limited here; such a proxy limits per client itself, unless the server is told
// to trust it (`--trust-proxy`) and so limits the clients it names (client-address.ts). An IPv6
// client is limited per /64, which is all one subscriber's.
import { addressKey } from './client-address';
import { createTokenBucket, type TokenBucket } from './rate-limit';

export interface IpLimitOptions {
  perSecond: number;
  burst: number;
  /** Sockets one address may hold open at once. */
  maxOpen: number;
  exempt: (address: string) => boolean;
}

export type Admission = { ok: true; release: () => void } | { ok: false; reason: 'rate' | 'open' };

export function createIpLimits({ perSecond, burst, maxOpen, exempt }: IpLimitOptions) {
  const addresses = new Map<string, { bucket: TokenBucket; open: number }>();
  return {
    /** Lets a new socket from this address in, or says why not; call `release` when it closes. */
    admit(address: string, now: number): Admission {
      if (exempt(address)) return { ok: true, release: () => {} };
      const key = addressKey(address);
      let entry = addresses.get(key);
      if (!entry) addresses.set(key, (entry = { bucket: createTokenBucket(perSecond, burst, now), open: 0 }));
      if (entry.open >= maxOpen) return { ok: false, reason: 'open' };
      if (!entry.bucket.take(now)) return { ok: false, reason: 'rate' };
      entry.open += 1;
      const held = entry;
      let released = false;
      return {
        ok: true,
        release() {
          if (released) return;
          released = true;
          held.open -= 1;
        },
      };
    },
    /** Forgets addresses with nothing open; their buckets have long refilled. */
    sweep(): void {
      for (const [address, entry] of addresses) if (entry.open === 0) addresses.delete(address);
    },
  };
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
export function isLoopback(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}
