// The conversation domain: handoff, messages, claim, close, rating, and who hears about it.
// It talks to the store (durable writes, sequence numbers) and the bus (fan-out) only, so
// it runs the same with SQLite + memory bus or PostgreSQL + Redis.
import { randomBytes } from 'node:crypto';
import type { ConversationSummary, ConversationView, ErrorCode } from '../protocol';
import type { VisitorClientMessage } from '../protocol';
import { topics } from './bus';
import type { Bus } from './bus';
import type { AgentRef, EventDraft, Store, WriteResult } from './store/types';

type Handoff = Extract<VisitorClientMessage, { type: 'handoff' }>;

export type Outcome = { ok: true; conversationId: string; seq: number } | { ok: false; code: ErrorCode };

export interface ConversationsOptions {
  store: Store;
  bus: Bus;
  queueDebounceMs: number;
  now?: () => number;
  /** Where failures of background work (the queue push) are reported. */
  onError?: (error: unknown) => void;
}

export const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url')}`;

export function viewOf(conversation: ConversationSummary): ConversationView {
  const view: ConversationView = { id: conversation.id, status: conversation.status, lastSeq: conversation.lastSeq, rated: conversation.rating !== undefined };
  if (conversation.agent) view.agent = { name: conversation.agent.name };
  return view;
}

export type Conversations = ReturnType<typeof createConversations>;

export function createConversations({ store, bus, queueDebounceMs, now = Date.now, onError = () => {} }: ConversationsOptions) {
  let queueTimer: NodeJS.Timeout | null = null;
  const pushQueue = () => {
    if (queueTimer) return;
    queueTimer = setTimeout(() => {
      queueTimer = null;
      store.openConversations().then((conversations) => bus.publish(topics.agents, { kind: 'queue', conversations }), onError);
    }, queueDebounceMs);
  };

  /** Tells everyone concerned about a durable write, then gives the sender its ack. */
  const settle = (result: WriteResult, statusChanged: boolean): Outcome => {
    if (!result.ok) return result;
    const { conversation, events } = result;
    const last = events[events.length - 1];
    if (!result.duplicate) {
      if (statusChanged) {
        bus.publish(topics.visitor(conversation.visitorId), { kind: 'status', conversation });
        bus.publish(topics.conversation(conversation.id), { kind: 'status', conversation });
      }
      const message = { kind: 'events', conversation, events } as const;
      bus.publish(topics.conversation(conversation.id), message);
      bus.publish(topics.visitor(conversation.visitorId), message);
      pushQueue();
    }
    return { ok: true, conversationId: conversation.id, seq: last?.seq ?? conversation.lastSeq };
  };

  /** The conversation a visitor is writing to: its newest one, while it is not closed. */
  const openOf = async (visitorId: string) => {
    const current = await store.currentConversation(visitorId);
    return current && current.status !== 'closed' ? current : null;
  };

  return {
    async handoff(visitorId: string, message: Handoff): Promise<Outcome> {
      const at = now();
      const questions: string[] = [];
      const answers = new Map<string, { faqId: string; question: string; helpful?: boolean }>();
      const events: EventDraft[] = message.steps.map((step, i) => {
        const body = step.body;
        if (body.kind === 'bot.query' && body.query.trim() !== '') questions.push(body.query.trim());
        if (body.kind === 'bot.answer') answers.set(body.faqId, { ...answers.get(body.faqId), faqId: body.faqId, question: body.question });
        if (body.kind === 'bot.feedback') {
          const known = answers.get(body.faqId);
          if (known) known.helpful = body.helpful;
        }
        // Server-made client ids derived from the handoff's id keep a resent handoff idempotent.
        return { clientId: `${message.id}-${i}`, at: step.at, role: body.kind === 'bot.answer' ? 'bot' : 'visitor', body };
      });
      events.push({ clientId: message.id, at, role: 'system', body: { kind: 'handoff', reason: message.reason, page: message.page, lang: message.lang } });
      const result = await store.handoff({
        visitorId,
        handoffId: message.id,
        conversationId: newId('c'),
        at,
        lang: message.lang,
        page: message.page,
        reason: message.reason,
        visitor: message.visitor ?? {},
        questions,
        botAnswers: [...answers.values()],
        events,
      });
      return settle(result, true);
    },

    async visitorMessage(visitorId: string, clientId: string, text: string): Promise<Outcome> {
      const conversation = await openOf(visitorId);
      if (!conversation) return { ok: false, code: 'no_conversation' };
      return settle(await store.append(conversation.id, { clientId, at: now(), role: 'visitor', body: { kind: 'text', text } }, { open: true }), false);
    },

    async visitorTyping(visitorId: string, on: boolean): Promise<void> {
      const conversation = await openOf(visitorId);
      if (conversation) bus.publish(topics.conversation(conversation.id), { kind: 'typing', conversationId: conversation.id, from: 'visitor', name: '', on });
    },

    async rate(visitorId: string, clientId: string, score: number, comment: string | undefined): Promise<Outcome> {
      const [newest] = await store.visitorConversations(visitorId);
      if (!newest) return { ok: false, code: 'no_conversation' };
      return settle(await store.rate(newest.id, score, comment, clientId, now()), true);
    },

    async claim(agent: AgentRef, clientId: string, conversationId: string): Promise<Outcome> {
      return settle(await store.claim(conversationId, agent, clientId, now()), true);
    },

    async agentMessage(agent: AgentRef, clientId: string, conversationId: string, text: string): Promise<Outcome> {
      const draft: EventDraft = { clientId, at: now(), role: 'agent', name: agent.name, body: { kind: 'text', text } };
      return settle(await store.append(conversationId, draft, { agentId: agent.id }), false);
    },

    async agentTyping(agent: AgentRef, conversationId: string, on: boolean): Promise<ErrorCode | null> {
      const conversation = await store.conversation(conversationId);
      if (!conversation) return 'not_found';
      if (conversation.agent?.id !== agent.id) return 'not_assigned';
      if (conversation.status === 'closed') return 'conversation_closed';
      bus.publish(topics.visitor(conversation.visitorId), { kind: 'typing', conversationId, from: 'agent', name: agent.name, on });
      return null;
    },

    async close(agent: AgentRef, clientId: string, conversationId: string): Promise<Outcome> {
      return settle(await store.closeConversation(conversationId, 'agent', agent.id, clientId, now()), true);
    },

    dispose() {
      if (queueTimer) clearTimeout(queueTimer);
      queueTimer = null;
    },
  };
}
