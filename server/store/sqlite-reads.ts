// The SQLite store's reads: prepared statements run directly, outside the group commit: they
// change nothing to make durable, and in WAL mode they do not wait for the writer. Apart from the writes (sqlite-writes.ts).
import type { FileType } from '../../protocol';
import { toEvent, toSummary } from './rows';
import { sqliteSearchParameters } from './search';
import { conversationSummary, type SqliteStatements } from './sqlite-statements';
import type { ReturningVisitor, StoreReads } from './types';

export function sqliteReads(q: SqliteStatements): StoreReads {
  return {
    async visitorByTokenHash(tokenHash): Promise<ReturningVisitor | null> {
      const row = q.visitorByToken.get(tokenHash);
      return row ? { id: row.id, createdAt: row.created_at, lastSeenAt: row.seen } : null;
    },

    async file(id) {
      const row = q.file.get(id);
      return row ? { id: row.id, conversationId: row.conversation_id, visitorId: row.visitor_id, type: row.type as FileType, name: row.name, bytes: row.bytes } : null;
    },
    fileBytes: async (conversationId) => q.fileBytes.get(conversationId)?.n ?? 0,

    conversation: async (id) => conversationSummary(q, id),
    openConversationId: async (visitorId) => q.openIdOfVisitor.get(visitorId)?.id ?? null,
    async currentConversation(visitorId) {
      const row = q.newestOfVisitor.get(visitorId);
      if (!row || (row.status === 'closed' && row.rating_score !== null)) return null;
      return toSummary(row);
    },
    openConversations: async () => q.open.all().map(toSummary),
    visitorConversations: async (visitorId, limit) => q.ofCustomer.all({ visitor: visitorId, limit }).map(toSummary),
    eventsAfter: async (conversationId, afterSeq, limit) => q.eventsAfter.all(conversationId, afterSeq, limit).map(toEvent),
    searchConversations: async (query, limit) => q.search.all(sqliteSearchParameters(query, limit)).map(toSummary),

    async session(tokenHash, now) {
      const row = q.session.get(tokenHash, now);
      return row ? { agent: { id: row.agent_id, name: row.agent_name }, expiresAt: row.expires_at } : null;
    },
  };
}
