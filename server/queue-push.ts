// When agents hear the queue. Every change to an open conversation reaches every console (and,
// through the cards, every waiting visitor's count) as one queue frame, coalesced: pushing the
// whole queue at each message would resend it to every agent constantly in a busy hour.
import { topics } from './bus';
import type { Bus } from './bus';
import { queueCard } from './queue-frame';
import type { Store } from './store/types';

/**
 * What changed, which says how soon agents must hear it: `status`, a conversation new, claimed,
 * closed or rated (`queueDebounceMs`); `preview`, a new message's preview text or a waiting
 * visitor's card, which can wait (`queuePreviewMs`).
 */
export type QueueChange = 'status' | 'preview';

export interface QueuePushOptions {
  store: Store;
  bus: Bus;
  queueDebounceMs: number;
  queuePreviewMs: number;
  /** Keeps the push under way for the caller's `dispose` to wait for. */
  track: <T>(work: Promise<T>) => Promise<T>;
  onError: (error: unknown) => void;
}

export type QueuePush = ReturnType<typeof createQueuePush>;

export function createQueuePush({ store, bus, queueDebounceMs, queuePreviewMs, track, onError }: QueuePushOptions) {
  let queueTimer: NodeJS.Timeout | null = null;
  let queueDueAt = Infinity;
  let stopped = false;
  // As cards (queue-frame.ts): what consoles list, and what waiting visitors are counted from, is
  // all the bus needs to carry of each open conversation to every socket and every server.
  const publishQueue = () =>
    track(store.openConversations().then((open) => bus.publish(topics.agents, { kind: 'queue', conversations: open.map(queueCard) }), onError));

  return {
    /** Pushes the queue to every agent within the change's delay, coalescing changes meanwhile. */
    push(change: QueueChange): void {
      // Writes still committing during shutdown must not schedule a read of a closed store.
      if (stopped) return;
      const delayMs = change === 'status' ? queueDebounceMs : queuePreviewMs;
      const dueAt = Date.now() + delayMs;
      if (queueTimer && queueDueAt <= dueAt) return;
      if (queueTimer) clearTimeout(queueTimer);
      queueDueAt = dueAt;
      queueTimer = setTimeout(() => {
        queueTimer = null;
        queueDueAt = Infinity;
        void publishQueue();
      }, delayMs);
    },

    /**
     * Stops pushing, but first sends the push still due: a change made just before the server
     * stops would otherwise never reach consoles on the other servers.
     */
    async stop(): Promise<void> {
      stopped = true;
      if (!queueTimer) return;
      clearTimeout(queueTimer);
      queueTimer = null;
      queueDueAt = Infinity;
      await publishQueue();
    },
  };
}
