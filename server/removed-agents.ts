// An agent removed (`kohtaamo agent remove`) leaves nobody waiting on them: the conversations they
// were serving go back to the queue at once, as at a logout (assignment.ts). Their consoles only
// close (agent-socket.ts), and a closed console keeps its agent's conversations for the away grace
// (presence.ts), meant for a laptop closed or a network lost: visitors would read for two minutes
// that a removed agent helps them, and with `--agent-away 0` forever.
//
// Checked where the removal is heard: the agents directory's watch (the file, or PostgreSQL's
// NOTIFY, which every server hears), and once at start, for an agent removed while the server was
// stopped. Not per console: a removed agent may have none open, or several. Scaled out, each
// process checks; the releases after the first are refused by the store (`not_assigned`: nothing
// held any more) and tell nobody anything, as for the away grace (presence.ts).
import type { AgentDirectory } from './agents';
import type { AgentRef, Store } from './store/types';

export interface RemovedAgentsOptions {
  agents: Pick<AgentDirectory, 'list'>;
  store: Pick<Store, 'openConversations'>;
  /** The agent's active conversations back to the queue, the visitor told as at a logout. */
  release: (agent: AgentRef) => Promise<void>;
  log: (error: unknown) => void;
}

/**
 * Returns the check: every conversation held by an agent the directory no longer lists goes back
 * to the queue. Checks asked for while one runs are one more after it, not one each: a save is
 * often several file events, and each read must see the releases before it.
 */
export function releaseRemovedAgents({ agents, store, release, log }: RemovedAgentsOptions): { check(): Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;
  const once = async () => {
    // The conversations first: one claimed after the directory's read, by an agent added since, would be taken for a removed one's.
    const held = (await store.openConversations()).filter((c) => c.status === 'active');
    const listed = new Set((await agents.list()).map((a) => a.id));
    const removed = new Map<string, AgentRef>();
    for (const { agent } of held) if (agent && !listed.has(agent.id)) removed.set(agent.id, agent);
    await Promise.all([...removed.values()].map((agent) => release(agent)));
  };
  const check = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        // A directory that cannot be read (PostgreSQL away) releases nothing: the next change, or reconnect, checks again.
        await once().catch(log);
      } while (again);
    })().finally(() => (running = null));
    return running;
  };
  return { check };
}
