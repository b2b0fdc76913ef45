// Connections that hold the server without using it (slowloris): a header line every few
// seconds, a body a byte at a time, or just thousands of sockets opened and left. Node's own
// limits were left at their defaults (60 s for headers, 300 s for a request, checked every
// 30 s), and nothing capped what one address held before a WebSocket upgrade, so 5,000 such
// connections from one machine were kept about 90 s and, under `ulimit -n 1024`, 985 of them
// left no descriptor for anyone else: /api/health timed out.
//
// Now the headers must be in within `headersMs`, and a body within `bodyMs`, except a file's
// (`POST /api/files`), which a slow phone needs longer for: Node's requestTimeout counts the
// whole request, body included, with no way to give one route more, so it is set to the
// longest allowance and each request's own deadline is kept here (a file's body is also held
// to a pace, upload-body.ts, which cuts a stalled one within seconds: this is the last resort).
// And one address holds at most `perAddress` connections that have not become WebSockets
// (those count against the socket limits, ip-limits.ts), except addresses `exempt` names:
// loopback, where a reverse proxy on this host carries every client, and the proxies
// `--trust-proxy` names, for the same reason. Such a proxy meets the slow clients itself
// (nginx buffers a request before it passes it on).
import type { IncomingMessage, Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import { addressKey } from './client-address';

export interface SlowClientLimits {
  /** A request's headers must be in within this long of its first byte (of the connection's, for the first request). */
  headersTimeoutMs: number;
  /** A request's body must be in within this long of its headers. */
  bodyTimeoutMs: number;
  /** A file's body, 10 MB at most, within this long: a phone on a poor connection sends 10 MB in about three minutes. */
  uploadTimeoutMs: number;
  /** Connections one address may hold open before they become WebSockets. */
  connectionsPerAddress: number;
}

/** How often Node looks for requests past their time: the timeouts are this much late at most. */
const CHECK_EVERY_MS = 1_000;

/** Node's own timeouts, given when the server is made (the checking interval cannot be changed after). */
export function slowClientServerOptions(limits: SlowClientLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    // The longest any request may take: each request's own deadline is `guardSlowClients`'.
    requestTimeout: Math.max(limits.headersTimeoutMs, limits.bodyTimeoutMs, limits.uploadTimeoutMs),
    connectionsCheckingInterval: Math.min(CHECK_EVERY_MS, limits.headersTimeoutMs),
  };
}

export interface SlowClientOptions extends SlowClientLimits {
  /** Whether this request's body is a file, which gets `uploadTimeoutMs`. */
  isUpload: (req: IncomingMessage) => boolean;
  /** Peers whose connections are not counted (loopback, trusted proxies). */
  exempt: (peer: string) => boolean;
}

export function guardSlowClients(server: Server, options: SlowClientOptions): { upgraded(socket: Socket): void } {
  const open = new Map<string, number>();
  /** Each counted socket's release, until it closes or becomes a WebSocket. */
  const counted = new WeakMap<Socket, () => void>();

  server.on('connection', (socket: Socket) => {
    const peer = socket.remoteAddress ?? '';
    if (options.exempt(peer)) return;
    const key = addressKey(peer);
    const held = open.get(key) ?? 0;
    // Refused at once: no response to write means no descriptor kept for one.
    if (held >= options.connectionsPerAddress) return void socket.destroy();
    open.set(key, held + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    };
    counted.set(socket, release);
    socket.once('close', release);
  });

  server.on('request', (req: IncomingMessage) => {
    const ms = options.isUpload(req) ? options.uploadTimeoutMs : options.bodyTimeoutMs;
    const timer = setTimeout(() => {
      // Still coming in: whoever sends it this slowly is holding the connection, not using it.
      if (!req.complete) req.socket.destroy();
    }, ms);
    timer.unref();
    req.once('close', () => clearTimeout(timer));
  });

  return {
    /** The socket is a WebSocket now, counted by the socket limits: its connection slot is free. */
    upgraded: (socket) => counted.get(socket)?.(),
  };
}
