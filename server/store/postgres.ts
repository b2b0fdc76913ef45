// The scale-out store: PostgreSQL, shared by several server processes. The same contract as
// the SQLite store (types.ts, tested by store-contract.ts against both). Where SQLite has one
// writer for the whole file, here processes write side by side, so every write locks what it
// decides on: the visitor's row for a visitor's writes (one open conversation per visitor,
// whichever process their tabs reach), then their open conversation's row (an agent may be
// closing it), and the conversation's row for an agent's. Sequence numbers
// come from `UPDATE … last_seq + 1`, which holds the row until commit: no gaps, no twins.
// Locks are FOR NO KEY UPDATE, never FOR UPDATE: a conversation row updated twice in one
// transaction has its foreign key checked again (KEY SHARE on the visitor), and FOR UPDATE on
// the visitor would deadlock against that between two processes.
import type { Pool, QueryResultRow } from 'pg';
import type { ConversationEvent, ErrorCode, EventBody, FileType } from '../../protocol';
import { jsonText } from './json-text';
import { capSummary, joinHandoff, toEvent, toSummary } from './rows';
import type { ConversationRow, EventRow, GuardRow, SummaryJson } from './rows';
import { connectPostgres, type PostgresOptions } from './postgres-connect';
import { createPgGroupCommit, type Query } from './pg-group-commit';
import { createWriteHealth } from './write-health';
import { foldedQuery, PG_SEARCH } from './search';
import { closedDraft, joinedDraft, mayClaim, mayClose, mayNote, mayPass, mayRate, mayRelease, noteDraft, recordDraft, passedDraft, ratingDraft, releasedDraft, takenFrom, type Check } from './rules';
import type { AgentRef, AppendGuard, EventDraft, HandoffInput, Session, Store, ReturningVisitor, StoredFile, VisitorPatch, WriteResult } from './types';

/** Same meaning as in sqlite-statements.ts: only a signed email links a customer's browsers. */
const verified = (t: string) => `(${t}.summary #>> '{visitor,verified}') = 'true'`;
const email = (t: string) => `lower(${t}.summary #>> '{visitor,email}')`;
const SELECT_CONVERSATION = `SELECT c.id, c.visitor_id, c.status, c.created_at, c.updated_at, c.last_seq, c.agent_id, c.agent_name,
  c.last_text, c.rating_score, c.rating_comment, c.summary::text AS summary, c.released_at,
  (SELECT COUNT(*) FROM conversations p WHERE p.visitor_id = c.visitor_id AND p.n < c.n)
  + (SELECT COUNT(*) FROM conversations p WHERE ${verified('c')} AND ${verified('p')} AND ${email('p')} = ${email('c')} AND p.visitor_id <> c.visitor_id AND p.n < c.n)
  AS previous FROM conversations c`;
const EVENT_COLUMNS = 'seq, client_id, at, role, name, body::text AS body';
const GUARD_ROW = 'SELECT id, visitor_id, status, agent_id, agent_name, rating_score FROM conversations WHERE id = $1 FOR NO KEY UPDATE';

/** In the same transaction as its event: a file is stored with what shows it, or not at all. */
async function insertFile(q: Query, conversationId: string, file: StoredFile): Promise<void> {
  await q('INSERT INTO files (id, conversation_id, type, name, bytes) VALUES ($1, $2, $3, $4, $5)', [file.id, conversationId, file.type, file.name, file.bytes]);
}

/** What the kohtaamo_… functions return for an event (postgres-schema.ts). */
interface AppendedRow {
  r_seq: number;
  r_client: string;
  r_at: number;
  r_role: EventRow['role'];
  r_name: string | null;
  r_body: string;
  r_duplicate: boolean;
}
const appended = (row: AppendedRow) => ({
  event: toEvent({ seq: row.r_seq, client_id: row.r_client, at: row.r_at, role: row.r_role, name: row.r_name, body: row.r_body }),
  duplicate: row.r_duplicate,
});
const draftParams = (draft: EventDraft) => [draft.clientId, draft.at, draft.role, draft.name ?? null, jsonText(draft.body)];

/** Connects (creating the tables when missing) and returns the store. */
export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<Store> {
  return postgresStore(await connectPostgres(url, options));
}

function postgresStore(pool: Pool): Store {
  const writes = createWriteHealth();
  const commit = createPgGroupCommit(pool, undefined, writes);
  const read = async <R extends QueryResultRow>(sql: string, params: unknown[]) => (await pool.query<R>(sql, params)).rows;
  const one = async <R extends QueryResultRow>(q: Query, sql: string, params: unknown[]) => (await q<R>(sql, params))[0] ?? null;

  const get = async (q: Query, id: string) => {
    const row = await one<ConversationRow>(q, `${SELECT_CONVERSATION} WHERE c.id = $1`, [id]);
    return row ? toSummary(row) : null;
  };
  /** Holds the visitor's row to the end of the write: their writes from every process take turns. */
  const lockVisitor = (q: Query, visitorId: string) => q('SELECT 1 FROM visitors WHERE id = $1 FOR NO KEY UPDATE', [visitorId]);
  const eventByClient = (q: Query, conversationId: string, clientId: string) =>
    one<EventRow>(q, `SELECT ${EVENT_COLUMNS} FROM events WHERE conversation_id = $1 AND client_id = $2`, [conversationId, clientId]);
  /**
   * The visitor's open conversation, locked (after the visitor: the lock order is visitor, then
   * conversation) for the write that decides on it: an agent's close in progress elsewhere is
   * waited for, so a handoff then opens a new conversation rather than joining the closed one; and
   * the summary that updateVisitor and a handoff write back whole is the one an agent's FAQ match
   * (setFaqMatch, under the same lock) left, not one from before it.
   */
  const openOfVisitor = (q: Query, visitorId: string) =>
    one<ConversationRow>(q, `${SELECT_CONVERSATION} WHERE c.visitor_id = $1 AND c.status <> 'closed' ORDER BY c.n DESC LIMIT 1 FOR NO KEY UPDATE OF c`, [visitorId]);
  const setSummary = (q: Query, id: string, summary: SummaryJson) => q('UPDATE conversations SET summary = $1::jsonb WHERE id = $2', [jsonText(summary), id]);

  /** Appends one event unless its client id is already stored; returns the stored event. */
  const appendOne = async (q: Query, conversationId: string, draft: EventDraft): Promise<{ event: ConversationEvent; duplicate: boolean }> => {
    const row = await one<AppendedRow>(q, 'SELECT * FROM kohtaamo_append($1, $2, $3, $4, $5, $6::jsonb)', [conversationId, ...draftParams(draft)]);
    if (!row) throw new Error(`conversation ${conversationId} vanished during a write`);
    return appended(row);
  };

  /** A guarded single-event write, as in sqlite-append.ts: a resend acks again, a fresh one is checked first. */
  const guarded = (
    target: string | ((q: Query) => Promise<string | null>),
    draft: EventDraft,
    changes: boolean,
    check: Check,
    apply: (q: Query, conversationId: string, row: GuardRow) => Promise<EventBody | void>,
  ) =>
    commit.run(async (q): Promise<WriteResult> => {
      const conversationId = typeof target === 'string' ? target : await target(q);
      if (conversationId === null) return { ok: false, code: 'no_conversation' };
      const row = await one<GuardRow>(q, GUARD_ROW, [conversationId]);
      if (!row) return { ok: false, code: 'not_found' };
      const ref = { conversationId, visitorId: row.visitor_id };
      const existing = await eventByClient(q, conversationId, draft.clientId);
      if (existing) return { ok: true, ...ref, conversation: changes ? await get(q, conversationId) : null, events: [toEvent(existing)], duplicate: true };
      const code = check(row);
      if (code === 'already') return { ok: true, ...ref, conversation: await get(q, conversationId), events: [], duplicate: true };
      if (code) return { ok: false, code };
      const body = await apply(q, conversationId, row);
      const { event } = await appendOne(q, conversationId, body ? { ...draft, body } : draft);
      return { ok: true, ...ref, conversation: changes ? await get(q, conversationId) : null, events: [event], duplicate: false };
    });

  return {
    createVisitor: (id, tokenHash, at) =>
      commit.run(async (q) => void (await q('INSERT INTO visitors (id, token_hash, created_at, last_seen_at) VALUES ($1, $2, $3, $3)', [id, tokenHash, at]))),
    visitorSeen: (visitorId, at) => commit.run(async (q) => void (await q('UPDATE visitors SET last_seen_at = $1 WHERE id = $2', [at, visitorId]))),
    async visitorByTokenHash(tokenHash): Promise<ReturningVisitor | null> {
      const [row] = await read<{ id: string; created_at: number; seen: number }>(
        'SELECT id, created_at, coalesce(last_seen_at, created_at) AS seen FROM visitors WHERE token_hash = $1',
        [tokenHash],
      );
      return row ? { id: row.id, createdAt: row.created_at, lastSeenAt: row.seen } : null;
    },

    handoff: (input: HandoffInput) =>
      commit.run(async (q): Promise<WriteResult> => {
        await lockVisitor(q, input.visitorId);
        let id = (await one<{ id: string }>(q, 'SELECT id FROM conversations WHERE visitor_id = $1 AND handoff_id = $2', [input.visitorId, input.handoffId]))?.id;
        if (id === undefined) {
          const open = await openOfVisitor(q, input.visitorId);
          if (open) {
            // Still queued or talking: the new bot steps join the same conversation.
            // Capped: a visitor handing off again and again must not grow it without end (rows.ts).
            const summary = joinHandoff(JSON.parse(open.summary) as SummaryJson, input.questions, input.botAnswers);
            await setSummary(q, open.id, summary);
            id = open.id;
          } else {
            const summary = capSummary({
              lang: input.lang,
              page: input.page,
              reason: input.reason,
              visitor: input.visitor,
              questions: input.questions,
              botAnswers: input.botAnswers,
            });
            await q(
              `INSERT INTO conversations (id, visitor_id, handoff_id, status, created_at, updated_at, summary) VALUES ($1, $2, $3, 'queued', $4, $4, $5::jsonb)`,
              [input.conversationId, input.visitorId, input.handoffId, input.at, jsonText(summary)],
            );
            id = input.conversationId;
          }
        }
        const written: { event: ConversationEvent; duplicate: boolean }[] = [];
        for (const draft of input.events) written.push(await appendOne(q, id, draft));
        const conversation = await get(q, id);
        if (!conversation) throw new Error('conversation not found after handoff');
        return { ok: true, conversationId: id, visitorId: input.visitorId, conversation, events: written.map((w) => w.event), duplicate: written.every((w) => w.duplicate) };
      }),

    append: (conversationId, draft, guard: AppendGuard, file) =>
      commit.run(async (q): Promise<WriteResult> => {
        const row = await one<AppendedRow & { r_code: ErrorCode | null; r_visitor: string }>(
          q,
          'SELECT * FROM kohtaamo_agent_message($1, $2, $3, $4, $5, $6, $7::jsonb)',
          [conversationId, guard.agentId, ...draftParams(draft)],
        );
        if (!row || row.r_code) return { ok: false, code: row?.r_code ?? 'not_found' };
        const { event, duplicate } = appended(row);
        if (file && !duplicate) await insertFile(q, conversationId, file);
        return { ok: true, conversationId, visitorId: row.r_visitor, conversation: null, events: [event], duplicate };
      }),

    note: (conversationId, agent: AgentRef, clientId, text, at) => guarded(conversationId, noteDraft(agent, clientId, text, at), false, mayNote, async () => {}),
    record: (conversationId, clientId, body, at) => guarded(conversationId, recordDraft(clientId, body, at), false, mayNote, async () => {}),

    visitorMessage: (visitorId, draft, file) =>
      commit.run(async (q): Promise<WriteResult> => {
        const row = await one<AppendedRow & { r_conversation: string }>(q, 'SELECT * FROM kohtaamo_visitor_message($1, $2, $3, $4, $5, $6::jsonb)', [
          visitorId,
          ...draftParams(draft),
        ]);
        if (!row) return { ok: false, code: 'no_conversation' };
        const { event, duplicate } = appended(row);
        if (file && !duplicate) await insertFile(q, row.r_conversation, file);
        return { ok: true, conversationId: row.r_conversation, visitorId, conversation: null, events: [event], duplicate };
      }),

    claim: (conversationId, agent: AgentRef, clientId, at, takeover, from) =>
      guarded(
        conversationId,
        joinedDraft(agent, clientId, at),
        true,
        mayClaim(agent, takeover, from),
        async (q, id, row) => {
          await q(`UPDATE conversations SET status = 'active', agent_id = $1, agent_name = $2 WHERE id = $3`, [agent.id, agent.name, id]);
          return takenFrom(agent, row);
        },
      ),

    pass: (conversationId, from: AgentRef, to: AgentRef, clientId, at) =>
      guarded(conversationId, passedDraft(from, to, clientId, at), true, mayPass(from, to), async (q, id) => {
        await q(`UPDATE conversations SET agent_id = $1, agent_name = $2 WHERE id = $3`, [to.id, to.name, id]);
      }),

    release: (conversationId, agent: AgentRef, clientId, at, away) =>
      guarded(
        conversationId,
        releasedDraft(agent, clientId, at, away),
        true,
        mayRelease(agent),
        async (q, id) => void (await q(`UPDATE conversations SET status = 'queued', agent_id = NULL, agent_name = NULL, released_at = $2 WHERE id = $1`, [id, at])),
      ),

    closeConversation: (conversationId, by, agentId, clientId, at) =>
      guarded(
        conversationId,
        closedDraft(by, clientId, at),
        true,
        mayClose(agentId),
        async (q, id) => void (await q(`UPDATE conversations SET status = 'closed' WHERE id = $1`, [id])),
      ),

    updateVisitor: (visitorId, patch: VisitorPatch) =>
      commit.run(async (q): Promise<WriteResult> => {
        await lockVisitor(q, visitorId);
        const row = await openOfVisitor(q, visitorId);
        if (!row) return { ok: false, code: 'no_conversation' };
        const summary = JSON.parse(row.summary) as SummaryJson;
        const ref = { ok: true as const, conversationId: row.id, visitorId, events: [] };
        const changed = Object.entries(patch).some(([key, value]) => JSON.stringify(summary[key as keyof VisitorPatch]) !== JSON.stringify(value));
        if (!changed) return { ...ref, conversation: toSummary(row), duplicate: true };
        await setSummary(q, row.id, { ...summary, ...patch });
        return { ...ref, conversation: await get(q, row.id), duplicate: false };
      }),

    setFaqMatch: (conversationId, match) =>
      commit.run(async (q): Promise<WriteResult> => {
        const row = await one<ConversationRow>(q, `${SELECT_CONVERSATION} WHERE c.id = $1 FOR NO KEY UPDATE OF c`, [conversationId]);
        if (!row) return { ok: false, code: 'not_found' };
        const summary = JSON.parse(row.summary) as SummaryJson;
        const ref = { ok: true as const, conversationId, visitorId: row.visitor_id, events: [] };
        if (summary.faqMatch?.faqId === match.faqId) return { ...ref, conversation: toSummary(row), duplicate: true };
        await setSummary(q, conversationId, { ...summary, faqMatch: match });
        return { ...ref, conversation: await get(q, conversationId), duplicate: false };
      }),

    rate: (visitorId, score, comment, clientId, at) =>
      guarded(
        async (q) => {
          await lockVisitor(q, visitorId);
          return (await one<{ id: string }>(q, 'SELECT id FROM conversations WHERE visitor_id = $1 ORDER BY n DESC LIMIT 1', [visitorId]))?.id ?? null;
        },
        ratingDraft(score, comment, clientId, at),
        true,
        mayRate,
        async (q, id) => void (await q('UPDATE conversations SET rating_score = $1, rating_comment = $2 WHERE id = $3', [score, comment ?? null, id])),
      ),

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

    deleteSession: (tokenHash) => commit.run(async (q) => void (await q('DELETE FROM agent_sessions WHERE token_hash = $1', [tokenHash]))),
    saveSession: (tokenHash, session: Session, now) =>
      commit.run(async (q) => {
        // No index: a scan of the few sessions left unexpired, once per login.
        await q('DELETE FROM agent_sessions WHERE expires_at <= $1', [now]);
        await q(
          `INSERT INTO agent_sessions (token_hash, agent_id, agent_name, expires_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (token_hash) DO UPDATE SET agent_id = excluded.agent_id, agent_name = excluded.agent_name, expires_at = excluded.expires_at`,
          [tokenHash, session.agent.id, session.agent.name, session.expiresAt],
        );
      }),
    async session(tokenHash, now) {
      const [row] = await read<{ agent_id: string; agent_name: string; expires_at: number }>(
        'SELECT agent_id, agent_name, expires_at FROM agent_sessions WHERE token_hash = $1 AND expires_at > $2',
        [tokenHash, now],
      );
      return row ? { agent: { id: row.agent_id, name: row.agent_name }, expiresAt: row.expires_at } : null;
    },

    addFaqStats: (counts) =>
      commit.run(async (q) => {
        for (const c of counts) await q(`INSERT INTO faq_stats (day, faq_id, shown, helped) VALUES ($1, $2, $3, $4)
  ON CONFLICT (day, faq_id) DO UPDATE SET shown = faq_stats.shown + excluded.shown, helped = faq_stats.helped + excluded.helped`, [c.day, c.faqId, c.shown, c.helped]);
      }),

    async ping() {
      await pool.query('SELECT 1');
      // A row rewritten in place: a write that needs the disk and a primary, and changes nothing.
      await writes.check(() => commit.run(async (q) => void (await q('UPDATE schema_version SET version = version'))));
    },

    async close() {
      await commit.drain();
      await pool.end();
    },
  };
}
