// Password guessing at one login. The per-address limit (http.ts) stops a flood from one
// machine, but an attacker with many addresses got 500 guesses at `demo` in 10 s from 50 of
// them, all answered. So each login also has a budget: a few tries, then a wait before each
// next one that doubles, up to a cap. Every try counts as a failure until it succeeds, so
// tries sent all at once cannot slip past while their passwords are still being checked.
//
// The trade-off: anyone who knows a login can keep it waiting by guessing once per cap. The
// cap is short (30 s) so a real agent is held back by that at most, and an agent trying from
// an address (its /64 for IPv6) they logged in from before is not held back at all (only by
// the per-address limit), since the attacker is not there. Unless that address is everyone's: a
// proxy not named with --trust-proxy (one sending X-Forwarded-For) makes every client its address,
// and one login through it let every guess through it off the back-off. Counts are per server process.
//
// A login starting to be held back is news for the operator (console-http.ts logs it): once per run
// of wrong tries, with where the latest came from only to its network, as much as they need to act.
import { isIP } from 'node:net';
import { addressKey, plainAddress } from './client-address';
import { loginKey } from './login-key';

export const LOGIN_LIMIT = Object.freeze({
  /** Tries in a row before the waits start. */
  free: 5,
  /** The first wait; each try after doubles it. */
  firstDelayMs: 1_000,
  /** The longest wait: how long an attacker can hold a real agent back at a time. */
  maxDelayMs: 30_000,
  /** A login with no try for this long starts again with its free tries. */
  forgetMs: 15 * 60_000,
  /** An address a login succeeded from is let through this long after. */
  knownMs: 30 * 24 * 60 * 60_000,
});

/** Logins followed at once: more (an attacker trying made-up ones) drops those tried longest ago. */
const MAX_LOGINS = 10_000;
/** Addresses remembered per agent: their office, home, phone… */
const MAX_KNOWN = 20;

export type LoginLimitSettings = typeof LOGIN_LIMIT;

export function createLoginLimit(settings: LoginLimitSettings = LOGIN_LIMIT) {
  /** `told`: this run of tries has been reported by `heldBack`. */
  const tries = new Map<string, { count: number; first: number; last: number; until: number; told: boolean }>();
  const known = new Map<string, Map<string, number>>();
  const isKnown = (login: string, key: string, now: number) => {
    const at = known.get(login)?.get(key);
    return at !== undefined && now - at < settings.knownMs;
  };
  // Keyed whatever the case typed: logging in finds the agent whatever it is (login-key.ts), so
  // "Aino", "aino" and "AINO" would each have had a budget of their own at one agent's password.
  return {
    /**
     * 0: go on and check the password (the try counts as a failure until `succeeded`); else how many
     * ms to wait first. `address` null: the one it came from stands for many clients, so is nobody's known one.
     */
    attempt(typed: string, address: string | null, now: number): number {
      const login = loginKey(typed);
      if (address !== null && isKnown(login, addressKey(address), now)) return 0;
      let entry = tries.get(login);
      if (entry && now - entry.last > settings.forgetMs) entry = undefined;
      if (entry && now < entry.until) return entry.until - now;
      entry ??= { count: 0, first: now, last: now, until: 0, told: false };
      // Re-inserted, so the map's first entries are the logins tried longest ago.
      tries.delete(login);
      tries.set(login, entry);
      if (tries.size > MAX_LOGINS) tries.delete(tries.keys().next().value!);
      entry.count += 1;
      entry.last = now;
      if (entry.count >= settings.free) entry.until = now + Math.min(settings.firstDelayMs * 2 ** (entry.count - settings.free), settings.maxDelayMs);
      return 0;
    },
    /**
     * After a wrong password: the first time in a run of tries that the login is being held back,
     * how many tries it took over how long (ms) and the longest wait it can be given; else null.
     */
    heldBack(login: string): { tries: number; overMs: number; maxWaitMs: number } | null {
      const entry = tries.get(loginKey(login));
      if (!entry || entry.until === 0 || entry.told) return null;
      entry.told = true;
      return { tries: entry.count, overMs: entry.last - entry.first, maxWaitMs: settings.maxDelayMs };
    },
    /** The password was right: the login starts afresh, and this address (unless it is many clients') is known for it. */
    succeeded(typed: string, address: string | null, now: number): void {
      const login = loginKey(typed);
      tries.delete(login);
      if (address === null) return;
      const addresses = known.get(login) ?? new Map<string, number>();
      const key = addressKey(address);
      addresses.delete(key);
      addresses.set(key, now);
      if (addresses.size > MAX_KNOWN) addresses.delete(addresses.keys().next().value!);
      known.set(login, addresses);
    },
  };
}

/** An address as far as a log needs it: its network, IPv4 /24 or IPv6 /48, not the one machine. */
export function addressNetwork(address: string): string {
  const plain = plainAddress(address);
  if (isIP(plain) === 4) return `${plain.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIP(plain) === 6) return `${addressKey(plain).split(':').slice(0, 3).join(':')}::/48`;
  return 'an address not known';
}
