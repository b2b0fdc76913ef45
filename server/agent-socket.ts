// One agent console connection: hello with the login token, the live queue, and the
// conversations the agent opens (replayed from the seq the console last saw).
import { CLOSE, ERRORS, LIMITS, parseAgentClientMessage } from '../protocol';
import type { AgentClientMessage, AgentServerMessage, ConversationSummary, SessionEnd } from '../protocol';
import { topics } from './bus';
import type { BusMessage } from './bus';
import { sendError } from './conn';
import type { Conn, Session } from './conn';
import { createFeed } from './feed';
import { queueFrame, type LeftSince } from './queue-frame';
import { orderedReplies } from './replies';
import { createPipeline } from './frames';
import type { AgentRef } from './store/types';
import { consoleSession } from './presence';
import { hashToken } from './tokens';
import { unreachable } from './socket-deps';
import type { SocketDeps } from './socket-deps';

/** Earlier conversations listed for one visitor: enough for a 360° view, bounded for the frame. */
const HISTORY_LIMIT = 50;
/** The welcome's `consoleBuild`, when the server serves a built console (console-build.ts). */
const consoleBuildOf = (deps: SocketDeps) => {
  const consoleBuild = deps.consoleBuild?.();
  return consoleBuild ? { consoleBuild } : {};
};
/**
 * Closed conversations a console goes on hearing of (a rating, a note, the FAQ match): those it
 * opened or saw close last. One it shows is among them (its agent opens another to leave it);
 * an older one is let go, and opened again (the console's `open`) it is followed again from the
 * last seq the console holds.
 */
export const CLOSED_FOLLOWED = 20;

export function agentSession(conn: Conn<AgentServerMessage>, deps: SocketDeps): Session {
  const { store, bus, conversations } = deps;
  let agent: AgentRef = { id: '', name: '' };
  const subscriptions = new Map<string, () => void>();
  /** Set when the socket closes; work still awaiting the store must not subscribe after that. */
  let gone = false;
  /** This console in the agents' presence, once welcomed. */
  let present: ReturnType<SocketDeps['presence']['connected']> | null = null;
  let stopColleagues = () => {};
  let tokenHash = '';
  let expiry: ReturnType<typeof setTimeout> | undefined;
  /** When this console's session ends (its login's time is up); none before the hello. */
  let expiresAt = Infinity;
  /** Closes the socket as unauthorized, saying why: the console's words for each differ (log in again, with a new password, or not). */
  const ended = (why: SessionEnd) => {
    conn.send({ type: 'error', code: 'unauthorized', message: ERRORS.unauthorized.message, ended: why });
    conn.close(CLOSE.unauthorized, 'unauthorized');
  };
  /**
   * Ends this console when its session's time is up: a socket already open is asked for no token
   * again, so a tab left open for days would go on reading and writing visitors' conversations.
   * Closed as unauthorized, the console asks the agent to log in again. Their conversations stay
   * theirs for the away grace, as for any console gone (presence.ts), not released as on a logout:
   * the agent did not choose to leave and is most likely logging in again at once.
   */
  const endOnTime = () => {
    const left = expiresAt - deps.now();
    if (left <= 0) return void (gone || ended('expired'));
    // A timer's delay is at most 2^31 - 1 ms (24.8 days): a longer session is waited for in steps.
    expiry = setTimeout(endOnTime, Math.min(left, 2 ** 31 - 1));
    expiry.unref?.();
  };
  /**
   * Why the session is over, or null while it is in the store and its agent still may use it. Gone
   * from the store before its time, it was logged out (in a tab it was copied to, or by the API).
   */
  const sessionEnd = async (): Promise<SessionEnd | null> => {
    const session = await store.session(tokenHash, deps.now());
    if (session === null) return deps.now() < expiresAt ? 'logged_out' : 'expired';
    return deps.agentSessionEnd(session);
  };
  /**
   * What this console shows could not be read from the store (a gap in live events, a resync): it
   * is closed, and the console reconnects and opens its conversations from the last seq it holds.
   */
  const lost = (error: unknown) => {
    deps.log(error);
    if (!gone) conn.close(CLOSE.internal, 'internal');
  };
  const feed = createFeed((conversationId, events) => conn.send({ type: 'events', conversationId, events }), (id, after, limit) => store.eventsAfter(id, after, limit), lost);

  const reply = orderedReplies(conn);

  /**
   * Whether a conversation's visitor is on the site, once per change: scaled out, every process
   * announces a leave (and a return after one), so the same news arrives once per process.
   */
  const shownOnline = new Map<string, boolean>();
  /**
   * The closed conversations this socket follows, the one opened or closed last at the end. Every
   * conversation a console ever opened used to be followed for the socket's life: 3,000 chats
   * claimed and closed over four consoles held 3.9 MB more.
   */
  const closed = new Set<string>();
  const followClosed = (conversationId: string) => {
    closed.delete(conversationId);
    closed.add(conversationId);
    // Whether the visitor is on the site is news of open conversations only.
    shownOnline.delete(conversationId);
    for (const oldest of closed) {
      if (closed.size <= CLOSED_FOLLOWED) break;
      closed.delete(oldest);
      subscriptions.get(oldest)?.();
      subscriptions.delete(oldest);
      feed.forget(oldest);
    }
  };
  const sendVisitor = (conversationId: string, online: boolean, since: number | undefined) => {
    if (shownOnline.get(conversationId) === online) return;
    shownOnline.set(conversationId, online);
    conn.send({ type: 'visitor', conversationId, online, ...(since !== undefined ? { since } : {}) });
  };

  /** A conversation's summary first, then, while it is open, whether its visitor is on the site. */
  const sendSummary = (conversation: ConversationSummary) => {
    conn.send({ type: 'summary', conversation });
    if (conversation.status === 'closed') return void (subscriptions.has(conversation.id) && followClosed(conversation.id));
    const seen = deps.visitorPresence.state(conversation.visitorId);
    sendVisitor(conversation.id, seen?.online ?? false, seen?.since);
  };

  /** A waiting visitor's card says since when they left, as this process knows it (visitor-presence.ts). */
  const leftSince: LeftSince = (visitorId) => {
    const seen = deps.visitorPresence.state(visitorId);
    return seen && !seen.online ? seen.since : undefined;
  };

  let resyncing: Promise<void> | null = null;
  /** The bus may have lost messages: the queue, and each open conversation's summary, visitor and events, from the store. */
  const resync = async () => {
    const queue = await store.openConversations();
    if (gone) return;
    conn.send(queueFrame(queue, leftSince));
    for (const conversationId of [...subscriptions.keys()].filter((key) => key !== topics.agents)) {
      const conversation = await store.conversation(conversationId);
      if (gone) return;
      if (conversation) sendSummary(conversation);
      await feed.catchUp(conversationId);
    }
  };

  const onBus = (message: BusMessage) => {
    if (message.kind === 'queue') conn.send(queueFrame(message.conversations, leftSince));
    // Closed conversations are in no queue: an agent reading one hears of its changes here.
    else if (message.kind === 'status') {
      conn.send({ type: 'summary', conversation: message.conversation });
      // Its close, sent before it, was the last news: it is followed a while yet, with the others closed.
      if (message.conversation.status === 'closed' && subscriptions.has(message.conversation.id)) followClosed(message.conversation.id);
    }
    else if (message.kind === 'events') feed.live(message.conversationId, message.events);
    else if (message.kind === 'typing' && message.from === 'visitor') {
      conn.send({ type: 'typing', conversationId: message.conversationId, on: message.on });
    } else if (message.kind === 'visitor') {
      sendVisitor(message.conversationId, message.online, message.since);
    } else if (message.kind === 'sessions') {
      // Only this console ends here: a removed agent's conversations go back to the queue where the
      // removal is heard, once per process and with no console open too (removed-agents.ts).
      sessionEnd().then((why) => why === null || gone || ended(why), deps.log);
    } else if (message.kind === 'resync' && !resyncing) {
      // Heard once per topic: one read of the store answers them all.
      resyncing = resync().catch(lost).finally(() => (resyncing = null));
    }
  };

  /** Subscribes to a conversation once and replays what the console has not seen. */
  const open = async (conversationId: string, afterSeq: number) => {
    if (gone) return;
    if (!subscriptions.has(conversationId)) subscriptions.set(conversationId, bus.subscribe(topics.conversation(conversationId), onBus));
    await bus.ready();
    await feed.replay(conversationId, afterSeq).catch(lost);
  };

  return createPipeline<AgentClientMessage>({
    conn,
    parse: parseAgentClientMessage,
    rate: deps.rate,
    helloTimeoutMs: deps.helloTimeoutMs,
    now: deps.now,
    log: deps.log,
    async hello(message) {
      tokenHash = hashToken(message.token);
      const session = await store.session(tokenHash, deps.now());
      // A token the store does not hold is told as expired: logged out, expired and made up look alike.
      if (!session) return (ended('expired'), false);
      const why = await deps.agentSessionEnd(session);
      if (why) return (ended(why), false);
      agent = session.agent;
      // Listening before reading the queue, so no change falls between. What is heard before the
      // welcome is not sent: the read may have it, or may have been made just before it (or before
      // Redis, away during the hello, was back): then it is done again after the welcome.
      if (gone) return false;
      let welcomed = false;
      const early = new Set<BusMessage['kind']>();
      subscriptions.set(topics.agents, bus.subscribe(topics.agents, (message) => (welcomed ? onBus(message) : early.add(message.kind))));
      await bus.ready();
      const queue = await store.openConversations();
      if (gone) return false;
      present = deps.presence.connected(agent, consoleSession(tokenHash));
      expiresAt = session.expiresAt;
      endOnTime();
      welcomed = true;
      conn.send({ type: 'welcome', agent, heartbeatMs: deps.heartbeatMs, emailsReplies: deps.emailsReplies, ...(deps.siteMail ? { siteMail: deps.siteMail } : {}), now: deps.now(), ...consoleBuildOf(deps) });
      conn.send(queueFrame(queue, leftSince));
      const sendColleagues = () => conn.send({ type: 'colleagues', agents: deps.presence.colleagues() });
      sendColleagues();
      stopColleagues = deps.presence.onColleagues(sendColleagues);
      if (early.has('sessions')) onBus({ kind: 'sessions' });
      if (early.has('queue') || early.has('resync')) onBus({ kind: 'resync' });
      return true;
    },
    async handle(message) {
      // Nothing is done on an expired session, should the timer be late: the system clock set
      // forward, a server suspended and resumed. The console pings every heartbeat, so it is told.
      if (deps.now() >= expiresAt) return ended('expired');
      switch (message.type) {
        case 'open': {
          const conversation = await store.conversation(message.conversationId);
          if (!conversation) return sendError(conn, 'not_found');
          // Its summary first: a closed conversation is in no queue, and a reloaded console may be reading one.
          const opened = open(message.conversationId, message.afterSeq);
          sendSummary(conversation);
          return opened;
        }
        case 'claim': {
          // Take the next visitor: the server picks, passing by visitors who left (as their cards say).
          const claimed =
            message.next && !message.takeover
              ? conversations.claimNext(agent, message.id, (c) => deps.visitorPresence.state(c.visitorId)?.online === false)
              : conversations.claim(agent, message.id, message.conversationId, message.takeover, message.from);
          // The claimer follows the conversation from here on, whether or not it opened it first.
          return reply(message.id, claimed, (outcome) => (outcome.ok && !subscriptions.has(outcome.conversationId) ? open(outcome.conversationId, 0) : undefined));
        }
        case 'pass': {
          // Only to someone there to take it: otherwise it would wait, unseen, for their away grace.
          const to = deps.presence.colleagues().find((c) => c.id === message.to);
          if (!to) return sendError(conn, 'agent_offline', undefined, message.id);
          return reply(message.id, conversations.pass(agent, message.id, message.conversationId, { id: to.id, name: to.name }));
        }
        case 'release':
          return reply(message.id, conversations.release(agent, message.id, message.conversationId));
        case 'msg':
          return reply(message.id, conversations.agentMessage(agent, message.id, message.conversationId, message.text));
        case 'note':
          return reply(message.id, conversations.agentNote(agent, message.id, message.conversationId, message.text));
        case 'typing':
          return conversations.agentTyping(agent, message.conversationId, message.on);
        case 'read':
          return conversations.agentRead(agent, message.conversationId, message.seq);
        case 'close':
          return reply(message.id, conversations.close(agent, message.id, message.conversationId));
        case 'faqMatch':
          if (message.faqId !== null && !deps.faqHas(message.faqId)) return sendError(conn, 'unknown_faq_entry', undefined, message.id);
          return reply(message.id, conversations.faqMatch(agent, message.conversationId, message.faqId));
        case 'history':
          return conn.send({ type: 'history', visitorId: message.visitorId, conversations: await store.visitorConversations(message.visitorId, HISTORY_LIMIT) });
        case 'search':
          return conn.send({ type: 'search', query: message.query, conversations: await store.searchConversations(message.query, LIMITS.searchResults) });
        case 'available':
          return present?.available(message.on);
        case 'ping':
          // The server's time too: the console counts waiting times by this clock (protocol/agent.ts).
          return conn.send({ type: 'pong', t: message.t, now: deps.now() });
        default:
          return unreachable(message);
      }
    },
    closed() {
      gone = true;
      clearTimeout(expiry);
      stopColleagues();
      present?.close();
      for (const unsubscribe of subscriptions.values()) unsubscribe();
      subscriptions.clear();
    },
  });
}
