// "Seen" and "read": the visitor has had the agent's reply in front of them, the agent has read
// the visitor's message. Unlike typing, each is stored: a record in the conversation, once per event.
import { isAgentReply, isVisitorMessage } from '../protocol';
import type { ConversationEvent, ConversationSummary } from '../protocol';
import type { AgentRef, Store } from './store/types';
import type { QueueWrite } from './write-news';

export interface ReadMarksOptions {
  store: Store;
  queued: QueueWrite;
  now: () => number;
  onError: (error: unknown) => void;
}

export function createReadMarks({ store, queued, now, onError }: ReadMarksOptions) {
  /**
   * A read mark (`seen` by the visitor, `read` by the agent) for the event numbered `seq` of the
   * conversation, if that event is what the mark is about (`about`): recorded once per event. A
   * number that is not (a stale tab's) is dropped without a word: there is nothing to fix.
   */
  const markRead = async (conversation: ConversationSummary, kind: 'seen' | 'read', seq: number, about: (e: ConversationEvent) => boolean) => {
    if (seq < 1 || seq > conversation.lastSeq) return;
    const [event] = await store.eventsAfter(conversation.id, seq - 1, 1);
    if (event?.seq !== seq || !about(event)) return;
    // A server-made id: '.' is not allowed in client ids, so no message of the visitor's can take it.
    const result = await queued(store.record(conversation.id, `${kind}.${seq}`, { kind, through: seq }, now())).outcome;
    if (!result.ok) onError(new Error(`could not record ${kind} ${seq} in ${conversation.id}: ${result.code}`));
  };

  return {
    /** The visitor has had the agent's reply numbered `seq` in front of them (the widget's `seen`): for agents. */
    async visitorSeen(visitorId: string, seq: number): Promise<void> {
      const current = await store.currentConversation(visitorId);
      if (current) await markRead(current, 'seen', seq, isAgentReply);
    },

    /**
     * The agent has read the visitor's message numbered `seq`: the widget says "Seen". Only the
     * agent who has the conversation counts: a colleague looking on is not the one who will answer.
     */
    async agentRead(agent: AgentRef, conversationId: string, seq: number): Promise<void> {
      const conversation = await store.conversation(conversationId);
      if (conversation?.agent?.id === agent.id && conversation.status !== 'closed') await markRead(conversation, 'read', seq, isVisitorMessage);
    },
  };
}
