// Every SQL statement the SQLite store runs, prepared once when it opens. Apart from the reads
// and writes that run them (sqlite-reads.ts, sqlite-writes.ts) so both share one set, and the
// SQL can be read in one place.
import type Database from 'better-sqlite3';
import { toSummary } from './rows';
import type { ConversationRow, EventRow, GuardRow, StoredStep } from './rows';
import { commentSearchText, eventSearchText, SQLITE_SEARCH, summarySearchText } from './search';
import type { EventBody } from '../../protocol';

/**
 * A conversation's customer is its visitor (one browser) and, when the site signed the email
 * (identity.ts), everyone with that email: the same customer on another device. Only a signed
 * email links, so nobody can read another customer's history by typing their address.
 * These expressions are the ones `conversations_verified_email` indexes.
 */
const verified = (t: string) => `json_extract(${t}.summary, '$.visitor.verified') = 1`;
const email = (t: string) => `lower(json_extract(${t}.summary, '$.visitor.email'))`;
const SELECT_CONVERSATION = `SELECT c.*,
  (SELECT COUNT(*) FROM conversations p WHERE p.visitor_id = c.visitor_id AND p.rowid < c.rowid)
  + (SELECT COUNT(*) FROM conversations p WHERE ${verified('c')} AND ${verified('p')} AND ${email('p')} = ${email('c')} AND p.visitor_id <> c.visitor_id AND p.rowid < c.rowid)
  AS previous FROM conversations c`;

/** Prepared on an open database (sqlite-open.ts): the tables must exist. */
export function prepareStatements(db: Database.Database) {
  // The writes that store what the search reads: the folded text is written beside the row by
  // these alone (search.ts), so no write can leave it out.
  const insertConversation = db.prepare(
    `INSERT INTO conversations (id, visitor_id, handoff_id, status, created_at, updated_at, summary, search_summary) VALUES (?, ?, ?, 'queued', ?, ?, ?, ?)`,
  );
  const setSummary = db.prepare('UPDATE conversations SET summary = ?, search_summary = ? WHERE id = ?');
  const setRating = db.prepare('UPDATE conversations SET rating_score = ?, rating_comment = ?, search_comment = ? WHERE id = ?');
  const insertEvent = db.prepare('INSERT INTO events (conversation_id, seq, client_id, at, role, name, body, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  return {
    insertVisitor: db.prepare('INSERT INTO visitors (id, token_hash, created_at, last_seen_at) VALUES (?, ?, ?, ?)'),
    visitorSeen: db.prepare('UPDATE visitors SET last_seen_at = ? WHERE id = ?'),
    visitorByToken: db.prepare<[string], { id: string; created_at: number; seen: number }>(
      'SELECT id, created_at, coalesce(last_seen_at, created_at) AS seen FROM visitors WHERE token_hash = ?',
    ),
    conversation: db.prepare<[string], ConversationRow>(`${SELECT_CONVERSATION} WHERE c.id = ?`),
    guardRow: db.prepare<[string], GuardRow>('SELECT id, visitor_id, status, agent_id, agent_name, rating_score FROM conversations WHERE id = ?'),
    newestIdOfVisitor: db.prepare<[string], { id: string }>('SELECT id FROM conversations WHERE visitor_id = ? ORDER BY rowid DESC LIMIT 1'),
    visitorEventByClient: db.prepare<[string, string], EventRow & { conversation_id: string }>(
      'SELECT e.conversation_id, e.seq, e.client_id, e.at, e.role, e.name, e.body FROM conversations c JOIN events e ON e.conversation_id = c.id AND e.client_id = ? WHERE c.visitor_id = ?',
    ),
    openIdOfVisitor: db.prepare<[string], { id: string }>(`SELECT id FROM conversations WHERE visitor_id = ? AND status <> 'closed' ORDER BY rowid DESC LIMIT 1`),
    byHandoff: db.prepare<[string, string], ConversationRow>(`${SELECT_CONVERSATION} WHERE c.visitor_id = ? AND c.handoff_id = ?`),
    openOfVisitor: db.prepare<[string], ConversationRow>(`${SELECT_CONVERSATION} WHERE c.visitor_id = ? AND c.status <> 'closed' ORDER BY c.rowid DESC LIMIT 1`),
    newestOfVisitor: db.prepare<[string], ConversationRow>(`${SELECT_CONVERSATION} WHERE c.visitor_id = ? ORDER BY c.rowid DESC LIMIT 1`),
    search: db.prepare<{ exact: string; folded: string; inFields: string | null; limit: number }, ConversationRow>(`${SELECT_CONVERSATION} ${SQLITE_SEARCH}`),
    ofCustomer: db.prepare<{ visitor: string; limit: number }, ConversationRow>(
      `${SELECT_CONVERSATION} WHERE c.visitor_id = :visitor OR (${verified('c')} AND ${email('c')} IN
        (SELECT ${email('o')} FROM conversations o WHERE o.visitor_id = :visitor AND ${verified('o')})) ORDER BY c.rowid DESC LIMIT :limit`,
    ),
    open: db.prepare<[], ConversationRow>(`${SELECT_CONVERSATION} WHERE c.status <> 'closed' ORDER BY c.rowid`),
    /** `summary` as stored (jsonText). */
    insertConversation: (id: string, visitorId: string, handoffId: string, at: number, summary: string) =>
      void insertConversation.run(id, visitorId, handoffId, at, at, summary, summarySearchText(summary)),
    /** `summary` as stored (jsonText). */
    setSummary: (summary: string, id: string) => void setSummary.run(summary, summarySearchText(summary), id),
    bumpSeq: db.prepare<[number | null, string | null, string | null, string], { last_seq: number }>(
      `UPDATE conversations SET last_seq = last_seq + 1, updated_at = coalesce(?, updated_at), last_text = coalesce(?, last_text),
        first_text = coalesce(first_text, ?) WHERE id = ? RETURNING last_seq`,
    ),
    setClaimed: db.prepare(`UPDATE conversations SET status = 'active', agent_id = ?, agent_name = ? WHERE id = ?`),
    setReleased: db.prepare(`UPDATE conversations SET status = 'queued', agent_id = NULL, agent_name = NULL, released_at = ? WHERE id = ?`),
    setClosed: db.prepare(`UPDATE conversations SET status = 'closed' WHERE id = ?`),
    setRating: (score: number, comment: string | null, id: string) => void setRating.run(score, comment, commentSearchText(comment), id),
    /** What `joiningEvents` (rows.ts) compares a joining handoff's steps with. */
    botStepsOf: db.prepare<[string], StoredStep>(`SELECT client_id, body FROM events WHERE conversation_id = ? AND json_extract(body, '$.kind') IN ('bot.query', 'bot.answer', 'bot.feedback')`),
    eventByClient: db.prepare<[string, string], EventRow>('SELECT seq, client_id, at, role, name, body FROM events WHERE conversation_id = ? AND client_id = ?'),
    /** `body` as stored (jsonText), and `stored` parsed from it. */
    insertEvent: (conversationId: string, seq: number, clientId: string, at: number, role: string, name: string | null, body: string, stored: EventBody) =>
      void insertEvent.run(conversationId, seq, clientId, at, role, name, body, eventSearchText(stored)),
    insertFile: db.prepare('INSERT INTO files (id, conversation_id, type, name, bytes) VALUES (?, ?, ?, ?, ?)'),
    file: db.prepare<[string], { id: string; conversation_id: string; visitor_id: string; type: string; name: string; bytes: Buffer }>(
      'SELECT f.id, f.conversation_id, c.visitor_id, f.type, f.name, f.bytes FROM files f JOIN conversations c ON c.id = f.conversation_id WHERE f.id = ?',
    ),
    // length() reads a blob's size from its record header, not its pages.
    fileBytes: db.prepare<[string], { n: number }>('SELECT coalesce(sum(length(bytes)), 0) AS n FROM files WHERE conversation_id = ?'),
    eventsAfter: db.prepare<[string, number, number], EventRow>(
      'SELECT seq, client_id, at, role, name, body FROM events WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    ),
    deleteSession: db.prepare('DELETE FROM agent_sessions WHERE token_hash = ?'),
    // No index: a scan of the few sessions left unexpired, once per login.
    deleteExpiredSessions: db.prepare('DELETE FROM agent_sessions WHERE expires_at <= ?'),
    insertSession: db.prepare('INSERT OR REPLACE INTO agent_sessions (token_hash, agent_id, agent_name, expires_at) VALUES (?, ?, ?, ?)'),
    addFaqStat: db.prepare<[string, string, number, number]>(
      `INSERT INTO faq_stats (day, faq_id, shown, helped) VALUES (?, ?, ?, ?)
  ON CONFLICT (day, faq_id) DO UPDATE SET shown = faq_stats.shown + excluded.shown, helped = faq_stats.helped + excluded.helped`,
    ),
    session: db.prepare<[string, number], { agent_id: string; agent_name: string; expires_at: number }>(
      'SELECT agent_id, agent_name, expires_at FROM agent_sessions WHERE token_hash = ? AND expires_at > ?',
    ),
  };
}

export type SqliteStatements = ReturnType<typeof prepareStatements>;

/** A conversation as the store's callers see it, or null: what both reads and writes answer with. */
export function conversationSummary(q: SqliteStatements, id: string) {
  const row = q.conversation.get(id);
  return row ? toSummary(row) : null;
}
