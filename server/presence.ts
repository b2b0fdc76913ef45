// Which agents have a console connected. An agent whose last console has been gone for
// `awayMs` (closed the laptop, lost the network, went home) is away: their active
// conversations go back to the queue, so no visitor waits on someone who is not there.
// A reload or a network blip reconnects well within the grace and changes nothing.
//
// Counted per process: with several servers behind a load balancer, presence would have to
// travel over the bus as well.
import type { AgentRef } from './store/types';

export interface PresenceOptions {
  /** How long an agent may be without a console before they count as away; 0: never. */
  awayMs: number;
  onAway: (agent: AgentRef) => void;
}

export type Presence = ReturnType<typeof createPresence>;

export function createPresence({ awayMs, onAway }: PresenceOptions) {
  const consoles = new Map<string, number>();
  const timers = new Map<string, NodeJS.Timeout>();

  const cancel = (agentId: string) => {
    clearTimeout(timers.get(agentId));
    timers.delete(agentId);
  };

  const startGrace = (agent: AgentRef) => {
    if (awayMs <= 0 || timers.has(agent.id) || (consoles.get(agent.id) ?? 0) > 0) return;
    timers.set(
      agent.id,
      setTimeout(() => {
        timers.delete(agent.id);
        onAway(agent);
      }, awayMs),
    );
  };

  return {
    /** A console of this agent is connected; call the returned function when it goes. */
    connected(agent: AgentRef): () => void {
      cancel(agent.id);
      consoles.set(agent.id, (consoles.get(agent.id) ?? 0) + 1);
      let gone = false;
      return () => {
        if (gone) return;
        gone = true;
        const left = (consoles.get(agent.id) ?? 1) - 1;
        if (left > 0) consoles.set(agent.id, left);
        else {
          consoles.delete(agent.id);
          startGrace(agent);
        }
      };
    },
    /** An agent holds conversations but has no console here (after a restart): the grace starts now. */
    expect: startGrace,
    dispose() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
