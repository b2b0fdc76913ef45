// The agents' console sessions: a login starts one, a logout ends it, and a token names its agent
// while the session lasts. Tokens are kept as hashes only (tokens.ts). The route, its rate limit
// and the back-off on wrong passwords are http.ts and login-limit.ts; this is what they call.
import type { SessionEnd } from '../protocol';
import { agentSessionEnd, authenticate, type AgentDirectory } from './agents';
import { topics, type Bus } from './bus';
import { consoleSession } from './presence';
import type { AgentRef, Session, Store } from './store/types';
import { hashToken, newToken } from './tokens';

export interface AgentSessionsOptions {
  store: Store;
  agents: AgentDirectory;
  bus: Bus;
  /** Where a logged-out agent's visitors go to the next free agent (assignment.ts). */
  releaseLoggedOut: (agent: AgentRef) => Promise<void>;
  /** Whether the agent has a console open with a session other than this one (presence.ts). */
  elsewhere: (agentId: string, session: string) => boolean;
  sessionMs: number;
  now: () => number;
  log: (error: unknown) => void;
}

export function createAgentSessions({ store, agents, bus, releaseLoggedOut, elsewhere, sessionMs, now, log }: AgentSessionsOptions) {
  // A session started before the agent's password changed, or of an agent removed, is over (agents.ts).
  const ended = (session: Session) => agentSessionEnd(agents, session.agent.id, session.expiresAt - sessionMs);
  return {
    ended,
    /**
     * Why a token's session is over, or null while it is live: the console tells its agent. A token
     * the store does not hold is `expired`: one logged out, one expired and one made up look alike.
     */
    async endOf(token: string): Promise<SessionEnd | null> {
      const session = await store.session(hashToken(token), now());
      return session === null ? 'expired' : ended(session);
    },
    /** The agent whose live console session a token is, or null. */
    async agentOf(token: string): Promise<AgentRef | null> {
      const session = await store.session(hashToken(token), now());
      return session !== null && (await ended(session)) === null ? session.agent : null;
    },
    async login(login: string, password: string): Promise<{ token: string; agent: AgentRef } | null> {
      const agent = await authenticate(agents, login, password);
      if (!agent) return null;
      const token = newToken();
      await store.saveSession(hashToken(token), { agent, expiresAt: now() + sessionMs }, now());
      return { token, agent };
    },
    async logout(token: string): Promise<void> {
      const tokenHash = hashToken(token);
      const session = await store.session(tokenHash, now());
      // Nobody's session (made up, or already ended or expired): nothing to end and no console to
      // tell. Each cost a write and a session check in every open console, so a flood of made-up
      // tokens slowed every chat. The route answers the same either way.
      if (!session) return;
      await store.deleteSession(tokenHash);
      bus.publish(topics.agents, { kind: 'sessions' });
      // A deliberate logout: the agent's visitors go to the next free agent now, not after the away
      // grace. Unless the agent is still at a console logged in on another device: they serve them there.
      if (!elsewhere(session.agent.id, consoleSession(tokenHash))) await releaseLoggedOut(session.agent).catch(log);
    },
  };
}
