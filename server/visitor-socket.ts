// One visitor connection: hello (new or resumed identity), replay, then handoff, messages,
// typing, replies seen, ending the conversation and rating. Every tab of a visitor listens to the visitor's topic, so all of them
// see the conversation's events.
// This file is the session: the hello and welcome, replay and live events, and the frames; who
// the hello is from is visitor-token.ts, the visitor's place in the queue visitor-queue-place.ts,
// and whether anyone is there to answer visitor-staffed.ts.
import { CLOSE, isVisitorEvent, parseVisitorClientMessage } from '../protocol';
import type { ConversationSummary, Page } from '../protocol';
import type { VisitorClientMessage, VisitorServerMessage } from '../protocol';
import { topics } from './bus';
import type { BusMessage } from './bus';
import { sendError } from './conn';
import type { Conn, Session } from './conn';
import { viewOf } from './conversations';
import { createFeed } from './feed';
import { orderedReplies, type Reply } from './replies';
import { hashToken } from './tokens';
import type { Outcome } from './write-news';
import { createPipeline } from './frames';
import { withPageCut } from './page-url';
import { unreachable, type SocketDeps } from './socket-deps';
import { queuePlace } from './visitor-queue-place';
import { staffedNews } from './visitor-staffed';
import { helloVisitor } from './visitor-token';
import { UNLIMITED, type WaitingSlot } from './waiting-limit';

/** `waiting`: the socket's place under its client address's cap on waiting visitors (waiting-limit.ts); none: no cap. */
export function visitorSession(conn: Conn<VisitorServerMessage>, deps: SocketDeps, waiting: WaitingSlot = UNLIMITED): Session {
  const { store, bus, conversations } = deps;
  let visitorId = '';
  let unsubscribe = () => {};
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
  // Per conversation, the last seq this socket sent the visitor, or where its replay began: each
  // frame says it (`after`), so the widget can tell a frame it lost from a note it is never sent.
  const told = new Map<string, number>();
  const feed = createFeed(
    (conversationId, events) => {
      const shown = events.filter(isVisitorEvent);
      const newest = shown[shown.length - 1];
      if (!newest) return;
      conn.send({ type: 'events', conversationId, after: told.get(conversationId) ?? 0, events: shown });
      told.set(conversationId, newest.seq);
    },
    (id, after, limit) => store.eventsAfter(id, after, limit),
    lost,
  );

  /** The hello's token: whether the visitor still exists, once a write of theirs failed. */
  let token = '';
  let erasedTold = false;
  /**
   * A write that failed because the visitor is gone: erased (`kohtaamo data forget`, a prune)
   * while this socket was open, it still names them, and the store refuses what refers to them
   * (a FOREIGN KEY). Answered `unauthorized`, as a hello with their token is now: the widget drops
   * the token and starts afresh as a new visitor, and sends the frame again as theirs. Said in
   * one line, not as the store's error with a stack. Any other failure is passed on as it was.
   */
  const ifErased = async (error: unknown): Promise<Outcome> => {
    const gone = await store.visitorByTokenHash(hashToken(token)).then((visitor) => visitor === null, () => false);
    if (!gone) throw error;
    if (!erasedTold) deps.log(`Visitor ${visitorId} no longer exists (erased by \`kohtaamo data forget\` or a prune while their widget was connected): their widget was told to start afresh as a new visitor`);
    erasedTold = true;
    return { ok: false, code: 'unauthorized' };
  };
  const inOrder = orderedReplies(conn);
  const reply: Reply = (id, queued, then) => inOrder(id, { outcome: queued.outcome.catch(ifErased) }, then);

  /**
   * The visitor is on another page mid-chat: agents see where they are now, and the email's link
   * back goes there. Not awaited: the welcome, replay or the frame's own write need not wait for
   * it. A store that refuses the page (or is out of reach) is logged; an unhandled rejection
   * would end the process.
   */
  const movedTo = (page: Page) => void conversations.visitorPage(visitorId, page).catch(deps.log);

  const place = queuePlace(conn, deps, () => visitorId, () => gone);
  const staffing = staffedNews(conn, deps);
  /** The visitor's conversation's status as this socket last heard it; null: none yet. */
  let status: ConversationSummary['status'] | null = null;
  /** Heard: the place in the queue is followed, and held under the address's cap, while it is queued. */
  const follow = (heard: ConversationSummary['status']) => {
    status = heard;
    place.follow(heard);
    waiting.waiting(visitorId, heard === 'queued');
  };

  /**
   * A handoff, unless the visitor's address has its most visitors waiting already (not when the
   * visitor is one of them: a resend, another tab). Refused through the ordered replies, so its
   * answer keeps its place among the acks. A handoff the store did not take lets its place go,
   * unless the visitor waits all the same.
   */
  const handoff = (message: Extract<VisitorClientMessage, { type: 'handoff' }>) => {
    // Into the conversation an agent has: nobody more waits.
    if (status !== 'active' && !waiting.admit(visitorId)) return reply(message.id, { outcome: Promise.resolve({ ok: false, code: 'too_many_waiting' }) });
    const queued = conversations.handoff(visitorId, message);
    const notTaken = () => waiting.waiting(visitorId, status === 'queued');
    queued.outcome.then((outcome) => outcome.ok || notTaken(), notTaken);
    return reply(message.id, queued);
  };

  /** The bus may have lost messages: the conversation's status and events, from the store. */
  const resync = async () => {
    const current = await store.currentConversation(visitorId);
    if (gone || !current) return;
    conn.send({ type: 'status', conversation: viewOf(current) });
    follow(current.status);
    await feed.catchUp(current.id);
  };

  const onBus = (message: BusMessage) => {
    if (message.kind === 'resync') resync().catch(lost);
    else if (message.kind === 'events') feed.live(message.conversationId, message.events);
    else if (message.kind === 'status') {
      conn.send({ type: 'status', conversation: viewOf(message.conversation) });
      follow(message.conversation.status);
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
      const hello = await helloVisitor(store, deps.now, message.token);
      if (!hello) {
        sendError(conn, 'unauthorized');
        return false;
      }
      visitorId = hello.visitorId;
      token = hello.token;
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
      const staffed = deps.presence.staffed();
      conn.send({
        type: 'welcome',
        visitorId,
        token,
        conversation: current ? viewOf(current) : null,
        heartbeatMs: deps.heartbeatMs,
        staffed,
        ...staffing.opens(staffed),
        ...(deps.emailsReplies ? { emailsReplies: true } : {}),
        ...(deps.siteMail ? { siteMail: deps.siteMail } : {}),
      });
      staffing.follow(staffed);
      leave = deps.visitorPresence.connected(visitorId);
      if (current) {
        follow(current.status);
        if (current.status !== 'closed') conversations.visitorBack();
        const id = current.id;
        // afterSeq is a position in the conversation the widget names (or, unnamed, the current one).
        // If that is another conversation, e.g. another tab has started a new one since, or the
        // number is past the end, the widget has seen none of this one: replay it all.
        const asked = message.afterSeq ?? 0;
        const same = (message.conversationId ?? id) === id && asked <= current.lastSeq;
        const afterSeq = same ? asked : 0;
        told.set(id, afterSeq);
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
          return handoff(message);
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
      place.stop();
      staffing.stop();
      waiting.closed();
      leave();
    },
  });
}
