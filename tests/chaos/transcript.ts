// The receiving side of a chat client: the conversation as its events arrive, deduplicated by
// sequence number and accepted only without gaps. A gap means something was not delivered
// (or came out of order); the client then resyncs from the last seq it holds.
import type { ConversationEvent, EventKind, Role } from '../../protocol';

export interface Seen {
  seq: number;
  id: string;
  role: Role;
  kind: EventKind;
}

export interface TranscriptStats {
  /** Events received, including repeats. */
  received: number;
  /** Events received again at a seq already held (replay overlap; dropped). */
  redelivered: number;
  /** A seq received again with a different client id: two histories for one conversation. */
  conflicts: number;
  /** Events that arrived past a missing seq. */
  gaps: number;
}

export class Transcript {
  /** Events in seq order; `events[i].seq === i + 1`. */
  readonly events: Seen[] = [];
  readonly stats: TranscriptStats = { received: 0, redelivered: 0, conflicts: 0, gaps: 0 };

  get lastSeq(): number {
    return this.events.length;
  }

  /** Takes a batch in; false when it hit a gap (the rest of the batch is dropped: resync). */
  accept(events: readonly ConversationEvent[]): boolean {
    for (const event of events) {
      this.stats.received++;
      if (event.seq <= this.lastSeq) {
        this.stats.redelivered++;
        if (this.events[event.seq - 1]?.id !== event.id) this.stats.conflicts++;
        continue;
      }
      if (event.seq !== this.lastSeq + 1) {
        this.stats.gaps++;
        return false;
      }
      this.events.push({ seq: event.seq, id: event.id, role: event.role, kind: event.body.kind });
    }
    return true;
  }
}
