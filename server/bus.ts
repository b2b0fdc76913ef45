// The bus port: how a change made by one connection reaches the others. In-process by
// default; a Redis pub/sub bus with the same interface lets several processes share work.
import type { ConversationEvent, ConversationSummary } from '../protocol';

export type BusMessage =
  | { kind: 'events'; conversationId: string; events: ConversationEvent[] }
  /** The conversation's status, agent or rating changed. */
  | { kind: 'status'; conversation: ConversationSummary }
  | { kind: 'typing'; conversationId: string; from: 'visitor' | 'agent'; name: string; on: boolean }
  | { kind: 'queue'; conversations: ConversationSummary[] }
  /** An agent took a queued visitor who had waited this long since their handoff (wait-estimate.ts). */
  | { kind: 'waited'; ms: number }
  /** The conversation's visitor came back to the site, or has been gone a while (visitor-presence.ts). */
  | { kind: 'visitor'; conversationId: string; online: boolean; since: number }
  /** A session ended (a logout) or the agents file changed: every console checks its session again. */
  | { kind: 'sessions' }
  /**
   * Never published: the bus tells its own handlers, on every topic, that messages may have been
   * lost (Redis was out of reach and is back). Each socket reads what it shows from the store again.
   */
  | { kind: 'resync' }
  /**
   * What one server process has open in a shared presence set (shared-count.ts): the keys it
   * opened or closed since its last message, or `all` of them (its heartbeat; `[]` when it stops).
   * `sync`: the sender wants every other process's `all` now (it just started, or it was dropped).
   */
  | { kind: 'presence'; process: string; set: string; opened?: PresenceEntry[]; closed?: string[]; all?: PresenceEntry[]; sync?: true };

/** One open key of a presence set: an agent's id with their name, a visitor's id alone. */
export interface PresenceEntry {
  id: string;
  name?: string;
}

export const topics = Object.freeze({
  agents: 'agents',
  conversation: (id: string) => `conversation:${id}`,
  visitor: (id: string) => `visitor:${id}`,
  /** Every process's open agents and visitors (shared-count.ts). */
  presence: 'presence',
});

export interface Bus {
  publish(topic: string, message: BusMessage): void;
  /**
   * Returns the unsubscribe function. Over the network a subscription takes effect a moment
   * later: a caller that reads the store and then relies on hearing every later change awaits
   * `ready()` in between, or a change made in that moment would be missed by both.
   */
  subscribe(topic: string, handler: (message: BusMessage) => void): () => void;
  /**
   * Resolves once every subscription asked for so far receives messages; at once while the bus is
   * cut off (Redis away): every handler then hears `resync` once its subscription is live again.
   */
  ready(): Promise<void>;
  /** Whether messages go through now (Redis connected): the health check. */
  healthy(): boolean;
  /** Stops delivering and lets go of any connection. */
  close(): Promise<void>;
}

export function createMemoryBus(): Bus {
  const handlers = new Map<string, Set<(message: BusMessage) => void>>();
  return {
    publish(topic, message) {
      // Copy first: a handler may subscribe or unsubscribe while we deliver.
      for (const handler of [...(handlers.get(topic) ?? [])]) handler(message);
    },
    subscribe(topic, handler) {
      let set = handlers.get(topic);
      if (!set) handlers.set(topic, (set = new Set()));
      set.add(handler);
      return () => {
        set.delete(handler);
        if (set.size === 0) handlers.delete(topic);
      };
    },
    ready: () => Promise.resolve(),
    healthy: () => true,
    async close() {
      handlers.clear();
    },
  };
}
