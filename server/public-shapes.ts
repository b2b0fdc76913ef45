// Conversations as the server shows them outside itself (a customer's export, webhooks): the
// protocol's shapes (protocol/events.ts) with times as ISO 8601, and without what only the
// server needs (client ids, the queue's caches, agents' login ids).
import type { ConversationEvent, ConversationSummary } from '../protocol';

export type Iso = string;

// Clamped into the range a Date holds: an older server stored a bot step's time as the visitor's
// clock gave it, unbounded, and one such step must not stop a customer's export.
export const iso = (ms: number): Iso => new Date(Math.min(Math.max(ms, -8.64e15), 8.64e15)).toISOString();

export interface PublicEvent extends Omit<ConversationEvent, 'id' | 'at'> {
  at: Iso;
}

export interface PublicConversation
  extends Omit<ConversationSummary, 'agent' | 'createdAt' | 'queuedAt' | 'returned' | 'updatedAt' | 'lastSeq' | 'lastText' | 'firstText' | 'previousConversations' | 'faqMatch'> {
  createdAt: Iso;
  updatedAt: Iso;
  /** The agent it is (or was last) with, by the name the visitor saw. */
  agent?: string;
  /** Which FAQ entry an agent said answers it (null: none does). */
  faqMatch?: { faqId: string | null; agent: string; at: Iso };
}

export function publicEvent({ seq, at, role, name, body }: ConversationEvent): PublicEvent {
  return { seq, at: iso(at), role, ...(name !== undefined ? { name } : {}), body };
}

export function publicConversation(c: ConversationSummary): PublicConversation {
  // Where it stands in the queue (queuedAt, returned) is the queue's: the events say when it went back.
  const { id, status, visitorId, agent, createdAt, queuedAt: _queuedAt, returned: _returned, updatedAt, lastSeq: _lastSeq, lastText: _lastText, firstText: _firstText, previousConversations: _previous, faqMatch, ...rest } = c;
  return {
    id,
    status,
    visitorId,
    createdAt: iso(createdAt),
    updatedAt: iso(updatedAt),
    ...rest,
    ...(agent ? { agent: agent.name } : {}),
    ...(faqMatch ? { faqMatch: { ...faqMatch, at: iso(faqMatch.at) } } : {}),
  };
}
