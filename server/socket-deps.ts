// What a socket session is given, visitor's (visitor-socket.ts) or agent's (agent-socket.ts), and
// the check that a session's switch handles every frame type. Apart from either session because
// both use them, and app.ts builds the one from its parts.
import type { ConversationSummary } from '../protocol';
import type { Bus } from './bus';
import type { Conversations } from './conversations';
import type { Presence } from './presence';
import type { VisitorPresence } from './visitor-presence';
import type { Session as AgentSession, Store } from './store/types';

export interface SocketDeps {
  store: Store;
  bus: Bus;
  conversations: Conversations;
  /** Which agents have a console connected, and whether anyone is online. */
  presence: Presence;
  /** Whether visitors have the site open. */
  visitorPresence: VisitorPresence;
  /** How long visitors have lately waited for an agent (ms), those in `queue` still waiting included, or null: too few to say (wait-estimate.ts). */
  typicalWait: (queue: readonly ConversationSummary[]) => number | null;
  /** Why an agent's console session may not go on (agent removed, password changed since), or null while it may. */
  agentSessionEnd: (session: AgentSession) => Promise<'removed' | 'password_changed' | null>;
  /** Whether the FAQ being served has an entry with this id. */
  faqHas: (id: string) => boolean;
  /** When the site's opening hours next begin, while they are closed; undefined without hours (opening-hours.ts). */
  opensAt: () => number | undefined;
  /** When the site's opening hours end, while they are open; undefined without hours or while closed. */
  closesAt: () => number | undefined;
  /** Whether replies a visitor missed after leaving are emailed to them (email-follow-up.ts): consoles say so. */
  emailsReplies: boolean;
  /** Its From address, bare and lowercased, while it does (email-config.ts): the chat and the console say it is not where replies go. */
  siteMail?: string;
  /** The console build this server serves (console-build.ts), for consoles to tell whether they run an older one; undefined when not built. */
  consoleBuild?: () => string | undefined;
  heartbeatMs: number;
  helloTimeoutMs: number;
  closedVisibleMs: number;
  rate: { perSecond: number; burst: number };
  now: () => number;
  log: (error: unknown) => void;
}

export function unreachable(message: never): never {
  throw new Error(`unhandled message ${JSON.stringify(message)}`);
}
