// The PostgreSQL store's reads: single statements on the pool, outside the group commit, locking
// nothing. Apart from the writes (postgres-writes.ts).
import type { Pool, QueryResultRow } from 'pg';
import type { FileType } from '../../protocol';
import { toEvent, toSummary } from './rows';
import type { ConversationRow, EventRow } from './rows';
import { foldedQuery, PG_SEARCH } from './search';
import { email, EVENT_COLUMNS, SELECT_CONVERSATION, verified } from './postgres-sql';
import type { ReturningVisitor, StoreReads } from './types';

export function postgresReads(pool: Pool): StoreReads {
  const read = async <R extends QueryResultRow>(sql: string, params: unknown[]) => (await pool.query<R>(sql, params)).rows;

  return {
    async visitorByTokenHash(tokenHash): Promise<ReturningVisitor | null> {
      const [row] = await read<{ id: string; created_at: number; seen: number }>(
        'SELECT id, created_at, coalesce(last_seen_at, created_at) AS seen FROM visitors WHERE token_hash = $1',
        [tokenHash],
      );
      return row ? { id: row.id, createdAt: row.created_at, lastSeenAt: row.seen } : null;
    },

    async conversation(id) {
      const [row] = await read<ConversationRow>(`${SELECT_CONVERSATION} WHERE c.id = $1`, [id]);
      return row ? toSummary(row) : null;
    },
    async file(id) {
      const [row] = await read<{ id: string; conversation_id: string; visitor_id: string; type: string; name: string; bytes: Buffer }>(
        'SELECT f.id, f.conversation_id, c.visitor_id, f.type, f.name, f.bytes FROM files f JOIN conversations c ON c.id = f.conversation_id WHERE f.id = $1',
        [id],
      );
      return row ? { id: row.id, conversationId: row.conversation_id, visitorId: row.visitor_id, type: row.type as FileType, name: row.name, bytes: row.bytes } : null;
    },
    async fileBytes(conversationId) {
      // octet_length takes a stored value's size from its header, without reading it back.
      const [row] = await read<{ n: string }>('SELECT coalesce(sum(octet_length(bytes)), 0) AS n FROM files WHERE conversation_id = $1', [conversationId]);
      return Number(row?.n ?? 0);
    },
    async openConversationId(visitorId) {
      const [row] = await read<{ id: string }>(`SELECT id FROM conversations WHERE visitor_id = $1 AND status <> 'closed' ORDER BY n DESC LIMIT 1`, [visitorId]);
      return row?.id ?? null;
    },
    async currentConversation(visitorId) {
      const [row] = await read<ConversationRow>(`${SELECT_CONVERSATION} WHERE c.visitor_id = $1 ORDER BY c.n DESC LIMIT 1`, [visitorId]);
      if (!row || (row.status === 'closed' && row.rating_score !== null)) return null;
      return toSummary(row);
    },
    openConversations: async () => (await read<ConversationRow>(`${SELECT_CONVERSATION} WHERE c.status <> 'closed' ORDER BY c.n`, [])).map(toSummary),
    visitorConversations: async (visitorId, limit) =>
      (
        await read<ConversationRow>(
          `${SELECT_CONVERSATION} WHERE c.visitor_id = $1 OR (${verified('c')} AND ${email('c')} IN
            (SELECT ${email('o')} FROM conversations o WHERE o.visitor_id = $1 AND ${verified('o')})) ORDER BY c.n DESC LIMIT $2`,
          [visitorId, limit],
        )
      ).map(toSummary),
    eventsAfter: async (conversationId, afterSeq, limit) =>
      (await read<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`, [conversationId, afterSeq, limit])).map(toEvent),
    searchConversations: async (query, limit) =>
      (await read<ConversationRow>(`${SELECT_CONVERSATION} ${PG_SEARCH}`, [query.trim(), foldedQuery(query), limit])).map(toSummary),

    async session(tokenHash, now) {
      const [row] = await read<{ agent_id: string; agent_name: string; expires_at: number }>(
        'SELECT agent_id, agent_name, expires_at FROM agent_sessions WHERE token_hash = $1 AND expires_at > $2',
        [tokenHash, now],
      );
      return row ? { agent: { id: row.agent_id, name: row.agent_name }, expiresAt: row.expires_at } : null;
    },
  };
}
