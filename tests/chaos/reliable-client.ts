// Node chat clients that do what the widget and the console do to make delivery reliable:
// a client id per message, an outbox resent on every reconnect until acknowledged, resume
// from the last seq seen, dedupe by seq, resync on a gap, heartbeat and silence detection,
// reconnect with backoff and jitter. They record what they sent, what was acknowledged and
// what arrived, so the chaos test can check the delivery guarantee from both ends.
import type { AgentClientMessage, ConversationEvent, ErrorCode, VisitorClientMessage } from '../../protocol';
import { CLOSE } from '../../protocol';
import { Link, type LinkOptions } from './link';
import { Outbox, type OutboxOptions } from './outbox';
import { Transcript } from './transcript';
import type { Random } from './prng';
import type { AgentSession } from './agent-session';

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

type ServerFrame = { type: string; [key: string]: unknown };

abstract class ChatClient {
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

const PAGE = Object.freeze({ url: 'https://kauppa.example/tilaukset', title: 'Tilaukset' });

/** A visitor that hands off to a person and then chats. */
export class VisitorClient extends ChatClient {
  token: string | undefined;
  private handoffAcked = false;
  private readonly handoffId: string;
  private resolveHandoff: (conversationId: string) => void = () => {};
  /** The conversation id, once the handoff is stored. */
  readonly handedOff = new Promise<string>((resolve) => (this.resolveHandoff = resolve));

  constructor(options: ClientOptions & { name: string }) {
    super(options);
    this.handoffId = `h-${options.name}`;
  }

  protected hello(): void {
    const resume = this.token ? { token: this.token, afterSeq: this.transcript.lastSeq } : {};
    this.sendNow({ type: 'hello', ...resume, lang: 'fi', page: { ...PAGE } });
  }

  protected messageFrame(id: string, text: string): VisitorClientMessage {
    return { type: 'msg', id, text };
  }

  protected onFrame(frame: ServerFrame): void {
    if (frame.type === 'welcome') {
      this.token = frame.token as string;
      const conversation = frame.conversation as { id: string } | null;
      if (conversation) this.handoffDone(conversation.id);
      else if (this.handoffAcked) this.counters.anomalies.push('welcome without the conversation the handoff created');
      this.link.markReady(frame.heartbeatMs as number);
      if (!this.handoffAcked) this.sendHandoff();
      return this.flush();
    }
    if (frame.type === 'ack' && frame.id === this.handoffId) {
      this.handoffDone(frame.conversationId as string);
      return this.flush();
    }
    // The handoff's events are published before its ack arrives: adopt the conversation then.
    if (frame.type === 'events' && this.conversationId === null) this.conversationId = frame.conversationId as string;
    this.common(frame);
  }

  private handoffDone(conversationId: string): void {
    if (this.conversationId !== null && this.conversationId !== conversationId) {
      this.counters.anomalies.push(`conversation changed from ${this.conversationId} to ${conversationId}`);
    }
    this.conversationId = conversationId;
    this.handoffAcked = true;
    this.canSend = true;
    this.resolveHandoff(conversationId);
  }

  private sendHandoff(): void {
    this.sendNow({
      type: 'handoff',
      id: this.handoffId,
      reason: 'asked_for_person',
      lang: 'fi',
      page: { ...PAGE },
      steps: [{ at: Date.now(), body: { kind: 'bot.query', query: 'haluan puhua ihmisen kanssa', decision: 'none', intent: 'handoff', results: [] } }],
    });
  }
}

/** An agent working one conversation: claims it (unless only reading), opens it, chats. */
export class AgentClient extends ChatClient {
  private claimAcked: boolean;
  private readonly claimId: string;
  private readonly session: AgentSession;
  private token = '';

  constructor(options: ClientOptions & { name: string; conversationId: string; session: AgentSession; claim?: boolean }) {
    super(options, {
      prepare: async () => {
        this.token = await options.session.token();
      },
    });
    this.session = options.session;
    this.conversationId = options.conversationId;
    this.claimId = `claim-${options.name}`;
    this.claimAcked = options.claim === false;
  }

  protected hello(): void {
    this.sendNow({ type: 'hello', token: this.token });
  }

  protected messageFrame(id: string, text: string): AgentClientMessage {
    return { type: 'msg', id, conversationId: this.conversationId ?? '', text };
  }

  protected override closed(code: number): void {
    if (code === CLOSE.unauthorized) this.session.invalidate(this.token);
  }

  protected onFrame(frame: ServerFrame): void {
    const conversationId = this.conversationId ?? '';
    if (frame.type === 'welcome') {
      this.link.markReady(frame.heartbeatMs as number);
      this.sendNow({ type: 'open', conversationId, afterSeq: this.transcript.lastSeq });
      if (this.claimAcked) this.canSend = true;
      else this.sendNow({ type: 'claim', id: this.claimId, conversationId });
      return this.flush();
    }
    if (frame.type === 'ack' && frame.id === this.claimId) {
      this.claimAcked = true;
      this.canSend = true;
      return this.flush();
    }
    this.common(frame);
  }
}
