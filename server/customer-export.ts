// A customer's copy of what is stored about them (`kohtaamo data export`), for a request under
// their right of access or to data portability: one JSON document, complete and readable. The
// shapes are the protocol's (protocol/events.ts), with times as ISO 8601 and without what only
// the server needs (client ids, the queue's caches, agents' login ids).
import type { ConversationEvent, ConversationSummary } from '../protocol';
import type { CustomerData, CustomerWho } from './store/customer-data';

type Iso = string;

export interface ExportedEvent extends Omit<ConversationEvent, 'id' | 'at'> {
  at: Iso;
}

export interface ExportedConversation
  extends Omit<ConversationSummary, 'agent' | 'createdAt' | 'updatedAt' | 'lastSeq' | 'lastText' | 'previousConversations' | 'faqMatch'> {
  createdAt: Iso;
  updatedAt: Iso;
  /** The agent it is (or was last) with, by the name the visitor saw. */
  agent?: string;
  /** Which FAQ entry an agent said answers it (null: none does). */
  faqMatch?: { faqId: string | null; agent: string; at: Iso };
  events: ExportedEvent[];
}

export interface CustomerExport {
  format: 'kohtaamo-customer-export/1';
  exportedAt: Iso;
  /** Who was asked for: the email looked up (in what the site gave and in messages), or a visitor id. */
  request: CustomerWho;
  /** The browsers the customer used, each with when the server first saw it. */
  visitors: { id: string; firstSeen: Iso }[];
  conversations: ExportedConversation[];
}

const iso = (ms: number): Iso => new Date(ms).toISOString();

function exportedEvent({ seq, at, role, name, body }: ConversationEvent): ExportedEvent {
  return { seq, at: iso(at), role, ...(name !== undefined ? { name } : {}), body };
}

function exportedConversation(c: ConversationSummary, events: ConversationEvent[]): ExportedConversation {
  const { id, status, visitorId, agent, createdAt, updatedAt, lastSeq: _lastSeq, lastText: _lastText, previousConversations: _previous, faqMatch, ...rest } = c;
  return {
    id,
    status,
    visitorId,
    createdAt: iso(createdAt),
    updatedAt: iso(updatedAt),
    ...rest,
    ...(agent ? { agent: agent.name } : {}),
    ...(faqMatch ? { faqMatch: { ...faqMatch, at: iso(faqMatch.at) } } : {}),
    events: events.map(exportedEvent),
  };
}

export function customerExport(data: CustomerData, request: CustomerWho, now: number): CustomerExport {
  return {
    format: 'kohtaamo-customer-export/1',
    exportedAt: iso(now),
    request,
    visitors: data.visitors.map((v) => ({ id: v.id, firstSeen: iso(v.createdAt) })),
    conversations: data.conversations.map((c) => exportedConversation(c.summary, c.events)),
  };
}
