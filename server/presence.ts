// Which agents have a console connected. Two things follow from it:
// - an agent whose last console has been gone for `awayMs` (closed the laptop, lost the network,
//   went home) is away: their active conversations go back to the queue, so no visitor waits on
//   someone who is not there;
// - whether anyone is there at all (`staffed`): a visitor waiting in the queue at night is told
//   that nobody is online, rather than that a person joins shortly.
// A reload or a network blip reconnects well within either grace and changes nothing.
//
// Counted per process: with several servers behind a load balancer, presence would have to
// travel over the bus as well.
import { createOpenCount } from './open-count';
import type { AgentRef } from './store/types';

/** How long the last console may be gone before visitors are told nobody is online. */
export const UNSTAFFED_GRACE_MS = 30_000;

export interface PresenceOptions {
  /** How long an agent may be without a console before they count as away; 0: never. */
  awayMs: number;
  onAway: (agent: AgentRef) => void;
  unstaffedGraceMs?: number;
}

export type Presence = ReturnType<typeof createPresence>;

export function createPresence({ awayMs, onAway, unstaffedGraceMs = UNSTAFFED_GRACE_MS }: PresenceOptions) {
  const awayTimers = new Map<string, NodeJS.Timeout>();
  const staffedListeners = new Set<(on: boolean) => void>();
  // Right after a start the agents' consoles are still reconnecting: staffed until the grace says otherwise.
  let staffed = true;
  let unstaffedTimer: NodeJS.Timeout | undefined;

  const setStaffed = (on: boolean) => {
    clearTimeout(unstaffedTimer);
    unstaffedTimer = undefined;
    if (on === staffed) return;
    staffed = on;
    for (const listener of [...staffedListeners]) listener(on);
  };
  const startUnstaffedGrace = () => {
    clearTimeout(unstaffedTimer);
    unstaffedTimer = setTimeout(() => setStaffed(false), unstaffedGraceMs);
  };

  const cancelAway = (agentId: string) => {
    clearTimeout(awayTimers.get(agentId));
    awayTimers.delete(agentId);
  };

  /** The agents whose consoles are counted, by id: what the away callback reports. */
  const agents = new Map<string, AgentRef>();
  const consoles = createOpenCount({
    first(agentId) {
      cancelAway(agentId);
      setStaffed(true);
    },
    last(agentId) {
      const agent = agents.get(agentId);
      if (agent) startAwayGrace(agent);
      if (consoles.size() === 0) startUnstaffedGrace();
    },
  });

  const startAwayGrace = (agent: AgentRef) => {
    if (awayMs <= 0 || awayTimers.has(agent.id) || consoles.has(agent.id)) return;
    awayTimers.set(
      agent.id,
      setTimeout(() => {
        awayTimers.delete(agent.id);
        onAway(agent);
      }, awayMs),
    );
  };

  startUnstaffedGrace();

  return {
    /** A console of this agent is connected; call the returned function when it goes. */
    connected(agent: AgentRef): () => void {
      agents.set(agent.id, agent);
      return consoles.opened(agent.id);
    },
    /** An agent holds conversations but has no console here (after a restart): the grace starts now. */
    expect: startAwayGrace,
    /** Whether an agent is (or was within the grace) connected. */
    staffed: () => staffed,
    /** Called with the new value when `staffed` changes; returns the unsubscribe function. */
    onStaffed(listener: (on: boolean) => void): () => void {
      staffedListeners.add(listener);
      return () => void staffedListeners.delete(listener);
    },
    dispose() {
      for (const timer of awayTimers.values()) clearTimeout(timer);
      awayTimers.clear();
      clearTimeout(unstaffedTimer);
      staffedListeners.clear();
    },
  };
}
