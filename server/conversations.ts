// The conversation domain, as the sockets and the HTTP API use it: a conversation opened (handoff),
// rated, matched to an FAQ entry and closed here, the rest from one file per idea:
// messages.ts, assignment.ts (claim, pass, release), typing.ts, read-marks.ts, visitor-details.ts,
// each telling of its writes through write-news.ts, which asks queue-push.ts to push the queue.
// They talk to the store (durable writes, sequence numbers) and the bus (fan-out) only, so
// they run the same with SQLite + memory bus or PostgreSQL + Redis.
import { randomBytes } from 'node:crypto';
import type { ConversationSummary, ConversationView } from '../protocol';
import { createAssignment } from './assignment';
import type { Bus } from './bus';
import { handoffSteps, type FaqQuestion, type Handoff } from './handoff-steps';
import { summaryVisitor } from './identity';
import { createMessages } from './messages';
import { createQueuePush } from './queue-push';
import { createReadMarks } from './read-marks';
import type { AgentRef, Store, WriteResult } from './store/types';
import { createTyping } from './typing';
import { createVisitorDetails } from './visitor-details';
import { createWriteNews, type Queued, type Written } from './write-news';

export type { Outcome, Queued, Written } from './write-news';
export type { FileOutcome, RecordOutcome } from './messages';

export interface ConversationsOptions {
  store: Store;
  bus: Bus;
  /** How soon agents hear of a new, claimed, closed or rated conversation. */
  queueDebounceMs: number;
  /** How soon agents see a new message's preview in the queue. */
  queuePreviewMs: number;
  now?: () => number;
  /** Where failures of background work (the queue push) are reported. */
  onError?: (error: unknown) => void;
  /** The secret a site signs its visitors' emails with (`KOHTAAMO_IDENTITY_SECRET`); none: nobody is verified. */
  identitySecret?: string;
  /** Called when a page signed an email but there is no identity secret to check it with (identity.ts unsetSecretNotice). */
  onUnverifiable?: () => void;
  /** Hears every durable write that changed something, after the clients were told (the site's webhook). */
  onWritten?: (written: Written) => void;
  /**
   * The question of the served FAQ's entry by id: what a handoff's steps show as the bot's
   * (handoff-steps.ts). None: no entry is known, and a handoff keeps only the visitor's own steps.
   */
  faqQuestion?: FaqQuestion;
}

export const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url')}`;

export function viewOf(conversation: ConversationSummary): ConversationView {
  const view: ConversationView = { id: conversation.id, status: conversation.status, lastSeq: conversation.lastSeq, rated: conversation.rating !== undefined };
  if (conversation.agent) view.agent = { name: conversation.agent.name };
  return view;
}

export type Conversations = ReturnType<typeof createConversations>;

export function createConversations({ store, bus, queueDebounceMs, queuePreviewMs, now = Date.now, onError = () => {}, identitySecret, onUnverifiable, onWritten, faqQuestion = () => undefined }: ConversationsOptions) {
  /** Writes not yet settled, and queue pushes under way: what `dispose` waits for before the bus closes. */
  const pending = new Set<Promise<unknown>>();
  const track = <T>(work: Promise<T>): Promise<T> => {
    const settled = work.then(
      () => {},
      () => {},
    );
    pending.add(settled);
    void settled.finally(() => pending.delete(settled));
    return work;
  };
  const queuePush = createQueuePush({ store, bus, queueDebounceMs, queuePreviewMs, track, onError });
  const queued = createWriteNews({ store, bus, pushQueue: queuePush.push, track, onError, onWritten });
  const assignment = createAssignment({ store, bus, queued, now });
  const messages = createMessages({ store, queued, now });
  const typing = createTyping({ store, bus });
  const readMarks = createReadMarks({ store, queued, now, onError });
  const visitorDetails = createVisitorDetails({ store, bus, queued, pushQueue: queuePush.push, onError, identitySecret, onUnverifiable });

  return {
    ...messages,
    ...assignment,
    ...typing,
    ...readMarks,
    ...visitorDetails,

    handoff(visitorId: string, message: Handoff): Queued {
      const at = now();
      const { events, questions, botAnswers } = handoffSteps(message, at, faqQuestion);
      const write = store.handoff({
        visitorId,
        handoffId: message.id,
        conversationId: newId('c'),
        at,
        lang: message.lang,
        page: message.page,
        reason: message.reason,
        visitor: summaryVisitor(message.visitor, identitySecret, onUnverifiable),
        questions,
        botAnswers,
        events,
      });
      return queued(write);
    },

    /**
     * A visitor's widget connected to a conversation still queued or active. The server that acked
     * its handoff (or claim) may have died before its queue push (debounced): consoles on the other
     * servers would not list it until some other change. One more push, coalesced with the others
     * and no sooner than a preview's, makes sure.
     */
    visitorBack(): void {
      queuePush.push('preview');
    },

    rate(visitorId: string, clientId: string, score: number, comment: string | undefined): Queued {
      return queued(store.rate(visitorId, score, comment, clientId, now()));
    },

    /** Any agent may say which FAQ entry answers a conversation (null: none does), also after it closed. */
    faqMatch(agent: AgentRef, conversationId: string, faqId: string | null): Queued {
      return queued(store.setFaqMatch(conversationId, { faqId, agent: agent.name, at: now() }), { visitor: false });
    },

    close(agent: AgentRef, clientId: string, conversationId: string): Queued {
      return queued(store.closeConversation(conversationId, 'agent', agent.id, clientId, now()));
    },

    /**
     * The visitor ends their own conversation, queued or active ("End chat"): closed as an agent's
     * close is, so it leaves the queue and its agent's list. Another visitor's is not found. Whose a
     * conversation is never changes, so it is read before the write; the write itself refuses one
     * already closed (conversation_closed), and a resend of the same client id is acked again.
     */
    endByVisitor(visitorId: string, clientId: string, conversationId: string): Queued {
      const write = store
        .conversation(conversationId)
        .then((c): Promise<WriteResult> | WriteResult =>
          c?.visitorId === visitorId ? store.closeConversation(conversationId, 'visitor', null, clientId, now()) : { ok: false, code: 'not_found' },
        );
      return queued(write);
    },

    /**
     * Waits for the writes under way (the sockets are closed by then, so no new ones come), then
     * stops the queue push, sending the one still due (queue-push.ts), so the caller closes the
     * store and the bus after.
     */
    async dispose() {
      while (pending.size > 0) await Promise.all(pending);
      await queuePush.stop();
    },
  };
}
