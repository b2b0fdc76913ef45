// Whom a request is from, as the per-address limits count it (logins, beacons, files, sockets),
// and whether that address stands for many clients: a proxy --trust-proxy does not name.
// The address rules themselves are client-address.ts; this file holds what depends on the
// running server: its --trust-proxy and the hint told to the operator once.
import type { IncomingMessage } from 'node:http';
import { clientAddress, isTrustedProxy, type TrustProxy } from './client-address';
import { isLoopback } from './ip-limits';

export interface RequestAddress {
  /** Whom a request is from, for every per-address limit: behind proxies the operator trusts, the client they name. */
  addressOf(req: IncomingMessage): string;
  /**
   * Whether a request came through a proxy that --trust-proxy does not name: it writes
   * X-Forwarded-For, so its address may be every client's, and the login back-off counts it as one
   * shared address (no exemption for where an agent logged in before). On this machine or on
   * another: a proxy elsewhere would otherwise let every guess through it off the back-off once an
   * agent logged in through it. A client that writes the header itself only loses its own exemption.
   * Told once each, at the first: the operator most likely forgot the flag.
   */
  viaUntrustedProxy(req: IncomingMessage): boolean;
}

export function createRequestAddress(trustProxy: TrustProxy | undefined, info: (line: string) => void): RequestAddress {
  /** Whether the hint was told already, for a proxy on this machine and for one elsewhere: once each. */
  const proxyHinted = { local: false, remote: false };
  const viaUntrustedProxy = (req: IncomingMessage) => {
    const peer = req.socket.remoteAddress ?? '';
    if (req.headers['x-forwarded-for'] === undefined || isTrustedProxy(trustProxy, peer)) return false;
    const flag = trustProxy ? 'does not name it' : 'is not set';
    if (isLoopback(peer) && !proxyHinted.local) {
      proxyHinted.local = true;
      info(`Requests arrive through a proxy on this machine (X-Forwarded-For from ${peer}) but --trust-proxy ${flag}; set \`--trust-proxy loopback\` so the limits count the real clients.`);
    } else if (!isLoopback(peer) && !proxyHinted.remote) {
      proxyHinted.remote = true;
      info(`Requests arrive with X-Forwarded-For from ${peer} but --trust-proxy ${flag}; if it is your proxy, set \`--trust-proxy ${peer}\` so the limits count the real clients.`);
    }
    return true;
  };
  const addressOf = (req: IncomingMessage) => {
    viaUntrustedProxy(req);
    return clientAddress(req.socket.remoteAddress ?? '', req.headers['x-forwarded-for'], trustProxy);
  };
  return { addressOf, viaUntrustedProxy };
}
