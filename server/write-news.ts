// Who hears of a durable write, and the ack its sender gets. Every operation of the conversation
// domain that stores something goes through here, so the followers, the visitor's widget, the
// queue and the site's webhook hear of it the same way, a resend too.
import { isVisitorEvent } from '../protocol';
import type { ErrorCode } from '../protocol';
import { topics } from './bus';
import type { Bus } from './bus';
import type { QueueChange } from './queue-push';
import type { Store, WriteResult } from './store/types';

export type Outcome = { ok: true; conversationId: string; seq: number } | { ok: false; code: ErrorCode };

/**
 * A write that is queued in the store but not yet durable. Operations resolve to this as soon
 * as their write is queued, so a connection can queue its next frame's write at once (and
 * many frames share one commit) while acks still follow the order of the frames.
 */
export interface Queued {
  outcome: Promise<Outcome>;
}

/** A write that changed something, as `onWritten` hears it. */
export type Written = Pick<Extract<WriteResult, { ok: true }>, 'conversationId' | 'visitorId' | 'conversation' | 'events'>;

/**
 * Tells everyone concerned about a durable write, then gives the sender its ack. Agents' own
 * notes (the FAQ match) are not the visitor's business: `visitor: false` keeps them there.
 */
export type QueueWrite = (write: Promise<WriteResult>, options?: { visitor?: boolean }) => Queued;

export interface WriteNewsOptions {
  store: Store;
  bus: Bus;
  pushQueue: (change: QueueChange) => void;
  /** Keeps the write under way for the caller's `dispose` to wait for. */
  track: <T>(work: Promise<T>) => Promise<T>;
  onError: (error: unknown) => void;
  /** Hears every durable write that changed something, after the clients were told (the site's webhook). */
  onWritten?: (written: Written) => void;
}

export function createWriteNews({ store, bus, pushQueue, track, onError, onWritten }: WriteNewsOptions): QueueWrite {
  /** The ack: the write's place in the conversation (its last event's, or the conversation's as it is). */
  const acked = ({ conversationId, conversation, events }: Extract<WriteResult, { ok: true }>): Outcome => ({
    ok: true,
    conversationId,
    seq: events[events.length - 1]?.seq ?? conversation?.lastSeq ?? 0,
  });

  /** Publishes what a write stored: to the conversation's followers, and (`tellVisitor`) to its visitor's widget. */
  const publish = ({ conversationId, visitorId, conversation, events }: Extract<WriteResult, { ok: true }>, tellVisitor: boolean) => {
    // Status first, so a client knows the conversation before its events arrive.
    if (conversation) {
      if (tellVisitor) bus.publish(topics.visitor(visitorId), { kind: 'status', conversation });
      bus.publish(topics.conversation(conversationId), { kind: 'status', conversation });
    }
    if (events.length > 0) bus.publish(topics.conversation(conversationId), { kind: 'events', conversationId, events });
    // The visitor's topic carries only what they may see, and nothing when nothing is left: a
    // note or record in an old conversation of theirs would otherwise reach their open widget,
    // whose feed, never having sent that conversation, would replay it whole and switch to it.
    const shown = events.filter(isVisitorEvent);
    if (tellVisitor && shown.length > 0) bus.publish(topics.visitor(visitorId), { kind: 'events', conversationId, events: shown });
  };

  const settle = (result: WriteResult, tellVisitor: boolean): Outcome => {
    if (!result.ok) return result;
    const { conversationId, visitorId, conversation, events } = result;
    publish(result, tellVisitor);
    pushQueue(conversation ? 'status' : 'preview');
    onWritten?.({ conversationId, visitorId, conversation, events });
    return acked(result);
  };

  /**
   * A write that changed nothing. One that finds its events stored is a resend: its sender never
   * had the ack, so the others may never have heard of it either (the connection dropped, or the
   * server that stored it crashed before its publishes). Told again, and the queue pushed again,
   * coalesced with the others. Nobody is shown anything twice: the feeds drop events they have
   * sent (feed.ts), and a status is the conversation as it is now. The visitor hears it only while
   * it is still the conversation their widget shows: news of an older one (an agent's close resent
   * after the visitor asked again) would switch their widget back to it. The site's webhook heard
   * it, or not, the first time.
   *
   * One without events (the visitor's page or name said again by every page, a claim of what is
   * already the agent's) is nobody's news, but the first write may have been cut short before
   * its queue push: one more, coalesced with the others, makes sure.
   */
  const resent = async (result: Extract<WriteResult, { ok: true }>, tellVisitor: boolean): Promise<Outcome> => {
    const { conversationId, visitorId, conversation, events } = result;
    if (events.length === 0) {
      if (conversation) pushQueue('status');
      return acked(result);
    }
    let visitorToo = tellVisitor && (conversation !== null || events.some(isVisitorEvent));
    if (visitorToo) {
      const shows = await store.currentConversation(visitorId).catch((error: unknown) => void onError(error));
      visitorToo = shows?.id === conversationId;
    }
    publish(result, visitorToo);
    pushQueue(conversation ? 'status' : 'preview');
    return acked(result);
  };

  return (write, { visitor = true } = {}) => ({
    outcome: track(write.then((result) => (result.ok && result.duplicate ? resent(result, visitor) : settle(result, visitor)))),
  });
}
