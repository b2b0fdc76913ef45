// The only file that knows `ws`: upgrades, origin check, payload cap, heartbeat, and the
// binding of a socket to a Session through the tiny Conn interface.
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import { CLOSE, LIMITS } from '../protocol';
import type { Conn, Session } from './conn';
import { createIpLimits, isLoopback, type IpLimitOptions } from './ip-limits';
import { refusedOriginBody } from './origins';
import { requestPath } from './request-path';

export interface SocketsOptions {
  /** Whether a visitor socket may be opened from this Origin header (undefined: not a browser), sent to this Host. */
  originAllowed: (origin: string | undefined, host: string | undefined) => boolean;
  heartbeatMs: number;
  idleTimeoutMs: number;
  /** How long clients get to answer the closing handshake on shutdown. */
  closeGraceMs: number;
  /** A visitor's socket, from this client address (`clientAddress`'s): the session's handoffs are capped per address (waiting-limit.ts). */
  visitor: (conn: Conn<object>, address: string) => Session;
  agent: (conn: Conn<object>) => Session;
  /** New sockets per address: how fast, and how many at once (`ip-limits.ts`). */
  perAddress: Omit<IpLimitOptions, 'exempt'> & { exempt?: (address: string) => boolean };
  /** Whom an upgrade is from: the peer, or behind trusted proxies the client they name (client-address.ts); the peer by default. */
  clientAddress?: (request: IncomingMessage) => string;
  /** Told of each socket let in: it counts against the socket limits now, not as a connection waiting for a request (slow-clients.ts). */
  upgraded?: (socket: Socket) => void;
}

/** Addresses that have nothing open are forgotten this often. */
const SWEEP_MS = 10 * 60_000;

/**
 * A client that has not drained this much is not reading; holding more is a memory leak. Measured
 * at a tick's first frame, never between a tick's frames, and without the largest frame still going
 * out: a frame over the limit (none should be: the queue is paged, queue-frame.ts) goes out with
 * the frames around it, the welcome before it included, and its client is cut only if what else
 * it has not read passes the limit.
 */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Frames from this size up are counted while they go out, so that the largest is left out of the limit. */
const LARGE_FRAME_BYTES = 256 * 1024;

export function attachSockets(server: Server, options: SocketsOptions): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.frameBytes, clientTracking: true });
  const lastSeen = new WeakMap<WebSocket, number>();
  const sessions = new Set<Session>();
  const limits = createIpLimits({ exempt: isLoopback, ...options.perAddress });
  const sweep = setInterval(() => limits.sweep(), SWEEP_MS);
  sweep.unref();

  const refuse = (socket: Duplex, status: number, text: string, body = '') => {
    const type = body ? 'Content-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n' : '';
    // Closed once the answer is out, not when the client closes its side: Node's timeouts no
    // longer watch an upgrade's socket, and a client that never did would keep it for good.
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\n${type}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`, () => socket.destroy());
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = requestPath(request.url);
    const start = path === '/ws/visitor' ? options.visitor : path === '/ws/agent' ? options.agent : null;
    if (!start) return refuse(socket, 404, 'Not Found');
    const origin = request.headers.origin;
    // The browser tells the page only "Unexpected response code: 403"; the body is for whoever opens devtools' network tab.
    if (start === options.visitor && !options.originAllowed(origin, request.headers.host)) return refuse(socket, 403, 'Forbidden', origin && refusedOriginBody(origin));
    // Refused before the upgrade: a client backs off and retries, as after any failed connect.
    const address = options.clientAddress?.(request) ?? request.socket.remoteAddress ?? '';
    const admitted = limits.admit(address, Date.now());
    if (!admitted.ok) return refuse(socket, 429, 'Too Many Requests');
    socket.once('close', admitted.release);
    options.upgraded?.(request.socket);
    wss.handleUpgrade(request, socket, head, (ws) => bind(ws, socket, (conn) => start(conn, address)));
  };

  const bind = (ws: WebSocket, socket: Duplex, start: (conn: Conn<object>) => Session) => {
    lastSeen.set(ws, Date.now());
    let corked = false;
    /** Bytes of each large frame handed to `ws` and not yet written out to the system. */
    const large: number[] = [];
    const conn: Conn<object> = {
      send(message) {
        if (ws.readyState !== WebSocket.OPEN) return;
        // One commit settles many writes at once; corking until the end of this tick turns
        // the acks and events it sends to one socket into one system call instead of dozens.
        if (!corked) {
          // Cut mid-tick, or for a frame it is still reading, a large frame would take the frames
          // before it along, unsent: a console whose queue frame was 5 MB lost its welcome, at every hello.
          const largest = large.length === 0 ? 0 : Math.max(...large);
          if (ws.bufferedAmount - largest > MAX_BUFFERED_BYTES) return ws.terminate();
          corked = true;
          socket.cork();
          process.nextTick(() => {
            corked = false;
            socket.uncork();
          });
        }
        const json = JSON.stringify(message);
        // UTF-8 takes at most 3 bytes per UTF-16 unit: most frames need no count.
        const bytes = json.length * 3 < LARGE_FRAME_BYTES ? 0 : Buffer.byteLength(json);
        if (bytes < LARGE_FRAME_BYTES) return ws.send(json);
        large.push(bytes);
        ws.send(json, () => large.splice(large.indexOf(bytes), 1));
      },
      close: (code, reason) => ws.close(code, reason),
    };
    const session = start(conn);
    sessions.add(session);
    ws.on('message', (data, isBinary) => {
      lastSeen.set(ws, Date.now());
      // Binary frames are not our protocol; as text they fail parsing with a coded error.
      session.frame(isBinary ? '\u0000' : data.toString());
    });
    ws.on('pong', () => lastSeen.set(ws, Date.now()));
    // ws reports protocol violations (e.g. a frame over maxPayload) here and closes itself.
    ws.on('error', () => {});
    ws.on('close', () => {
      sessions.delete(session);
      session.closed();
    });
  };

  const heartbeat = setInterval(() => {
    const now = Date.now();
    for (const ws of wss.clients) {
      if (now - (lastSeen.get(ws) ?? 0) > options.idleTimeoutMs) ws.terminate();
      else if (ws.readyState === WebSocket.OPEN) ws.ping();
    }
  }, Math.min(options.heartbeatMs, options.idleTimeoutMs / 2));
  heartbeat.unref();

  server.on('upgrade', onUpgrade);
  return {
    close() {
      clearInterval(heartbeat);
      clearInterval(sweep);
      server.off('upgrade', onUpgrade);
      // Sessions stop taking frames now, not when each closing handshake completes.
      for (const session of sessions) session.closed();
      sessions.clear();
      for (const ws of wss.clients) ws.close(CLOSE.goingAway, 'server shutting down');
      // A half-dead client never answers the closing handshake, and ws would wait 30 s for it,
      // holding http.close() and so the restart (found by tests/chaos/graceful-stop.test.ts).
      setTimeout(() => {
        for (const ws of wss.clients) ws.terminate();
      }, options.closeGraceMs).unref();
      wss.close();
    },
  };
}
