// The embedded store: one SQLite file in WAL mode. Writes go through group commit, reads
// run directly. Durability: synchronous=FULL, so a resolved write survives a power cut.
import Database from 'better-sqlite3';
import { QUIET_KINDS, type ConversationEvent, type EventBody, type FileType } from '../../protocol';
import { jsonText } from './json-text';
import { capSummary, joinHandoff, toEvent, toSummary } from './rows';
import type { ConversationRow, EventRow, GuardRow, SummaryJson } from './rows';
import { ADDED_COLUMNS, hasColumn, SCHEMA } from './schema';
import { checkSqliteSchema, markSqliteSchema, SCHEMA_VERSION } from './schema-version';
import { createWriteHealth } from './write-health';
import { createGroupCommit, WRITE_LOCK_WAIT_MS } from './group-commit';
import { startCheckpointer, WAL_LIMIT_BYTES } from './checkpointer';
import { watchDatabaseFile } from './database-file';
import { createStorageNews } from './storage-news';
import { addSearchFunctions, foldedQuery, SQLITE_SEARCH } from './search';
import { closedDraft, joinedDraft, mayAppend, mayClaim, mayClose, mayNote, mayPass, mayRate, mayRelease, noteDraft, recordDraft, passedDraft, ratingDraft, releasedDraft, takenFrom, type Check } from './rules';
import type { AgentRef, AppendGuard, EventDraft, HandoffInput, Session, ReturningVisitor, Store, VisitorPatch, WriteResult } from './types';

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

/** The database's file name in the server's data directory. */
export const DATABASE_FILE = 'kohtaamo.sqlite';

export interface SqliteStoreOptions {
  /** How often the worker checkpoints the WAL; 0 turns the worker off (in-memory databases). */
  checkpointMs?: number;
  /** Past this size the WAL is emptied, and a writer cuts it back to it (checkpointer.ts); tests pass less. */
  walLimitBytes?: number;
  /** Where the store tells the operator what went wrong with its file; the terminal by default. */
  log?: (line: string) => void;
}

export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  const db = new Database(file);
  // Before anything is changed: a newer release's tables are not ours to change.
  checkSqliteSchema(db);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Every rewrite of a row (a conversation's newest text, its summary with the visitor's email)
  // leaves the old copy in the page's free space, where an erasure (erase.ts) cannot see it to
  // overwrite it. So the server zeroes what it frees as it goes: a few bytes per write.
  db.pragma('secure_delete = ON');
  // While opening, the server may wait for another writer (`kohtaamo data forget|prune`) as long
  // as it takes; once serving, only WRITE_LOCK_WAIT_MS at a time (group-commit.ts).
  db.pragma('busy_timeout = 5000');
  const checkpointMs = file === ':memory:' ? 0 : (options.checkpointMs ?? 1000);
  const walLimitBytes = options.walLimitBytes ?? WAL_LIMIT_BYTES;
  if (checkpointMs > 0) db.pragma('wal_autocheckpoint = 0');
  // A log that grew (a burst of files) is cut back to this when a writer starts it again, not kept at its largest for good.
  db.pragma(`journal_size_limit = ${walLimitBytes}`);
  db.exec(SCHEMA);
  for (const [table, column, type] of ADDED_COLUMNS) {
    if (!hasColumn(db, table, column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  }
  markSqliteSchema(db);
  addSearchFunctions(db);
  // If the worker dies, SQLite's own inline checkpoints take over so the WAL cannot grow forever.
  const checkpointer = checkpointMs > 0 ? startCheckpointer(file, { everyMs: checkpointMs, limitBytes: walLimitBytes }, () => db.pragma('wal_autocheckpoint = 1000')) : null;
  const log = options.log ?? ((line: string) => console.error(`[kohtaamo] ${line}`));
  // The operator hears once when writes start failing, in words, and once when they work again.
  const writes = createWriteHealth(Date.now, createStorageNews(file, log));
  // The file (and its log, in WAL mode) exist now that the schema is written.
  const databaseFile =
    file === ':memory:'
      ? null
      : watchDatabaseFile(file, {
          onGone: log,
          checkpoint: () => {
            const [done] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
            return done !== undefined && done.busy === 0 && done.log === done.checkpointed;
          },
        });
  db.pragma(`busy_timeout = ${WRITE_LOCK_WAIT_MS}`);
  const commit = createGroupCommit(db, undefined, writes, databaseFile?.check);

  const q = {
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
    search: db.prepare<{ exact: string; folded: string; limit: number }, ConversationRow>(`${SELECT_CONVERSATION} ${SQLITE_SEARCH}`),
    ofCustomer: db.prepare<{ visitor: string; limit: number }, ConversationRow>(
      `${SELECT_CONVERSATION} WHERE c.visitor_id = :visitor OR (${verified('c')} AND ${email('c')} IN
        (SELECT ${email('o')} FROM conversations o WHERE o.visitor_id = :visitor AND ${verified('o')})) ORDER BY c.rowid DESC LIMIT :limit`,
    ),
    open: db.prepare<[], ConversationRow>(`${SELECT_CONVERSATION} WHERE c.status <> 'closed' ORDER BY c.rowid`),
    insertConversation: db.prepare(
      `INSERT INTO conversations (id, visitor_id, handoff_id, status, created_at, updated_at, summary) VALUES (?, ?, ?, 'queued', ?, ?, ?)`,
    ),
    setSummary: db.prepare('UPDATE conversations SET summary = ? WHERE id = ?'),
    bumpSeq: db.prepare<[number | null, string | null, string], { last_seq: number }>(
      'UPDATE conversations SET last_seq = last_seq + 1, updated_at = coalesce(?, updated_at), last_text = coalesce(?, last_text) WHERE id = ? RETURNING last_seq',
    ),
    setClaimed: db.prepare(`UPDATE conversations SET status = 'active', agent_id = ?, agent_name = ? WHERE id = ?`),
    setReleased: db.prepare(`UPDATE conversations SET status = 'queued', agent_id = NULL, agent_name = NULL, released_at = ? WHERE id = ?`),
    setClosed: db.prepare(`UPDATE conversations SET status = 'closed' WHERE id = ?`),
    setRating: db.prepare('UPDATE conversations SET rating_score = ?, rating_comment = ? WHERE id = ?'),
    eventByClient: db.prepare<[string, string], EventRow>('SELECT seq, client_id, at, role, name, body FROM events WHERE conversation_id = ? AND client_id = ?'),
    insertEvent: db.prepare('INSERT INTO events (conversation_id, seq, client_id, at, role, name, body) VALUES (?, ?, ?, ?, ?, ?, ?)'),
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

  const get = (id: string) => {
    const row = q.conversation.get(id);
    return row ? toSummary(row) : null;
  };

  /** What the queue shows of the newest message: its text, or the name of a file sent. Null keeps the last. */
  const previewOf = (body: EventBody) => (body.kind === 'text' ? body.text : body.kind === 'file' ? `📎 ${body.name}` : null);

  /** Appends one event unless its client id is already stored; returns the stored event. */
  const appendOne = (conversationId: string, draft: EventDraft): { event: ConversationEvent; duplicate: boolean } => {
    const existing = q.eventByClient.get(conversationId, draft.clientId);
    if (existing) return { event: toEvent(existing), duplicate: true };
    // What is returned, published and previewed is the body as stored (U+FFFD for what jsonText
    // replaces), as PostgreSQL's RETURNING gives it: live and replayed text are the same.
    const body = jsonText(draft.body);
    const stored = JSON.parse(body) as EventBody;
    // A note, the server's records, a read mark: no activity (QUIET_KINDS), so a closed
    // conversation keeps its age, for how long the widget still shows it and for retention.
    const bumped = q.bumpSeq.get(QUIET_KINDS.includes(stored.kind) ? null : draft.at, previewOf(stored), conversationId);
    if (!bumped) throw new Error(`conversation ${conversationId} vanished during a write`);
    q.insertEvent.run(conversationId, bumped.last_seq, draft.clientId, draft.at, draft.role, draft.name ?? null, body);
    const event: ConversationEvent = { seq: bumped.last_seq, id: draft.clientId, at: draft.at, role: draft.role, body: stored };
    if (draft.name !== undefined) event.name = draft.name;
    return { event, duplicate: false };
  };

  /**
   * Runs a guarded single-event write: a resent one acks again, a fresh one is checked first.
   * `changes` says whether the write changes what the summary shows (status, agent, rating).
   * `apply` makes the change; it may return the event's body when that depends on the row.
   */
  const guarded = (
    target: string | (() => string | null),
    draft: EventDraft,
    changes: boolean,
    check: Check,
    apply: (conversationId: string, row: GuardRow) => EventBody | void,
  ) =>
    commit.run((): WriteResult => {
      // A visitor's target is looked up inside the write, so it sees that visitor's earlier queued writes.
      const conversationId = typeof target === 'string' ? target : target();
      if (conversationId === null) return { ok: false, code: 'no_conversation' };
      const row = q.guardRow.get(conversationId);
      if (!row) return { ok: false, code: 'not_found' };
      const ref = { conversationId, visitorId: row.visitor_id };
      const existing = q.eventByClient.get(conversationId, draft.clientId);
      if (existing) return { ok: true, ...ref, conversation: changes ? get(conversationId) : null, events: [toEvent(existing)], duplicate: true };
      const code = check(row);
      if (code === 'already') return { ok: true, ...ref, conversation: get(conversationId), events: [], duplicate: true };
      if (code) return { ok: false, code };
      const body = apply(conversationId, row);
      const { event } = appendOne(conversationId, body ? { ...draft, body } : draft);
      return { ok: true, ...ref, conversation: changes ? get(conversationId) : null, events: [event], duplicate: false };
    });

  return {
    createVisitor: (id, tokenHash, at) => commit.run(() => void q.insertVisitor.run(id, tokenHash, at, at)),
    visitorSeen: (visitorId, at) => commit.run(() => void q.visitorSeen.run(at, visitorId)),
    async visitorByTokenHash(tokenHash): Promise<ReturningVisitor | null> {
      const row = q.visitorByToken.get(tokenHash);
      return row ? { id: row.id, createdAt: row.created_at, lastSeenAt: row.seen } : null;
    },

    handoff: (input: HandoffInput) =>
      commit.run((): WriteResult => {
        let row = q.byHandoff.get(input.visitorId, input.handoffId) ?? null;
        if (!row) {
          const open = q.openOfVisitor.get(input.visitorId);
          if (open) {
            // Still queued or talking: the new bot steps join the same conversation.
            // Capped: a visitor handing off again and again must not grow it without end (rows.ts).
            const summary = joinHandoff(JSON.parse(open.summary) as SummaryJson, input.questions, input.botAnswers);
            q.setSummary.run(jsonText(summary), open.id);
            row = open;
          } else {
            const summary = capSummary({
              lang: input.lang,
              page: input.page,
              reason: input.reason,
              visitor: input.visitor,
              questions: input.questions,
              botAnswers: input.botAnswers,
            });
            q.insertConversation.run(input.conversationId, input.visitorId, input.handoffId, input.at, input.at, jsonText(summary));
            row = q.conversation.get(input.conversationId) ?? null;
            if (!row) throw new Error('inserted conversation not found');
          }
        }
        const id = row.id;
        const written = input.events.map((draft) => appendOne(id, draft));
        const conversation = get(id);
        if (!conversation) throw new Error('conversation not found after handoff');
        return { ok: true, conversationId: id, visitorId: input.visitorId, conversation, events: written.map((w) => w.event), duplicate: written.every((w) => w.duplicate) };
      }),

    append: (conversationId, draft, guard: AppendGuard, file) =>
      guarded(conversationId, draft, false, mayAppend(guard), (id) => {
        if (file) q.insertFile.run(file.id, id, file.type, file.name, file.bytes);
      }),

    note: (conversationId, agent: AgentRef, clientId, text, at) => guarded(conversationId, noteDraft(agent, clientId, text, at), false, mayNote, () => {}),
    async file(id) {
      const row = q.file.get(id);
      return row ? { id: row.id, conversationId: row.conversation_id, visitorId: row.visitor_id, type: row.type as FileType, name: row.name, bytes: row.bytes } : null;
    },
    fileBytes: async (conversationId) => q.fileBytes.get(conversationId)?.n ?? 0,
    record: (conversationId, clientId, body, at) => guarded(conversationId, recordDraft(clientId, body, at), false, mayNote, () => {}),

    visitorMessage: (visitorId, draft, file) =>
      commit.run((): WriteResult => {
        // A resend whose conversation has closed since is acked where it was stored, not stored again.
        const earlier = q.visitorEventByClient.get(draft.clientId, visitorId);
        if (earlier) return { ok: true, conversationId: earlier.conversation_id, visitorId, conversation: null, events: [toEvent(earlier)], duplicate: true };
        const open = q.openIdOfVisitor.get(visitorId);
        if (!open) return { ok: false, code: 'no_conversation' };
        if (file) q.insertFile.run(file.id, open.id, file.type, file.name, file.bytes);
        const { event } = appendOne(open.id, draft);
        return { ok: true, conversationId: open.id, visitorId, conversation: null, events: [event], duplicate: false };
      }),

    claim: (conversationId, agent: AgentRef, clientId, at, takeover, from) =>
      guarded(
        conversationId,
        joinedDraft(agent, clientId, at),
        true,
        mayClaim(agent, takeover, from),
        (id, row) => {
          q.setClaimed.run(agent.id, agent.name, id);
          return takenFrom(agent, row);
        },
      ),

    pass: (conversationId, from: AgentRef, to: AgentRef, clientId, at) =>
      guarded(conversationId, passedDraft(from, to, clientId, at), true, mayPass(from, to), (id) => void q.setClaimed.run(to.id, to.name, id)),

    release: (conversationId, agent: AgentRef, clientId, at, away) =>
      guarded(
        conversationId,
        releasedDraft(agent, clientId, at, away),
        true,
        mayRelease(agent),
        (id) => void q.setReleased.run(at, id),
      ),

    closeConversation: (conversationId, by, agentId, clientId, at) =>
      guarded(
        conversationId,
        closedDraft(by, clientId, at),
        true,
        mayClose(agentId),
        () => void q.setClosed.run(conversationId),
      ),

    updateVisitor: (visitorId, patch: VisitorPatch) =>
      commit.run((): WriteResult => {
        const row = q.openOfVisitor.get(visitorId);
        if (!row) return { ok: false, code: 'no_conversation' };
        const summary = JSON.parse(row.summary) as SummaryJson;
        const ref = { ok: true as const, conversationId: row.id, visitorId, events: [] };
        // Every page of the site says it again: only a change is news.
        const changed = Object.entries(patch).some(([key, value]) => JSON.stringify(summary[key as keyof VisitorPatch]) !== JSON.stringify(value));
        if (!changed) return { ...ref, conversation: toSummary(row), duplicate: true };
        q.setSummary.run(jsonText({ ...summary, ...patch }), row.id);
        return { ...ref, conversation: get(row.id), duplicate: false };
      }),

    setFaqMatch: (conversationId, match) =>
      commit.run((): WriteResult => {
        const row = q.conversation.get(conversationId);
        if (!row) return { ok: false, code: 'not_found' };
        const summary = JSON.parse(row.summary) as SummaryJson;
        const ref = { ok: true as const, conversationId, visitorId: row.visitor_id, events: [] };
        // The same word again (a resent frame, a second agent agreeing) changes nothing to tell anyone.
        if (summary.faqMatch?.faqId === match.faqId) return { ...ref, conversation: toSummary(row), duplicate: true };
        q.setSummary.run(jsonText({ ...summary, faqMatch: match }), conversationId);
        return { ...ref, conversation: get(conversationId), duplicate: false };
      }),

    rate: (visitorId, score, comment, clientId, at) =>
      guarded(
        () => q.newestIdOfVisitor.get(visitorId)?.id ?? null,
        ratingDraft(score, comment, clientId, at),
        true,
        mayRate,
        (conversationId) => void q.setRating.run(score, comment ?? null, conversationId),
      ),

    conversation: async (id) => get(id),
    openConversationId: async (visitorId) => q.openIdOfVisitor.get(visitorId)?.id ?? null,
    async currentConversation(visitorId) {
      const row = q.newestOfVisitor.get(visitorId);
      if (!row || (row.status === 'closed' && row.rating_score !== null)) return null;
      return toSummary(row);
    },
    openConversations: async () => q.open.all().map(toSummary),
    visitorConversations: async (visitorId, limit) => q.ofCustomer.all({ visitor: visitorId, limit }).map(toSummary),
    eventsAfter: async (conversationId, afterSeq, limit) => q.eventsAfter.all(conversationId, afterSeq, limit).map(toEvent),
    searchConversations: async (query, limit) => q.search.all({ exact: query.trim(), folded: foldedQuery(query), limit }).map(toSummary),

    deleteSession: (tokenHash) => commit.run(() => void q.deleteSession.run(tokenHash)),
    saveSession: (tokenHash, session: Session, now) =>
      commit.run(() => {
        q.deleteExpiredSessions.run(now);
        q.insertSession.run(tokenHash, session.agent.id, session.agent.name, session.expiresAt);
      }),
    async session(tokenHash, now) {
      const row = q.session.get(tokenHash, now);
      return row ? { agent: { id: row.agent_id, name: row.agent_name }, expiresAt: row.expires_at } : null;
    },

    addFaqStats: (counts) => commit.run(() => counts.forEach((c) => q.addFaqStat.run(c.day, c.faqId, c.shown, c.helped))),

    async ping() {
      db.prepare('SELECT 1').get();
      // A server nobody writes to learns of a deleted file here, so the load balancer does too.
      try {
        databaseFile?.check();
      } catch (error) {
        await writes.track(Promise.reject(error)).catch(() => {});
      }
      // Rewriting the header's version is the smallest write that goes to the disk.
      await writes.check(() => commit.run(() => void db.pragma(`user_version = ${SCHEMA_VERSION}`)));
    },

    async close() {
      await commit.drain();
      await checkpointer?.stop();
      // Stopping, the last checkpoint may wait for another writer.
      db.pragma('busy_timeout = 5000');
      if (checkpointMs > 0) db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}
