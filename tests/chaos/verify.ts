// The delivery guarantee as arithmetic: for one direction of one conversation, compare what
// the sender was told (acks: client id → seq) with what the receiver holds (events by seq).
// "Exactly once, in order" means: every acknowledged id appears once, at the acknowledged
// seq, and the sender's messages appear in the order they were written.
import type { Seen } from './transcript';

export interface DirectionCounts {
  /** Distinct messages put on the wire at least once. */
  sent: number;
  acked: number;
  /** Acknowledged messages the receiver holds. */
  delivered: number;
  /** Extra copies the receiver holds: one client id at two seqs. */
  duplicates: number;
  /** Messages that appear before one written earlier by the same sender. */
  reorderings: number;
  /** Acknowledged messages the receiver does not hold. */
  missing: number;
  /** Held at a seq other than the one acknowledged. */
  misplaced: number;
}

export interface SenderView {
  sent: number;
  /** client id → acknowledged seq */
  acked: ReadonlyMap<string, number>;
  /** The order the sender wrote its messages in. */
  order: readonly string[];
}

export function checkDirection(sender: SenderView, received: readonly Seen[]): DirectionCounts {
  const position = new Map(sender.order.map((id, i) => [id, i]));
  const held = new Map<string, number[]>();
  let reorderings = 0;
  let highest = -1;
  for (const event of received) {
    const at = position.get(event.id);
    if (at === undefined) continue;
    held.set(event.id, [...(held.get(event.id) ?? []), event.seq]);
    if (at < highest) reorderings++;
    highest = Math.max(highest, at);
  }
  let delivered = 0;
  let missing = 0;
  let misplaced = 0;
  for (const [id, seq] of sender.acked) {
    const seqs = held.get(id);
    if (!seqs) missing++;
    else {
      delivered++;
      if (!seqs.includes(seq)) misplaced++;
    }
  }
  let duplicates = 0;
  for (const seqs of held.values()) duplicates += seqs.length - 1;
  return { sent: sender.sent, acked: sender.acked.size, delivered, duplicates, reorderings, missing, misplaced };
}

/** Seqs where two copies of one conversation disagree about which event it is. */
export function divergence(a: readonly Seen[], b: readonly Seen[]): number {
  let differ = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i]?.id !== b[i]?.id) differ++;
  return differ;
}

export function addCounts(total: DirectionCounts, more: DirectionCounts): DirectionCounts {
  const sum = { ...total };
  for (const key of Object.keys(sum) as (keyof DirectionCounts)[]) sum[key] += more[key];
  return sum;
}

export const ZERO_COUNTS: Readonly<DirectionCounts> = Object.freeze({
  sent: 0,
  acked: 0,
  delivered: 0,
  duplicates: 0,
  reorderings: 0,
  missing: 0,
  misplaced: 0,
});
