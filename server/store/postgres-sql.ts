// The SQL both the PostgreSQL store's reads and writes select conversations and events with,
// and the one lookup both answer with. Apart from them (postgres-reads.ts, postgres-writes.ts)
// so the columns and the customer link are written once.
import type { QueryResultRow } from 'pg';
import type { Query } from './pg-group-commit';
import { toSummary } from './rows';
import type { ConversationRow } from './rows';

/** Same meaning as in sqlite-statements.ts: only a signed email links a customer's browsers. */
export const verified = (t: string) => `(${t}.summary #>> '{visitor,verified}') = 'true'`;
export const email = (t: string) => `lower(${t}.summary #>> '{visitor,email}')`;
export const SELECT_CONVERSATION = `SELECT c.id, c.visitor_id, c.status, c.created_at, c.updated_at, c.last_seq, c.agent_id, c.agent_name,
  c.last_text, c.first_text, c.rating_score, c.rating_comment, c.summary::text AS summary, c.released_at,
  (SELECT COUNT(*) FROM conversations p WHERE p.visitor_id = c.visitor_id AND p.n < c.n)
  + (SELECT COUNT(*) FROM conversations p WHERE ${verified('c')} AND ${verified('p')} AND ${email('p')} = ${email('c')} AND p.visitor_id <> c.visitor_id AND p.n < c.n)
  AS previous FROM conversations c`;
export const EVENT_COLUMNS = 'seq, client_id, at, role, name, body::text AS body';

/** The first row a query inside a write returns, or null. */
export const one = async <R extends QueryResultRow>(q: Query, sql: string, params: unknown[]) => (await q<R>(sql, params))[0] ?? null;

/** A conversation as the store's callers see it, or null, read inside a write. */
export const conversationSummary = async (q: Query, id: string) => {
  const row = await one<ConversationRow>(q, `${SELECT_CONVERSATION} WHERE c.id = $1`, [id]);
  return row ? toSummary(row) : null;
};
