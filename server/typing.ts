// Typing: relayed over the bus to the other side of an open conversation, never stored. It is a
// hint, so anything that does not fit (no open conversation, not the agent who has it) is dropped.
import { topics } from './bus';
import type { Bus } from './bus';
import type { AgentRef, Store } from './store/types';

export interface TypingOptions {
  store: Store;
  bus: Bus;
}

export function createTyping({ store, bus }: TypingOptions) {
  return {
    async visitorTyping(visitorId: string, on: boolean): Promise<void> {
      const conversationId = await store.openConversationId(visitorId);
      if (conversationId) bus.publish(topics.conversation(conversationId), { kind: 'typing', conversationId, from: 'visitor', name: '', on });
    },

    /**
     * Relays the assigned agent's typing to the visitor. Anything else is dropped without an
     * error: typing is a hint, and a console's late "stopped typing" after closing is normal.
     */
    async agentTyping(agent: AgentRef, conversationId: string, on: boolean): Promise<void> {
      const conversation = await store.conversation(conversationId);
      if (!conversation || conversation.agent?.id !== agent.id || conversation.status === 'closed') return;
      bus.publish(topics.visitor(conversation.visitorId), { kind: 'typing', conversationId, from: 'agent', name: agent.name, on });
    },
  };
}
