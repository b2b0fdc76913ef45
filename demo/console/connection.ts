// One agent socket that keeps itself connected: backoff with fresh jitter per attempt, a
// connect timeout (until the welcome), an application heartbeat (browsers cannot send WebSocket
// pings), a drop as soon as the browser says the network is gone or a ping after a late ack goes
// unanswered (or is answered and the ack is still late: `restart`), and a hook that decides
// whether a close is worth retrying (a rejected token is not).
import { signal } from '@preact/signals';
import type { AgentClientMessage } from '../../protocol/agent';
import { backoffDelay } from '../../protocol/backoff';
import type { ConsoleOptions } from './config';
import type { ConsoleEnv, SocketLike } from './env';

export type ConnectionStatus = 'connecting' | 'online' | 'waiting' | 'stopped';

export interface ConnectionHooks {
  /** The socket opened: say hello. */
  onOpen(): void;
  onFrame(frame: unknown): void;
  /** Return false to stay disconnected (e.g. the token was rejected). */
  shouldReconnect(code: number): boolean;
}

const OPEN = 1;
/** Our own code for "the client gave up on this socket" (timeouts); never sent by the server. */
const CLIENT_GAVE_UP = 4900;

export function createConnection(env: ConsoleEnv, url: string, hooks: ConnectionHooks, options: ConsoleOptions) {
  const status = signal<ConnectionStatus>('connecting');
  /** When the next attempt starts (`performance.now()` time), while `status` is `waiting`. */
  const retryAt = signal<number | null>(null);
  let socket: SocketLike | null = null;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let connectTimer: ReturnType<typeof setTimeout> | undefined;
  let heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  /** Set while a ping asked by `probe` waits for its pong. */
  let probeTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Liveness is a pong, not any frame: on a one-way black hole the server's frames still arrive.
   * Timed with `performance.now()`, never the wall clock: a clock set back (a laptop waking and
   * syncing) would keep a dead link "connected" for as long as it went back.
   */
  let lastPongAt = 0;

  function clearTimers(): void {
    clearTimeout(retryTimer);
    clearTimeout(connectTimer);
    clearInterval(heartbeatTimer);
    clearTimeout(probeTimer);
    probeTimer = undefined;
  }

  function connect(): void {
    clearTimers();
    retryAt.value = null;
    status.value = 'connecting';
    const ws = new env.WebSocket(url);
    socket = ws;
    // Until the welcome, not the open: a socket that opens and is never welcomed (a server stuck
    // before it, a proxy that accepts and forwards nothing) is as useless as one that never opens.
    connectTimer = setTimeout(() => drop(ws, CLIENT_GAVE_UP), options.connectTimeoutMs);
    ws.onopen = () => hooks.onOpen();
    ws.onmessage = (event) => {
      let frame: unknown;
      try {
        frame = JSON.parse(String(event.data));
      } catch {
        return;
      }
      if (typeof frame === 'object' && frame !== null && 'type' in frame && frame.type === 'pong') lastPongAt = performance.now();
      hooks.onFrame(frame);
    };
    ws.onclose = (event) => drop(ws, event.code);
    // An error is always followed by a close; the close decides.
    ws.onerror = null;
  }

  /** Forget a socket (closed by the server, or given up by us) and decide what comes next. */
  function drop(ws: SocketLike, code: number): void {
    if (ws !== socket) return;
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    if (ws.readyState <= OPEN) ws.close(1000);
    socket = null;
    clearTimers();
    if (!hooks.shouldReconnect(code)) {
      status.value = 'stopped';
      return;
    }
    const delay = backoffDelay(
      attempt++,
      { minMs: options.backoffMinMs, maxMs: options.backoffMaxMs, factor: options.backoffFactor },
      env.random,
    );
    status.value = 'waiting';
    retryAt.value = performance.now() + delay;
    retryTimer = setTimeout(connect, delay);
  }

  /** The server said welcome: the connection is usable and the backoff starts over. */
  function markOnline(heartbeatMs: number): void {
    clearTimeout(connectTimer);
    attempt = 0;
    lastPongAt = performance.now();
    status.value = 'online';
    const every = Math.max(1_000, Math.floor(heartbeatMs / 2));
    clearInterval(heartbeatTimer);
    heartbeatTimer = setInterval(() => {
      // Two intervals without a pong: the link is dead but has not said so.
      if (socket && performance.now() - lastPongAt > every * 2 + 1_000) return drop(socket, CLIENT_GAVE_UP);
      send({ type: 'ping', t: Date.now() });
    }, every);
  }

  /**
   * A message's ack is late (the outbox): the server answers every message, so either it is slow or
   * the link died without a word, which the heartbeat finds only 11–16 s after the last pong. A ping
   * now tells which: a pong (the server has read past the message, frames being in order) and the
   * message waits on, one more ack timeout before the outbox has the link `restart`; none within
   * `pongTimeoutMs` and the socket is dropped like one that closed, so the bar says so and the
   * welcome after the reconnect sends the message again.
   */
  function probe(): void {
    const ws = socket;
    if (!ws || status.value !== 'online' || probeTimer !== undefined) return;
    const askedAt = performance.now();
    send({ type: 'ping', t: Date.now() });
    probeTimer = setTimeout(() => {
      probeTimer = undefined;
      if (lastPongAt < askedAt) drop(ws, CLIENT_GAVE_UP);
    }, options.pongTimeoutMs);
  }

  /**
   * Start over on a fresh socket, as after a drop: the server answers pings but not a message
   * (outbox.ts), or the browser says the network is gone.
   */
  function restart(): void {
    if (socket) drop(socket, CLIENT_GAVE_UP);
  }

  function send(message: AgentClientMessage): boolean {
    if (!socket || socket.readyState !== OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  }

  /** Skip the rest of the backoff wait ("Reconnect now"). */
  function retryNow(): void {
    if (status.value === 'waiting' || status.value === 'stopped') connect();
  }

  function dispose(): void {
    stopOnline();
    stopOffline();
    clearTimers();
    const ws = socket;
    socket = null;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      ws.close(1000);
    }
    status.value = 'stopped';
  }

  // Back on the network: no point waiting out the backoff.
  const stopOnline = env.onOnline(retryNow);
  // Off the network: the socket may look open for many seconds yet, until TCP gives up. Dropped now,
  // so the bar says so at once and what the agent sends meanwhile waits for the welcome, in order,
  // rather than going into a dead socket (as the widget does: widget/app/net/connection.ts).
  const stopOffline = env.onOffline(restart);
  connect();
  return { status, retryAt, send, markOnline, probe, restart, retryNow, dispose };
}

export type Connection = ReturnType<typeof createConnection>;
