// How many visitors of one client address may wait in the queue at once (their conversation
// queued: handed off, not yet taken by an agent). Visitors cost nothing to make, and the socket
// limits (ip-limits.ts) let an address hold 200: a script handed off 150 throwaway visitors
// from one address in 11 s, the next real customer was told 150 were ahead of them, and every
// card the agents' console shows was the script's. A handoff past the cap is refused
// (`too_many_waiting`); room frees up as one of theirs is taken or closed, or its visitor leaves.
//
// Per visitor, not per socket: a visitor's tabs, and a socket that drops and comes back with the
// same token, are one waiting visitor. A visitor whose last socket closed still counts for the
// grace within which a reload or the next page comes back (as visitor-presence.ts has them still
// here), else a script could hand off, close, and hand off again at its sockets' pace.
//
// Counted per server process, in memory: client addresses are never stored (privacy), so
// scaled out each server caps its own. Keyed as the socket limits are: an IPv6 client by its
// /64, loopback exempt (a proxy on the same host carries every client), and behind
// --trust-proxy the client the proxy names (client-address.ts).
import { addressKey } from './client-address';

export interface WaitingLimitOptions {
  /** Visitors of one address who may wait at once (`DEFAULTS.waitingPerAddress`). */
  maxPerAddress: number;
  /** How long a waiting visitor whose last socket closed still counts (`DEFAULTS.visitorGoneMs`). */
  graceMs: number;
  exempt: (address: string) => boolean;
}

/** One visitor socket's standing under the cap. */
export interface WaitingSlot {
  /** The visitor asks for a person: whether they may (they wait already, or there is room), holding a place if so. */
  admit(visitorId: string): boolean;
  /** Whether the visitor's conversation is queued, as the socket learns it: a place held, or let go. Never refused: it is in the queue already. */
  waiting(visitorId: string, queued: boolean): void;
  /** The socket closed: its place goes after the grace. */
  closed(): void;
}

/** No cap: loopback, and sessions tested without an address. */
export const UNLIMITED: WaitingSlot = Object.freeze({ admit: () => true, waiting: () => {}, closed: () => {} });

export type WaitingLimit = ReturnType<typeof createWaitingLimit>;

export function createWaitingLimit({ maxPerAddress, graceMs, exempt }: WaitingLimitOptions) {
  /** Per address key, its waiting visitors, each with how many sockets (or graces) hold their place. */
  const addresses = new Map<string, Map<string, number>>();
  const hold = (key: string, visitorId: string) => {
    let visitors = addresses.get(key);
    if (!visitors) addresses.set(key, (visitors = new Map()));
    visitors.set(visitorId, (visitors.get(visitorId) ?? 0) + 1);
  };
  const drop = (key: string, visitorId: string) => {
    const visitors = addresses.get(key);
    const left = (visitors?.get(visitorId) ?? 0) - 1;
    if (left > 0) return void visitors!.set(visitorId, left);
    visitors?.delete(visitorId);
    if (visitors?.size === 0) addresses.delete(key);
  };

  return {
    /** A new visitor socket from this address. */
    slot(address: string): WaitingSlot {
      if (exempt(address)) return UNLIMITED;
      const key = addressKey(address);
      /** The visitor whose place this socket holds. */
      let held: string | null = null;
      /** The socket closed: work of its still under way (a write's outcome, a status) holds nothing more. */
      let closed = false;
      const take = (visitorId: string) => {
        if (closed || held === visitorId) return;
        if (held !== null) drop(key, held);
        hold(key, visitorId);
        held = visitorId;
      };
      const letGo = () => {
        if (held !== null) drop(key, held);
        held = null;
      };
      return {
        admit(visitorId) {
          const waiting = addresses.get(key);
          if (!waiting?.has(visitorId) && (waiting?.size ?? 0) >= maxPerAddress) return false;
          take(visitorId);
          return true;
        },
        waiting: (visitorId, queued) => (queued ? take(visitorId) : letGo()),
        closed() {
          closed = true;
          if (held === null) return;
          const visitorId = held;
          held = null;
          setTimeout(() => drop(key, visitorId), graceMs).unref();
        },
      };
    },
  };
}
