// Per-connection delivery of conversation events: each event goes out once and in order.
// Live events that arrive while a replay is still reading the store wait, and anything at
// or below the last sequence number already sent is dropped, so replay and live overlap
// without gaps or duplicates.
//
// A live event whose number leaves a gap after the last one sent is held while the gap is read
// from the store. With several server processes, two writers' publishes can overtake each
// other on the way, and a process cut off from the bus for a moment misses some: the store
// has them all, since an event is published only after it is committed. A visitor's topic
// leaves out what only agents see (their notes, the server's records), so there each is a gap too.
import { LIMITS } from '../protocol';
import type { ConversationEvent } from '../protocol';

/** Reads a conversation's events after a sequence number, oldest first. */
export type LoadEvents = (conversationId: string, afterSeq: number, limit: number) => Promise<ConversationEvent[]>;

export interface Feed {
  /** Sends everything after `afterSeq`, then whatever arrived live meanwhile. */
  replay(conversationId: string, afterSeq: number): Promise<void>;
  live(conversationId: string, events: ConversationEvent[]): void;
  /** Sends whatever the store has after the last event sent (live events may have been lost). */
  catchUp(conversationId: string): Promise<void>;
  /** The connection no longer follows the conversation: what is kept for it goes, and a replay under way sends no more. */
  forget(conversationId: string): void;
}

/** Room for the rest of an `events` frame: its type, conversation id (ours, ≤ LIMITS.id) and `after`. */
const ENVELOPE = 256;

/**
 * Events in frames of at most LIMITS.eventsBytes of JSON each, in order; one event over it goes
 * alone. By count alone, 200 replies of 4,000 characters made a frame of megabytes: a client
 * that refuses a large frame (the widget once refused any over 64 KiB, unsaid) lost them all.
 */
export function byBytes(events: ConversationEvent[]): ConversationEvent[][] {
  const parts: ConversationEvent[][] = [];
  let part: ConversationEvent[] = [];
  let bytes = ENVELOPE;
  for (const event of events) {
    const size = Buffer.byteLength(JSON.stringify(event)) + 1;
    if (part.length > 0 && bytes + size > LIMITS.eventsBytes) {
      parts.push(part);
      part = [];
      bytes = ENVELOPE;
    }
    part.push(event);
    bytes += size;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

/**
 * `onError`: a gap's read of the store failed while live events waited behind it. The feed sent
 * nothing past the gap; the caller should close the connection with a code the client
 * reconnects on, so that it resumes from what it has rather than wait for the next event.
 */
export function createFeed(send: (conversationId: string, events: ConversationEvent[]) => void, load: LoadEvents, onError: (error: unknown) => void): Feed {
  const lastSent = new Map<string, number>();
  const waiting = new Map<string, ConversationEvent[]>();

  const deliver = (conversationId: string, events: ConversationEvent[]) => {
    const last = lastSent.get(conversationId) ?? 0;
    const fresh = events.filter((e) => e.seq > last).sort((a, b) => a.seq - b.seq);
    const newest = fresh[fresh.length - 1];
    if (!newest) return;
    lastSent.set(conversationId, newest.seq);
    for (const part of byBytes(fresh)) send(conversationId, part);
  };

  const replay = async (conversationId: string, afterSeq: number) => {
    waiting.set(conversationId, waiting.get(conversationId) ?? []);
    lastSent.set(conversationId, afterSeq);
    let read = false;
    try {
      for (;;) {
        const batch = await load(conversationId, lastSent.get(conversationId) ?? afterSeq, LIMITS.replayBatch);
        // Forgotten meanwhile: nothing more, nor anything kept for it.
        if (!waiting.has(conversationId)) return;
        deliver(conversationId, batch);
        if (batch.length < LIMITS.replayBatch) break;
      }
      read = true;
    } finally {
      const held = waiting.get(conversationId) ?? [];
      waiting.delete(conversationId);
      // After a failed read the held events lie past what could not be read: sending them would
      // move the client past a gap it never asks for again (it resumes from the highest seq it
      // holds). They are dropped; the next live event, or the client's next connection, reads on
      // from the last one sent.
      if (read) deliver(conversationId, held);
    }
  };

  return {
    replay,
    catchUp: (conversationId) => replay(conversationId, lastSent.get(conversationId) ?? 0),
    forget(conversationId) {
      lastSent.delete(conversationId);
      waiting.delete(conversationId);
    },
    live(conversationId, events) {
      const held = waiting.get(conversationId);
      if (held) return void held.push(...events);
      const last = lastSent.get(conversationId) ?? 0;
      if (events.every((e) => e.seq > last + 1) && events.length > 0) {
        waiting.set(conversationId, [...events]);
        return void replay(conversationId, last).catch(onError);
      }
      deliver(conversationId, events);
    },
  };
}
