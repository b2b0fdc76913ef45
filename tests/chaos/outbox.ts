// The sending side of a chat client: every message waits here, under its client id, until
// the server acknowledges it. After a reconnect everything unacknowledged goes again, in
// order, with the same id, so the server's idempotent insert must answer with the same seq.
// A window and a token bucket keep a backlog from tripping the server's rate limit (a frame
// the limiter drops gets no ack, and a resend after later frames would change the order).

export interface Outgoing {
  /** Client id, the idempotency key. */
  id: string;
  frame: object;
}

export interface OutboxOptions {
  /** Frames in flight (sent, not yet acknowledged) at most. */
  window: number;
  perSecond: number;
  burst: number;
  now?: () => number;
}

export interface OutboxStats {
  /** Distinct messages handed to the outbox. */
  queued: number;
  /** Distinct messages put on the wire at least once. */
  sent: number;
  /** Frames put on the wire again after a reconnect. */
  resends: number;
  acked: number;
  /** Acks for an id already acknowledged, with the same seq (harmless). */
  ackRepeats: number;
  /** Acks for an id already acknowledged, with a different seq: the message is stored twice. */
  ackConflicts: number;
  /** An ack that overtook the ack of an earlier message sent on the same connection. */
  ackOutOfOrder: number;
}

interface Entry {
  item: Outgoing;
  inFlight: boolean;
  sends: number;
  sentAt: number;
}

export class Outbox {
  /** Client id → the seq the server acknowledged it at. */
  readonly acked = new Map<string, number>();
  /** Every id in the order it was written. */
  readonly order: string[] = [];
  readonly stats: OutboxStats = { queued: 0, sent: 0, resends: 0, acked: 0, ackRepeats: 0, ackConflicts: 0, ackOutOfOrder: 0 };
  private readonly queue: Entry[] = [];
  private tokens: number;
  private refilledAt: number;
  private readonly now: () => number;

  constructor(private readonly options: OutboxOptions) {
    this.now = options.now ?? Date.now;
    this.tokens = options.burst;
    this.refilledAt = this.now();
  }

  add(item: Outgoing): void {
    this.stats.queued++;
    this.order.push(item.id);
    this.queue.push({ item, inFlight: false, sends: 0, sentAt: 0 });
  }

  /** Messages not yet acknowledged. */
  get pending(): number {
    return this.queue.length;
  }

  /** When the oldest frame in flight went out, or null when nothing is in flight. */
  oldestInFlightAt(): number | null {
    const head = this.queue[0];
    return head?.inFlight ? head.sentAt : null;
  }

  /** The connection is gone: whatever was in flight has to go again. */
  reset(): void {
    for (const entry of this.queue) entry.inFlight = false;
  }

  /** Frames to send now, oldest first, and how long to wait before asking again when the rate held some back. */
  next(): { frames: object[]; waitMs: number } {
    const frames: object[] = [];
    const now = this.now();
    this.tokens = Math.min(this.options.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.options.perSecond);
    this.refilledAt = now;
    let inFlight = this.queue.filter((e) => e.inFlight).length;
    for (const entry of this.queue) {
      if (inFlight >= this.options.window) break;
      if (entry.inFlight) continue;
      if (this.tokens < 1) return { frames, waitMs: Math.ceil(((1 - this.tokens) / this.options.perSecond) * 1000) };
      this.tokens--;
      inFlight++;
      entry.inFlight = true;
      entry.sentAt = now;
      if (entry.sends === 0) this.stats.sent++;
      else this.stats.resends++;
      entry.sends++;
      frames.push(entry.item.frame);
    }
    return { frames, waitMs: 0 };
  }

  /** Records an ack; false when it is for an id this outbox never sent. */
  ack(id: string, seq: number): boolean {
    const before = this.acked.get(id);
    if (before !== undefined) {
      if (before === seq) this.stats.ackRepeats++;
      else this.stats.ackConflicts++;
      return true;
    }
    const index = this.queue.findIndex((e) => e.item.id === id);
    if (index === -1) return false;
    if (this.queue.slice(0, index).some((e) => e.inFlight)) this.stats.ackOutOfOrder++;
    this.queue.splice(index, 1);
    this.acked.set(id, seq);
    this.stats.acked++;
    return true;
  }
}
