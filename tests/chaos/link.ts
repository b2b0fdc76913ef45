// A WebSocket that keeps coming back, as the widget's and the console's do: connect timeout,
// exponential backoff with jitter drawn on every attempt, an application heartbeat, and a
// silence timeout that catches the half-dead connection a one-way black hole leaves behind.
// It knows nothing of the chat protocol beyond `ping`; its owner says hello and decides
// when the connection is ready (after `welcome`).
import WebSocket from 'ws';
import type { Random } from './prng';

export const LINK_DEFAULTS = Object.freeze({
  /** From the first byte to `ready()`: a handshake into a black hole gives up after this. */
  connectTimeoutMs: 3_000,
  /** Application ping period, unless the server asks for pings more often. */
  pingMs: 1_000,
  /** No pong to our pings for this long → the connection is dead. Only a pong proves the round
   *  trip: with the way up black-holed, the server's frames and pings still arrive. */
  silenceMs: 3_000,
  backoff: Object.freeze({ minMs: 50, maxMs: 1_000, factor: 2 }),
});

export interface LinkStats {
  /** Connection attempts. */
  attempts: number;
  /** Connections that reached `ready()`. */
  ready: number;
  connectTimeouts: number;
  /** Connections given up because no pong came back for `silenceMs`. */
  silent: number;
  /** Connections the client itself ended to recover (gap, unanswered frame). */
  recycled: number;
}

export interface LinkOptions {
  url: string;
  origin?: string;
  random: Random;
  connectTimeoutMs?: number;
  pingMs?: number;
  silenceMs?: number;
  backoff?: { minMs: number; maxMs: number; factor: number };
  /** Runs before each attempt (e.g. to log in again); a throw counts as a failed attempt. */
  prepare?: () => Promise<void>;
  /** The socket is open: say hello. */
  onOpen: () => void;
  onFrame: (frame: unknown) => void;
  onClose?: (code: number, reason: string) => void;
}

export class Link {
  readonly stats: LinkStats = { attempts: 0, ready: 0, connectTimeouts: 0, silent: 0, recycled: 0 };
  private ws: WebSocket | null = null;
  private isReady = false;
  private stopped = true;
  private failures = 0;
  private lastPong = 0;
  private pingMs: number;
  private connectTimer: NodeJS.Timeout | null = null;
  private beatTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly opts: Required<Omit<LinkOptions, 'origin' | 'prepare' | 'onClose'>> & LinkOptions;

  constructor(options: LinkOptions) {
    this.opts = {
      connectTimeoutMs: LINK_DEFAULTS.connectTimeoutMs,
      pingMs: LINK_DEFAULTS.pingMs,
      silenceMs: LINK_DEFAULTS.silenceMs,
      backoff: LINK_DEFAULTS.backoff,
      ...options,
    };
    this.pingMs = this.opts.pingMs;
  }

  get ready(): boolean {
    return this.isReady;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  /** Closes for good and resolves when the socket is gone. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const ws = this.ws;
    if (!ws) return;
    await new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      ws.terminate();
    });
  }

  /** Sends when the socket is open; false otherwise (the owner's outbox keeps the message). */
  send(frame: object): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** The owner got `welcome`: the attempt succeeded. The server's heartbeat can only shorten ours. */
  markReady(serverHeartbeatMs?: number): void {
    this.isReady = true;
    this.failures = 0;
    this.stats.ready++;
    if (this.connectTimer) clearTimeout(this.connectTimer);
    this.connectTimer = null;
    if (serverHeartbeatMs && serverHeartbeatMs > 0 && serverHeartbeatMs < this.pingMs) {
      this.pingMs = serverHeartbeatMs;
      this.startBeat();
    }
  }

  /** Ends this connection (and reconnects): how the owner recovers from a gap or a lost frame. */
  recycle(): void {
    if (!this.ws) return;
    this.stats.recycled++;
    this.ws.terminate();
  }

  private async connect(): Promise<void> {
    this.retryTimer = null;
    if (this.stopped) return;
    this.stats.attempts++;
    try {
      await this.opts.prepare?.();
    } catch {
      this.failures++;
      return this.retry();
    }
    if (this.stopped) return;
    const ws = new WebSocket(this.opts.url, { origin: this.opts.origin, perMessageDeflate: false });
    this.ws = ws;
    this.isReady = false;
    this.lastPong = Date.now();
    this.connectTimer = setTimeout(() => {
      this.stats.connectTimeouts++;
      ws.terminate();
    }, this.opts.connectTimeoutMs);
    ws.on('open', () => {
      this.lastPong = Date.now();
      this.startBeat();
      this.opts.onOpen();
    });
    ws.on('message', (data) => {
      let frame: unknown;
      try {
        frame = JSON.parse(String(data));
      } catch {
        return;
      }
      if (typeof frame === 'object' && frame !== null && (frame as { type?: unknown }).type === 'pong') this.lastPong = Date.now();
      this.opts.onFrame(frame);
    });
    // Errors always end in 'close', which is where we recover.
    ws.on('error', () => {});
    ws.on('close', (code, reason) => {
      if (this.connectTimer) clearTimeout(this.connectTimer);
      if (this.beatTimer) clearInterval(this.beatTimer);
      this.connectTimer = this.beatTimer = null;
      this.ws = null;
      if (!this.isReady) this.failures++;
      this.isReady = false;
      this.opts.onClose?.(code, reason.toString());
      this.retry();
    });
  }

  private retry(): void {
    if (this.stopped) return;
    const { minMs, maxMs, factor } = this.opts.backoff;
    // Full jitter, drawn per attempt, so clients cut off together do not return together.
    const cap = Math.min(maxMs, minMs * factor ** this.failures);
    const wait = minMs + this.opts.random.next() * Math.max(0, cap - minMs);
    this.retryTimer = setTimeout(() => void this.connect(), wait);
  }

  private startBeat(): void {
    if (this.beatTimer) clearInterval(this.beatTimer);
    const ws = this.ws;
    if (!ws) return;
    this.beatTimer = setInterval(() => {
      if (Date.now() - this.lastPong > this.opts.silenceMs) {
        this.stats.silent++;
        ws.terminate();
        return;
      }
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'ping', t: Date.now() }));
    }, this.pingMs);
  }
}
