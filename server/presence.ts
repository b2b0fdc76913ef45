// Which agents have a console connected. Two things follow from it:
// - an agent whose last console has been gone for `awayMs` (closed the laptop, lost the network,
//   went home) is away: their active conversations go back to the queue, so no visitor waits on
//   someone who is not there;
// - whether anyone is there at all (`staffed`): a visitor waiting in the queue at night is told
//   that nobody is online, rather than that a person joins shortly. A console whose agent paused
//   new chats (lunch, a meeting) keeps its conversations but does not count here.
// A reload or a network blip reconnects well within either grace and changes nothing.
//
// Counted across the cluster when given the bus (shared-count.ts): with several servers behind a
// load balancer, an agent whose console is on another process is here too, so no process starts
// their away grace, and one agent anywhere keeps every process staffed. When they are gone from
// every process, each process runs the grace and calls `onAway`: the releases after the first
// are refused by the store (`not_assigned`, nothing held any more), which is harmless and
// simpler than electing one process to do it.
import type { Bus } from './bus';
import { createSharedCount, type Liveness } from './shared-count';
import type { AgentRef } from './store/types';
import { DEFAULTS } from './defaults';

export interface PresenceOptions {
  /** How long an agent may be without a console before they count as away; 0: never. */
  awayMs: number;
  onAway: (agent: AgentRef) => void;
  /** How long no console may take new chats before visitors are told nobody is online; `DEFAULTS.unstaffedGraceMs` if absent. */
  unstaffedGraceMs?: number;
  /** Counts the other server processes' consoles too; absent: this process alone. */
  bus?: Bus;
  /** How often this process lists its consoles for the others (shared-count.ts). */
  syncMs?: number;
  /**
   * Scaled out, whether a process silent on the bus still lives (server-liveness.ts): its agents
   * are connected there, though cut off from Redis, and get no away grace here. Absent: silent is gone.
   */
  liveness?: Liveness;
}

export type Presence = ReturnType<typeof createPresence>;

/**
 * What a console's session is known by in the presence set, from its token's hash: a prefix,
 * enough to tell one agent's few sessions apart, and the whole hash (a session's key in the
 * store) is not spread over the bus. Base64url: no space.
 */
export const consoleSession = (tokenHash: string): string => tokenHash.slice(0, 16);

/** An agent with a console open somewhere, and whether one of their consoles takes new chats. */
export interface Colleague {
  id: string;
  name: string;
  available: boolean;
}

export function createPresence({ awayMs, onAway, unstaffedGraceMs = DEFAULTS.unstaffedGraceMs, bus, syncMs, liveness }: PresenceOptions) {
  const awayTimers = new Map<string, NodeJS.Timeout>();
  const staffedListeners = new Set<(on: boolean) => void>();
  const colleagueListeners = new Set<() => void>();
  const colleaguesChanged = () => {
    for (const listener of [...colleagueListeners]) listener();
  };
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

  // Keyed by agent id, with the name along: `onAway` needs it for an agent last seen on another process.
  const consoles = createSharedCount({
    set: 'agents',
    bus,
    syncMs,
    liveness,
    first: (agentId) => {
      cancelAway(agentId);
      colleaguesChanged();
    },
    last: (agentId, { name }) => {
      startAwayGrace({ id: agentId, name });
      colleaguesChanged();
    },
  });
  // Each console's session (login) with its agent, keyed `session + ' ' + agent id` (a session has
  // no space, an agent id may): whether an agent
  // who logs out on one device still has a console open on another (`elsewhere`).
  const sessions = createSharedCount({ set: 'sessions', bus, syncMs, liveness, first: () => {}, last: () => {} });
  // The consoles whose agent takes new visitors: all of them but the paused ones.
  const available = createSharedCount({
    set: 'available',
    bus,
    syncMs,
    liveness,
    first: () => {
      setStaffed(true);
      colleaguesChanged();
    },
    last: () => {
      if (available.size() === 0) startUnstaffedGrace();
      colleaguesChanged();
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
    /** A console of this agent is connected on `session` (consoleSession), taking new visitors until its agent pauses; `close` when it goes. */
    connected(agent: AgentRef, session: string): { available(on: boolean): void; close(): void } {
      const closeConsole = consoles.opened(agent.id, agent.name);
      const closeSession = sessions.opened(`${session} ${agent.id}`);
      let closeAvailable: (() => void) | null = available.opened(agent.id, agent.name);
      return {
        available(on) {
          if (on && !closeAvailable) closeAvailable = available.opened(agent.id, agent.name);
          if (!on && closeAvailable) {
            closeAvailable();
            closeAvailable = null;
          }
        },
        close() {
          closeAvailable?.();
          closeAvailable = null;
          closeSession();
          closeConsole();
        },
      };
    },
    /** Whether the agent has a console open on any process with a session other than `session`: logged in elsewhere too. */
    elsewhere: (agentId: string, session: string): boolean =>
      sessions.entries().some(({ key }) => {
        const space = key.indexOf(' ');
        return key.slice(space + 1) === agentId && key.slice(0, space) !== session;
      }),
    /** An agent holds conversations but has no console on any process (after a restart): the grace starts now. */
    expect: startAwayGrace,
    /** Whether a console taking new visitors is (or was within the grace) connected to any process. */
    staffed: () => staffed,
    /** The agents with a console open on any process, by name: whom a conversation can be passed to. */
    colleagues: (): Colleague[] =>
      consoles
        .entries()
        .map(({ key, name }) => ({ id: key, name, available: available.has(key) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    /** Called when an agent opens their first console or closes their last, or pauses or resumes; returns the unsubscribe function. */
    onColleagues(listener: () => void): () => void {
      colleagueListeners.add(listener);
      return () => void colleagueListeners.delete(listener);
    },
    /** Called with the new value when `staffed` changes; returns the unsubscribe function. */
    onStaffed(listener: (on: boolean) => void): () => void {
      staffedListeners.add(listener);
      return () => void staffedListeners.delete(listener);
    },
    dispose() {
      // First: the others hear this process holds nothing, and no callback starts a timer after this.
      consoles.dispose();
      available.dispose();
      sessions.dispose();
      for (const timer of awayTimers.values()) clearTimeout(timer);
      awayTimers.clear();
      clearTimeout(unstaffedTimer);
      staffedListeners.clear();
      colleagueListeners.clear();
    },
  };
}
