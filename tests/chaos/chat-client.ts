// The common half of the chaos chat clients: what the widget and the console both do to
// make delivery reliable. A client id per message, an outbox resent on every reconnect until
// acknowledged, dedupe by seq and resync on a gap (the transcript), heartbeat and silence
// detection, reconnect with backoff and jitter (the link), and counters of what went wrong.
import type { AgentClientMessage, ConversationEvent, ErrorCode, VisitorClientMessage } from '../../protocol';
import { Link, type LinkOptions } from './link';
import { Outbox, type OutboxOptions } from './outbox';
import { Transcript } from './transcript';
import type { Random } from './prng';

export const CLIENT_DEFAULTS = Object.freeze({
  outbox: Object.freeze({ window: 8, perSecond: 12, burst: 16 }),
  /** A frame in flight this long on a live connection was lost by the server: reconnect and resend. */
  ackTimeoutMs: 10_000,
});

type Tuning = Pick<LinkOptions, 'connectTimeoutMs' | 'pingMs' | 'silenceMs' | 'backoff'>;

export interface ClientOptions {
  /** ws:// URL of the socket endpoint (through the fault proxy in the chaos test). */
  url: string;
  origin?: string;
  random: Random;
  link?: Tuning;
  outbox?: Partial<OutboxOptions>;
  ackTimeoutMs?: number;
}

export interface ClientCounters {
  /** Coded errors the server sent, by code. */
  errors: Partial<Record<ErrorCode, number>>;
  /** Frames in flight that waited longer than ackTimeoutMs on a connection that stayed up. */
  ackTimeouts: number;
  /** Protocol surprises worth a look (an ack for an unknown id, a foreign conversation, …). */
  anomalies: string[];
}

export type ServerFrame = { type: string; [key: string]: unknown };

export abstract class ChatClient {
  readonly outbox: Outbox;
  readonly transcript = new Transcript();
  readonly counters: ClientCounters = { errors: {}, ackTimeouts: 0, anomalies: [] };
  conversationId: string | null = null;
  protected readonly link: Link;
  /** Everything the server must know before messages may go (handoff, claim) is known. */
  protected canSend = false;
  private flushTimer: NodeJS.Timeout | null = null;
  private ackTimer: NodeJS.Timeout | null = null;
  private readonly ackTimeoutMs: number;

  constructor(options: ClientOptions, extra: Pick<LinkOptions, 'prepare'> = {}) {
    this.outbox = new Outbox({ ...CLIENT_DEFAULTS.outbox, ...options.outbox });
    this.ackTimeoutMs = options.ackTimeoutMs ?? CLIENT_DEFAULTS.ackTimeoutMs;
    this.link = new Link({
      ...options.link,
      ...extra,
      url: options.url,
      origin: options.origin,
      random: options.random,
      onOpen: () => this.hello(),
      onFrame: (frame) => this.onFrame(frame as ServerFrame),
      onClose: (code) => {
        this.canSend = false;
        this.outbox.reset();
        this.closed(code);
      },
    });
  }

  get linkStats() {
    return this.link.stats;
  }

  /** Connected, greeted, and allowed to write (handoff or claim done). */
  get connected(): boolean {
    return this.link.ready && this.canSend;
  }

  start(): void {
    this.link.start();
    this.ackTimer = setInterval(() => this.checkAcks(), Math.min(1000, this.ackTimeoutMs));
  }

  async stop(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.ackTimer) clearInterval(this.ackTimer);
    await this.link.stop();
  }

  /** Queues a text message; it goes out when the connection allows and again until acknowledged. */
  send(id: string, text: string): void {
    this.outbox.add({ id, frame: this.messageFrame(id, text) });
    this.flush();
  }

  protected abstract hello(): void;
  protected abstract messageFrame(id: string, text: string): VisitorClientMessage | AgentClientMessage;
  protected abstract onFrame(frame: ServerFrame): void;
  protected closed(_code: number): void {}

  protected flush(): void {
    if (!this.link.ready || !this.canSend || this.flushTimer) return;
    const { frames, waitMs } = this.outbox.next();
    for (const frame of frames) this.link.send(frame);
    if (waitMs > 0) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        this.flush();
      }, waitMs);
    }
  }

  protected onEvents(conversationId: string, events: ConversationEvent[]): void {
    if (conversationId !== this.conversationId) {
      this.counters.anomalies.push(`events of ${conversationId} on a client of ${this.conversationId}`);
      return;
    }
    if (!this.transcript.accept(events)) this.link.recycle();
  }

  protected onAck(id: string, seq: number): void {
    if (!this.outbox.ack(id, seq)) this.counters.anomalies.push(`ack for unknown id ${id}`);
    this.flush();
  }

  protected onError(code: ErrorCode, id: unknown): void {
    this.counters.errors[code] = (this.counters.errors[code] ?? 0) + 1;
    // The limiter drops frames without saying which: resend everything unacknowledged, in order.
    if (code === 'rate_limited' || code === 'internal' || typeof id === 'string') this.link.recycle();
  }

  private checkAcks(): void {
    const since = this.outbox.oldestInFlightAt();
    if (this.link.ready && since !== null && Date.now() - since > this.ackTimeoutMs) {
      this.counters.ackTimeouts++;
      this.link.recycle();
    }
  }

  protected common(frame: ServerFrame): void {
    switch (frame.type) {
      case 'events':
        return this.onEvents(frame.conversationId as string, frame.events as ConversationEvent[]);
      case 'ack':
        return this.onAck(frame.id as string, frame.seq as number);
      case 'error':
        return this.onError(frame.code as ErrorCode, frame.id);
      default:
        // pong, typing, status, queue: nothing a delivery check needs.
        return;
    }
  }

  protected sendNow(frame: VisitorClientMessage | AgentClientMessage): void {
    this.link.send(frame);
  }
}
