// Who serves a conversation: taken from the queue (a claim, the next visitor, a takeover), passed
// to a colleague, and returned to the queue (Return to queue, the agent away too long, logged out,
// removed).
import { nextToTake } from '../protocol';
import type { ConversationSummary, ErrorCode } from '../protocol';
import { topics } from './bus';
import type { Bus } from './bus';
import type { AgentRef, Store, WriteResult } from './store/types';
import type { Queued, QueueWrite } from './write-news';

/** Why a try of Take the next visitor finds a conversation it read as waiting no longer there to take. */
const TAKEN_MEANWHILE: ReadonlySet<ErrorCode> = new Set(['already_claimed', 'conversation_closed', 'not_found']);

export interface AssignmentOptions {
  store: Store;
  bus: Bus;
  queued: QueueWrite;
  now: () => number;
}

export function createAssignment({ store, bus, queued, now }: AssignmentOptions) {
  /**
   * A claim's write, told as any. A visitor taken from the queue: how long they waited tells the
   * next ones what to expect. Only a first wait (handoff → the first agent joins, as the report's):
   * one that went back to the queue (`returned`) was being served meanwhile, and a takeover took it
   * from a colleague. Beside the write's own handling, not before it, so its events go out in the
   * same turn as ever.
   */
  const claimed = (write: Promise<WriteResult>, at: number): Queued => {
    write.then((result) => {
      const joined = result.ok ? result.events[0]?.body : undefined;
      if (result.ok && !result.duplicate && result.conversation && !result.conversation.returned && joined?.kind === 'joined' && joined.from === undefined) {
        bus.publish(topics.agents, { kind: 'waited', ms: Math.max(0, at - result.conversation.createdAt) });
      }
    }, () => {});
    return queued(write);
  };

  /** Every active conversation of the agent's back to the queue, all at one time (their order: protocol/queue.ts). */
  const releaseHeld = async (agent: AgentRef, why: 'away' | 'logout' | 'removed'): Promise<void> => {
    const at = now();
    const held = (await store.openConversations()).filter((c) => c.status === 'active' && c.agent?.id === agent.id);
    // A server-made id: '.' is not allowed in client ids, so it never collides with one.
    await Promise.all(held.map((c) => queued(store.release(c.id, agent, `${why}.${at}`, at, why === 'away' || undefined)).outcome));
  };

  return {
    /** `from`: with `takeover`, the colleague (id) the agent means to take it from; someone else holding it refuses it. */
    claim(agent: AgentRef, clientId: string, conversationId: string, takeover = false, from?: string): Queued {
      const at = now();
      return claimed(store.claim(conversationId, agent, clientId, at, takeover, from), at);
    },

    /**
     * Take the next visitor: the first free waiting conversation in the queue's order whose visitor
     * has not left (`left`: by this process's presence), protocol/queue.ts `nextToTake`. Each try is
     * the store's atomic claim, as `claim`'s, so two agents pressing at once, on one server or two,
     * get two visitors: the one whose try finds the first taken goes on to the next. Refused with
     * `already_claimed` when nobody free is left. The console never resends a claim (one lost with
     * its socket is settled by the queue that follows), so the tries need not find an earlier one.
     */
    claimNext(agent: AgentRef, clientId: string, left: (c: ConversationSummary) => boolean): Queued {
      const at = now();
      const write = (async (): Promise<WriteResult> => {
        for (const c of nextToTake(await store.openConversations(), left)) {
          const result = await store.claim(c.id, agent, clientId, at);
          // Taken, or closed, since the read: the next one. Anything else is the answer.
          if (result.ok || !TAKEN_MEANWHILE.has(result.code)) return result;
        }
        return { ok: false, code: 'already_claimed' };
      })();
      return claimed(write, at);
    },

    /** The agent's conversation becomes a colleague's (one with a console open: the caller checks). */
    pass(agent: AgentRef, clientId: string, conversationId: string, to: AgentRef): Queued {
      return queued(store.pass(conversationId, agent, to, clientId, now()));
    },

    release(agent: AgentRef, clientId: string, conversationId: string): Queued {
      return queued(store.release(conversationId, agent, clientId, now()));
    },

    /** The agent has been away too long (`presence.ts`): their active conversations go back to the queue. */
    releaseAway: (agent: AgentRef): Promise<void> => releaseHeld(agent, 'away'),

    /**
     * The agent logged out: their active conversations go back to the queue at once, not after the
     * away grace, during which their visitors read that the agent helps them and colleagues see
     * them held. The visitor is told as of a Return to queue: the agent passed it on.
     */
    releaseLoggedOut: (agent: AgentRef): Promise<void> => releaseHeld(agent, 'logout'),

    /**
     * The agent was removed (`kohtaamo agent remove`, removed-agents.ts): as at a logout, their
     * conversations go back to the queue at once, and the visitor is told the agent passed it on.
     */
    releaseRemoved: (agent: AgentRef): Promise<void> => releaseHeld(agent, 'removed'),
  };
}
