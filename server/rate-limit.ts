// A token bucket per connection: bursts are fine, a sustained flood is not.
export interface TokenBucket {
  take(now: number): boolean;
}

export function createTokenBucket(perSecond: number, burst: number, now: number): TokenBucket {
  let tokens = burst;
  let last = now;
  return {
    take(at) {
      tokens = Math.min(burst, tokens + ((at - last) / 1000) * perSecond);
      last = at;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
