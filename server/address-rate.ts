// A rate limit per client address for the HTTP API's routes (logins, FAQ beacons). Apart from
// the routes because each keeps its own buckets with its own rate, on the same rule.
import type { IncomingMessage } from 'node:http';
import { addressKey } from './client-address';
import { createTokenBucket } from './rate-limit';
import type { TokenBucket } from './rate-limit';

/** How often every client address's bucket is forgotten: a bound on memory, at most one fresh burst per address per while. */
const FORGET_ADDRESSES_MS = 10 * 60_000;

/** A token bucket per client address (an IPv6 one's /64), all forgotten every FORGET_ADDRESSES_MS; true when the request may go on. */
export function perAddress(
  rate: { perSecond: number; burst: number },
  exempt: (address: string) => boolean,
  addressOf: (req: IncomingMessage) => string,
  now: () => number,
): (req: IncomingMessage) => boolean {
  let buckets = new Map<string, TokenBucket>();
  // Forgotten at the first request after the while, not by a timer: nothing to stop when the server closes.
  // Every address at once, as the timer did: keeping each one's last use would cost a write per request.
  let forgetAt = now() + FORGET_ADDRESSES_MS;
  return (req) => {
    const address = addressOf(req);
    if (exempt(address)) return true;
    if (now() >= forgetAt) (buckets = new Map()), (forgetAt = now() + FORGET_ADDRESSES_MS);
    const key = addressKey(address);
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = createTokenBucket(rate.perSecond, rate.burst, now())));
    return bucket.take(now());
  };
}
