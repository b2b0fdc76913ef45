// A waiting visitor's place in the queue: how many wait before them, and the typical wait, sent
// as the queue changes while their conversation is queued. Apart from the session
// (visitor-socket.ts) because it follows another topic (the agents') and is shared work: the
// news is worked out once per queue for every socket of the process.
import { waitingOrder } from '../protocol';
import type { ConversationSummary, VisitorServerMessage } from '../protocol';
import { topics } from './bus';
import type { Conn } from './conn';
import type { SocketDeps } from './socket-deps';

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

export interface QueuePlace {
  /** Follows the queue while `status` is queued, and stops once it is not. */
  follow(status: ConversationSummary['status']): void;
  stop(): void;
}

/**
 * `visitorId` and `gone` are asked when needed: the session learns the visitor at the hello, and
 * is gone once its socket closes (nothing may subscribe after that).
 */
export function queuePlace(
  conn: Conn<VisitorServerMessage>,
  deps: Pick<SocketDeps, 'store' | 'bus' | 'typicalWait' | 'visitorPresence' | 'log'>,
  visitorId: () => string,
  gone: () => boolean,
): QueuePlace {
  const { store, bus } = deps;
  // While the visitor waits, they hear how many wait before them: this socket follows the queue
  // (the agents' topic) from when its conversation is queued until it is not.
  let stopQueue: (() => void) | null = null;
  let told = '';
  const tellPlace = (queue: readonly ConversationSummary[]) => {
    const news = newsOf(queue, deps);
    const ahead = news.ahead.get(visitorId());
    if (ahead === undefined) return;
    const typical = news.typicalWaitMs;
    const place = { type: 'queue' as const, ahead, ...(typical === null ? {} : { typicalWaitMs: typical }) };
    if (JSON.stringify(place) === told) return;
    told = JSON.stringify(place);
    conn.send(place);
  };
  const readPlace = async () => {
    const queue = await store.openConversations();
    if (!gone()) tellPlace(queue);
  };
  const followQueue = (status: ConversationSummary['status']) => {
    if (status === 'queued' && !stopQueue && !gone()) {
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

  return { follow: followQueue, stop: () => stopQueue?.() };
}
