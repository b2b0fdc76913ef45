// Per-connection delivery of conversation events: each event goes out once and in order.
// Live events that arrive while a replay is still reading the store wait, and anything at
// or below the last sequence number already sent is dropped, so replay and live overlap
// without gaps or duplicates.
import { LIMITS } from '../protocol';
import type { ConversationEvent } from '../protocol';

export type LoadEvents = (afterSeq: number, limit: number) => Promise<ConversationEvent[]>;

export interface Feed {
  /** Sends everything after `afterSeq`, then whatever arrived live meanwhile. */
  replay(conversationId: string, afterSeq: number, load: LoadEvents): Promise<void>;
  live(conversationId: string, events: ConversationEvent[]): void;
}

export function createFeed(send: (conversationId: string, events: ConversationEvent[]) => void): Feed {
  const lastSent = new Map<string, number>();
  const waiting = new Map<string, ConversationEvent[]>();

  const deliver = (conversationId: string, events: ConversationEvent[]) => {
    const last = lastSent.get(conversationId) ?? 0;
    const fresh = events.filter((e) => e.seq > last).sort((a, b) => a.seq - b.seq);
    const newest = fresh[fresh.length - 1];
    if (!newest) return;
    lastSent.set(conversationId, newest.seq);
    send(conversationId, fresh);
  };

  return {
    async replay(conversationId, afterSeq, load) {
      waiting.set(conversationId, waiting.get(conversationId) ?? []);
      lastSent.set(conversationId, afterSeq);
      try {
        for (;;) {
          const batch = await load(lastSent.get(conversationId) ?? afterSeq, LIMITS.replayBatch);
          deliver(conversationId, batch);
          if (batch.length < LIMITS.replayBatch) break;
        }
      } finally {
        const held = waiting.get(conversationId) ?? [];
        waiting.delete(conversationId);
        deliver(conversationId, held);
      }
    },
    live(conversationId, events) {
      const held = waiting.get(conversationId);
      if (held) held.push(...events);
      else deliver(conversationId, events);
    },
  };
}
