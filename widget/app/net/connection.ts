// A WebSocket that keeps itself connected: backoff with jitter, a connect timeout, a fresh URL
// per attempt, an application heartbeat, and a connection state a visitor can trust. It knows
// nothing of the chat protocol beyond `ping`: the session says hello in `onOpen` and calls
// `ready()` once the server has welcomed it.
import { signal, type ReadonlySignal } from '@preact/signals';
import { CLOSE } from '../../../protocol/errors';
import { backoffDelay, type BackoffOptions } from '../../../protocol/backoff';
import { stringify } from './json';

/** What the visitor is shown. `connecting` only before the first welcome. */
export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
}
export type SocketFactory = new (url: string) => SocketLike;

export interface ConnectionSettings {
  backoff: BackoffOptions;
  connectTimeoutMs: number;
  minUptimeMs: number;
  graceMs: number;
  offlineAfter: number;
}

export const CONNECTION_DEFAULTS: Readonly<ConnectionSettings> = Object.freeze({
  backoff: Object.freeze({ minMs: 500, maxMs: 30_000, factor: 2 }),
  connectTimeoutMs: 8_000,
  /** A connection that lived this long resets the backoff. */
  minUptimeMs: 5_000,
  /** Drops shorter than this are not shown: no alarming flicker. */
  graceMs: 2_500,
  /** Failed attempts in a row before the visitor is told they are offline. */
  offlineAfter: 4,
});

export interface ConnectionOptions {
  url: () => string;
  WebSocket: SocketFactory;
  onOpen(send: (data: string) => void): void;
  onMessage(data: string): void;
  /** Return false to stop reconnecting (e.g. the server refused us for good). */
  shouldReconnect?(code: number): boolean;
  settings?: Partial<ConnectionSettings>;
  random?: () => number;
}

export interface Connection {
  state: ReadonlySignal<ConnectionState>;
  /** True between the server's welcome and the next drop: frames sent now reach the server. */
  isReady(): boolean;
  start(): void;
  /** The server welcomed us: show connected, start the heartbeat. */
  ready(heartbeatMs: number): void;
  send(data: string): boolean;
  /** The socket is taken for dead (a frame it never answered): it is replaced at once. */
  drop(): void;
  /** Closes for good and clears every timer. */
  stop(): void;
}

const OPEN = 1;
/** Close codes after which reconnecting with the same hello is pointless. */
const FATAL = new Set<number>([CLOSE.helloRequired, CLOSE.policy, CLOSE.badData]);

export function createConnection(opts: ConnectionOptions): Connection {
  const s = { ...CONNECTION_DEFAULTS, ...opts.settings };
  const state = signal<ConnectionState>('idle');
  let socket: SocketLike | undefined;
  let attempt = 0;
  let failures = 0;
  let welcomed = false;
  let everWelcomed = false;
  let stopped = true;
  let openedAt = 0;
  const timers = { retry: 0, connect: 0, grace: 0, ping: 0, silence: 0 } as Record<string, ReturnType<typeof setTimeout> | 0>;
  const clear = (name: string) => {
    const t = timers[name];
    if (t) {
      clearTimeout(t);
      clearInterval(t);
    }
    timers[name] = 0;
  };

  const connect = () => {
    clear('retry');
    let ws: SocketLike;
    // A socket the page may not open (its CSP's connect-src without the ws:// address, ws:// from
    // an https page) throws here in some browsers; Chromium gives one closed already, with an
    // error and no close. Either is a failed attempt, as a network's: retried, in time shown as
    // offline, never a socket waited on for ever while messages pile up unsent.
    try {
      ws = new opts.WebSocket(opts.url());
    } catch {
      return dropped(CLOSE.goingAway);
    }
    socket = ws;
    timers.connect = setTimeout(drop, s.connectTimeoutMs);
    ws.onopen = () => {
      clear('connect');
      openedAt = performance.now();
      opts.onOpen((data) => ws.readyState === OPEN && (ws.send(data), true));
    };
    ws.onmessage = (ev) => {
      armSilence();
      if (typeof ev.data === 'string') opts.onMessage(ev.data);
    };
    // An error is always the socket's end; its close, when one comes, is then ignored.
    ws.onerror = ws.onclose = (ev: Event) => {
      if (socket !== ws) return;
      socket = undefined;
      dropped((ev as CloseEvent).code);
    };
  };

  const browserOffline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

  const dropped = (code: number) => {
    for (const name of ['connect', 'ping', 'silence']) clear(name);
    const wasWelcomed = welcomed;
    welcomed = false;
    if (stopped) return;
    if (opts.shouldReconnect?.(code) === false || FATAL.has(code)) {
      state.value = 'offline';
      return;
    }
    // performance.now(): with a wall clock set back (a laptop waking) the backoff would go on growing.
    if (wasWelcomed && performance.now() - openedAt >= s.minUptimeMs) attempt = 0;
    if (!wasWelcomed) failures++;
    if (browserOffline()) {
      // The browser knows: no grace period, no pretending to reconnect.
      clear('grace');
      state.value = 'offline';
    } else if (wasWelcomed && !timers.grace) {
      // Keep showing "connected" for a moment: most drops heal before anyone notices.
      timers.grace = setTimeout(() => {
        timers.grace = 0;
        if (!welcomed && !stopped && !browserOffline()) state.value = 'reconnecting';
      }, s.graceMs);
    } else if (failures >= s.offlineAfter) {
      state.value = 'offline';
    } else if (everWelcomed && !timers.grace) {
      state.value = 'reconnecting';
    }
    timers.retry = setTimeout(connect, backoffDelay(attempt++, s.backoff, opts.random));
  };

  /**
   * A socket that cannot be trusted (no welcome in time, a silent server, a frame never answered,
   * the browser offline) is let go and replaced now. Waiting for its close would wait for an answer
   * a dead link never gives: Chromium waits out the closing handshake (~60 s), meanwhile nothing
   * reconnected, no banner said so, and the heartbeat kept pinging into it.
   */
  function drop() {
    const ws = socket;
    if (!ws) return;
    socket = undefined;
    ws.close(CLOSE.normal);
    dropped(CLOSE.goingAway);
  }

  // Heartbeat: browsers cannot send protocol pings, so the app pings; a silent server is a dead one.
  let heartbeatMs = 0;
  const armSilence = () => {
    if (!heartbeatMs) return;
    clear('silence');
    timers.silence = setTimeout(drop, heartbeatMs * 2);
  };

  // When the browser says the network is back, waiting out the backoff only makes the visitor wait.
  const onOnline = () => {
    if (!timers.retry || stopped) return;
    clear('retry');
    connect();
  };

  return {
    state,
    isReady: () => welcomed,
    start() {
      if (!stopped) return;
      stopped = false;
      globalThis.addEventListener?.('online', onOnline);
      // When the browser says the network is gone, the socket may stay "open" for minutes until TCP
      // gives up: dropped now, so the visitor sees the truth and `online` reconnects.
      globalThis.addEventListener?.('offline', drop);
      state.value = everWelcomed ? 'reconnecting' : 'connecting';
      connect();
    },
    ready(ms) {
      welcomed = everWelcomed = true;
      failures = 0;
      clear('grace');
      state.value = 'connected';
      heartbeatMs = ms > 0 ? ms : 0;
      clear('ping');
      if (heartbeatMs) {
        // A little early, so a ping delayed by a busy tab still arrives within the server's interval.
        timers.ping = setInterval(() => socket?.send(stringify({ type: 'ping', t: Date.now() })), heartbeatMs * 0.8);
        armSilence();
      }
    },
    send(data) {
      if (!socket || socket.readyState !== OPEN) return false;
      socket.send(data);
      return true;
    },
    drop,
    stop() {
      stopped = true;
      globalThis.removeEventListener?.('online', onOnline);
      globalThis.removeEventListener?.('offline', drop);
      for (const name of Object.keys(timers)) clear(name);
      const ws = socket;
      socket = undefined;
      // Stopped on purpose (a new question after a closed chat): the next start is a first connection, not a drop.
      welcomed = everWelcomed = false;
      attempt = failures = 0;
      ws?.close(CLOSE.normal);
      state.value = 'idle';
    },
  };
}
