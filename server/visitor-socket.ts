// One visitor connection: hello (new or resumed identity), replay, then handoff, messages,
// typing, replies seen, ending the conversation and rating. Every tab of a visitor listens to the visitor's topic, so all of them
// see the conversation's events.
import { CLOSE, isVisitorEvent, parseVisitorClientMessage, waitingOrder } from '../protocol';
import type { ConversationSummary, Page } from '../protocol';
import type { VisitorClientMessage, VisitorServerMessage } from '../protocol';
import { topics } from './bus';
import type { Bus, BusMessage } from './bus';
import { sendError } from './conn';
import type { Conn, Session } from './conn';
import { newId, viewOf } from './conversations';
import type { Conversations } from './conversations';
import { createFeed } from './feed';
import { orderedReplies } from './replies';
import { createPipeline } from './frames';
import { withPageCut } from './page-url';
import type { Presence } from './presence';
import type { VisitorPresence } from './visitor-presence';
import type { Session as AgentSession, Store } from './store/types';
import { hashToken, newToken } from './tokens';

/** How stale a visitor's recorded last hello may be: retention counts whole days. */
const SEEN_PRECISION_MS = 60 * 60 * 1000;

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
  /** Whether an agent's console session may go on (agent not removed, password unchanged since). */
  agentSessionValid: (session: AgentSession) => Promise<boolean>;
  /** Whether the FAQ being served has an entry with this id. */
  faqHas: (id: string) => boolean;
  /** When the site's opening hours next begin, while they are closed; undefined without hours (opening-hours.ts). */
  opensAt: () => number | undefined;
  /** When the site's opening hours end, while they are open; undefined without hours or while closed. */
  closesAt: () => number | undefined;
  /** Whether replies a visitor missed after leaving are emailed to them (email-follow-up.ts): consoles say so. */
  emailsReplies: boolean;
  /** The console build this server serves (console-build.ts), for consoles to tell whether they run an older one; undefined when not built. */
  consoleBuild?: () => string | undefined;
  heartbeatMs: number;
  helloTimeoutMs: number;
  closedVisibleMs: number;
  rate: { perSecond: number; burst: number };
  now: () => number;
  log: (error: unknown) => void;
}

/** setTimeout's longest delay (2^31 - 1 ms); a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What the queue tells the visitors waiting in it: how many wait before each (by visitor id), and the typical wait. */
interface QueueNews {
  ahead: ReadonlyMap<string, number>;
  typicalWaitMs: number | null;
}
const queueNews = new WeakMap<SocketDeps['typicalWait'], WeakMap<readonly ConversationSummary[], QueueNews>>();

/**
 * The queue's news for its waiting visitors, worked out once per list: a queue push hands the same
 * list to every socket of the process. Once per socket, 2,000 waiting visitors each sorted a queue
 * of 4,000 (and counted its waits) at every push: one handoff held the event loop 0.8 s.
 */
function newsOf(queue: readonly ConversationSummary[], { typicalWait, visitorPresence }: Pick<SocketDeps, 'typicalWait' | 'visitorPresence'>): QueueNews {
  let known = queueNews.get(typicalWait);
  if (!known) queueNews.set(typicalWait, (known = new WeakMap()));
  let news = known.get(queue);
  if (!news) {
    // Only visitors still on the site count as before you: agents take the next one still here
    // (claim next). A leave or return pushes the queue again (visitor-details.ts), so a new list.
    const ahead = new Map<string, number>();
    let before = 0;
    for (const c of waitingOrder(queue)) {
      if (!ahead.has(c.visitorId)) ahead.set(c.visitorId, before);
      if (visitorPresence.state(c.visitorId)?.online !== false) before++;
    }
    const typical = typicalWait(queue);
    news = { ahead, typicalWaitMs: typical === null ? null : Math.round(typical) };
    known.set(queue, news);
  }
  return news;
}

export function visitorSession(conn: Conn<VisitorServerMessage>, deps: SocketDeps): Session {
  const { store, bus, conversations } = deps;
  let visitorId = '';
  let unsubscribe = () => {};
  let stopStaffed = () => {};
  let hoursTimer: NodeJS.Timeout | undefined;
  let leave = () => {};
  /** Set when the socket closes; work still awaiting the store must not subscribe after that. */
  let gone = false;
  /**
   * What this socket shows could not be read from the store (a gap in live events, a resync): it
   * is closed, and the widget reconnects and resumes from the last seq it holds. Left open, it would
   * show nothing of what was missed until the next event, or, past the gap, never.
   */
  const lost = (error: unknown) => {
    deps.log(error);
    if (!gone) conn.close(CLOSE.internal, 'internal');
  };
  // The visitor's topic carries only what they may see (write-news.ts), so an agents' note
  // leaves a gap in the live numbers that the feed reads from the store, notes included: what
  // leaves for the visitor is filtered again here.
  const feed = createFeed(
    (conversationId, events) => {
      const shown = events.filter(isVisitorEvent);
      if (shown.length > 0) conn.send({ type: 'events', conversationId, events: shown });
    },
    (id, after, limit) => store.eventsAfter(id, after, limit),
    lost,
  );

  const reply = orderedReplies(conn);

  /**
   * The visitor is on another page mid-chat: agents see where they are now, and the email's link
   * back goes there. Not awaited: the welcome, replay or the frame's own write need not wait for
   * it. A store that refuses the page (or is out of reach) is logged; an unhandled rejection
   * would end the process.
   */
  const movedTo = (page: Page) => void conversations.visitorPage(visitorId, page).catch(deps.log);

  // While the visitor waits, they hear how many wait before them: this socket follows the queue
  // (the agents' topic) from when its conversation is queued until it is not.
  let stopQueue: (() => void) | null = null;
  let told = '';
  const tellPlace = (queue: readonly ConversationSummary[]) => {
    const news = newsOf(queue, deps);
    const ahead = news.ahead.get(visitorId);
    if (ahead === undefined) return;
    const typical = news.typicalWaitMs;
    const place = { type: 'queue' as const, ahead, ...(typical === null ? {} : { typicalWaitMs: typical }) };
    if (JSON.stringify(place) === told) return;
    told = JSON.stringify(place);
    conn.send(place);
  };
  const readPlace = async () => {
    const queue = await store.openConversations();
    if (!gone) tellPlace(queue);
  };
  const followQueue = (status: ConversationSummary['status']) => {
    if (status === 'queued' && !stopQueue && !gone) {
      stopQueue = bus.subscribe(topics.agents, (message) => {
        if (message.kind === 'queue') tellPlace(message.conversations);
        else if (message.kind === 'resync') readPlace().catch(deps.log);
      });
      // The queue as it is now; what changes from here on is heard.
      void bus.ready().then(readPlace).catch(deps.log);
    } else if (status !== 'queued' && stopQueue) {
      stopQueue();
      stopQueue = null;
      told = '';
    }
  };

  /** The bus may have lost messages: the conversation's status and events, from the store. */
  const resync = async () => {
    const current = await store.currentConversation(visitorId);
    if (gone || !current) return;
    conn.send({ type: 'status', conversation: viewOf(current) });
    followQueue(current.status);
    await feed.catchUp(current.id);
  };

  const onBus = (message: BusMessage) => {
    if (message.kind === 'resync') resync().catch(lost);
    else if (message.kind === 'events') feed.live(message.conversationId, message.events);
    else if (message.kind === 'status') {
      conn.send({ type: 'status', conversation: viewOf(message.conversation) });
      followQueue(message.conversation.status);
    }
    else if (message.kind === 'typing' && message.from === 'agent') {
      conn.send({ type: 'typing', conversationId: message.conversationId, name: message.name, on: message.on });
    }
  };

  return createPipeline<VisitorClientMessage>({
    conn,
    // The one place a visitor's frame comes in: its page loses its query and #fragment here (page-url.ts).
    parse: (raw) => withPageCut(parseVisitorClientMessage(raw)),
    rate: deps.rate,
    helloTimeoutMs: deps.helloTimeoutMs,
    now: deps.now,
    log: deps.log,
    async hello(message) {
      let token = message.token;
      if (token !== undefined) {
        const visitor = await store.visitorByTokenHash(hashToken(token));
        if (!visitor) {
          sendError(conn, 'unauthorized');
          return false;
        }
        visitorId = visitor.id;
        // Back on the site: retention (whole days) must not delete who they are while they may hand
        // off again. Recorded at most hourly: a page load mid-chat need not wait for a durable write.
        if (visitor.lastSeenAt < deps.now() - SEEN_PRECISION_MS) await store.visitorSeen(visitorId, deps.now());
      } else {
        token = newToken();
        visitorId = newId('v');
        await store.createVisitor(visitorId, hashToken(token), deps.now());
      }
      // Listening before reading: a change made meanwhile is in what is read, or heard after it.
      // What is heard before the welcome is not sent: the read below may have it, or may have been
      // made just before it (or before Redis, away during the hello, was back): then it is read again.
      if (gone) return false;
      let welcomed = false;
      let heardEarly = false;
      unsubscribe = bus.subscribe(topics.visitor(visitorId), (message) => (welcomed ? onBus(message) : (heardEarly ||= message.kind !== 'typing')));
      await bus.ready();
      let current = await store.currentConversation(visitorId);
      if (gone) return false;
      // Yesterday's closed chat is history, not the conversation the widget should open with.
      if (current?.status === 'closed' && current.updatedAt < deps.now() - deps.closedVisibleMs) current = null;
      welcomed = true;
      // Nobody online and the service closed: the visitor is told when it opens.
      const opens = (staffed: boolean) => {
        const at = staffed ? undefined : deps.opensAt();
        return at === undefined ? {} : { opensAt: at };
      };
      // While nobody is online, what the visitor was told follows the hours: at closing, when it
      // opens again; at opening, no longer that time, now past (the widget would go on showing
      // "we open Mon 9.00" all Monday). (A long wait is slept in steps: setTimeout's longest delay
      // is under 25 days.)
      const followHours = (staffed: boolean) => {
        clearTimeout(hoursTimer);
        if (staffed) return;
        const change = deps.opensAt() ?? deps.closesAt();
        if (change === undefined) return;
        hoursTimer = setTimeout(() => {
          if (deps.now() >= change) conn.send({ type: 'staffed', on: false, ...opens(false) });
          followHours(false);
        }, Math.min(Math.max(0, change - deps.now()), MAX_TIMER_MS));
      };
      const staffed = deps.presence.staffed();
      conn.send({
        type: 'welcome',
        visitorId,
        token,
        conversation: current ? viewOf(current) : null,
        heartbeatMs: deps.heartbeatMs,
        staffed,
        ...opens(staffed),
        ...(deps.emailsReplies ? { emailsReplies: true } : {}),
      });
      followHours(staffed);
      stopStaffed = deps.presence.onStaffed((on) => {
        conn.send({ type: 'staffed', on, ...opens(on) });
        followHours(on);
      });
      leave = deps.visitorPresence.connected(visitorId);
      if (current) {
        followQueue(current.status);
        if (current.status !== 'closed') conversations.visitorBack();
        const id = current.id;
        // afterSeq is a position in the conversation the widget names (or, unnamed, the current one).
        // If that is another conversation, e.g. another tab has started a new one since, or the
        // number is past the end, the widget has seen none of this one: replay it all.
        const asked = message.afterSeq ?? 0;
        const same = (message.conversationId ?? id) === id && asked <= current.lastSeq;
        const afterSeq = same ? asked : 0;
        await feed.replay(id, afterSeq);
        // Mid-chat the widget comes along to every page the visitor opens: agents see where they are.
        if (current.status !== 'closed' && JSON.stringify(current.nowOn ?? current.page) !== JSON.stringify(message.page)) {
          movedTo(message.page);
        }
      }
      if (heardEarly) await resync().catch(lost);
      return true;
    },
    async handle(message) {
      switch (message.type) {
        case 'handoff':
          return reply(message.id, conversations.handoff(visitorId, message));
        case 'msg':
          // A single-page app moved on since the hello (the widget sends the page only then).
          if (message.page) movedTo(message.page);
          return reply(message.id, conversations.visitorMessage(visitorId, message.id, message.text));
        case 'typing':
          if (message.page) movedTo(message.page);
          return conversations.visitorTyping(visitorId, message.on);
        case 'seen':
          return conversations.visitorSeen(visitorId, message.seq);
        case 'rate':
          return reply(message.id, conversations.rate(visitorId, message.id, message.score, message.comment));
        case 'end':
          return reply(message.id, conversations.endByVisitor(visitorId, message.id, message.conversationId));
        case 'identify':
          return reply(message.id, conversations.identify(visitorId, message.visitor));
        case 'ping':
          return conn.send({ type: 'pong', t: message.t });
        default:
          return unreachable(message);
      }
    },
    closed() {
      gone = true;
      unsubscribe();
      stopQueue?.();
      stopStaffed();
      clearTimeout(hoursTimer);
      leave();
    },
  });
}

export function unreachable(message: never): never {
  throw new Error(`unhandled message ${JSON.stringify(message)}`);
}
