// The PostgreSQL store's writes: each one transaction of the group commit (pg-group-commit.ts),
// locking what it decides on (postgres.ts says in which order), resolved once committed. Apart
// from the reads (postgres-reads.ts), which run on the pool and lock nothing.
import type { ConversationEvent, ErrorCode } from '../../protocol';
import { jsonText } from './json-text';
import type { PgGroupCommit, Query } from './pg-group-commit';
import { joinHandoff, joiningEvents, sameJson, summaryOf, toSummary } from './rows';
import type { ConversationRow, StoredStep, SummaryJson } from './rows';
import { closedDraft, joinedDraft, mayClaim, mayClose, mayNote, mayPass, mayRate, mayRelease, noteDraft, recordDraft, passedDraft, ratingDraft, releasedDraft, takenFrom } from './rules';
import { appended, appendOne, createGuarded, draftParams, insertFile, type AppendedRow } from './postgres-append';
import { conversationSummary, one, SELECT_CONVERSATION } from './postgres-sql';
import type { AgentRef, AppendGuard, HandoffInput, Session, StoreWrites, VisitorPatch, WriteResult } from './types';

/** Holds the visitor's row to the end of the write: their writes from every process take turns. */
const lockVisitor = (q: Query, visitorId: string) => q('SELECT 1 FROM visitors WHERE id = $1 FOR NO KEY UPDATE', [visitorId]);
/**
 * The visitor's open conversation, locked (after the visitor: the lock order is visitor, then
 * conversation) for the write that decides on it: an agent's close in progress elsewhere is
 * waited for, so a handoff then opens a new conversation rather than joining the closed one; and
 * the summary that updateVisitor and a handoff write back whole is the one an agent's FAQ match
 * (setFaqMatch, under the same lock) left, not one from before it.
 */
const openOfVisitor = (q: Query, visitorId: string) =>
  one<ConversationRow>(q, `${SELECT_CONVERSATION} WHERE c.visitor_id = $1 AND c.status <> 'closed' ORDER BY c.n DESC LIMIT 1 FOR NO KEY UPDATE OF c`, [visitorId]);
/** What `joiningEvents` (rows.ts) compares a joining handoff's steps with. */
const botStepsOf = (q: Query, conversationId: string) =>
  q<StoredStep>(`SELECT client_id, body::text AS body FROM events WHERE conversation_id = $1 AND body->>'kind' IN ('bot.query', 'bot.answer', 'bot.feedback')`, [conversationId]);
const setSummary = (q: Query, id: string, summary: SummaryJson) => q('UPDATE conversations SET summary = $1::jsonb WHERE id = $2', [jsonText(summary), id]);

export function postgresWrites(commit: PgGroupCommit): StoreWrites {
  const get = conversationSummary;
  const guarded = createGuarded(commit);

  return {
    createVisitor: (id, tokenHash, at) =>
      commit.run(async (q) => void (await q('INSERT INTO visitors (id, token_hash, created_at, last_seen_at) VALUES ($1, $2, $3, $3)', [id, tokenHash, at]))),
    visitorSeen: (visitorId, at) => commit.run(async (q) => void (await q('UPDATE visitors SET last_seen_at = $1 WHERE id = $2', [at, visitorId]))),

    handoff: (input: HandoffInput) =>
      commit.run(async (q): Promise<WriteResult> => {
        await lockVisitor(q, input.visitorId);
        let id = (await one<{ id: string }>(q, 'SELECT id FROM conversations WHERE visitor_id = $1 AND handoff_id = $2', [input.visitorId, input.handoffId]))?.id;
        let events = input.events;
        /** Whether the summary changed: news for the consoles even where no event is stored. */
        let changed = false;
        if (id === undefined) {
          const open = await openOfVisitor(q, input.visitorId);
          if (open) {
            // As in sqlite-writes.ts: joins, leaving out the steps it has already and a second handoff event.
            const before = JSON.parse(open.summary) as SummaryJson;
            const summary = joinHandoff(before, input.questions, input.botAnswers);
            changed = !sameJson(before, summary);
            if (changed) await setSummary(q, open.id, summary);
            events = joiningEvents(await botStepsOf(q, open.id), input.events);
            id = open.id;
          } else {
            changed = true;
            const summary = summaryOf(input);
            await q(
              `INSERT INTO conversations (id, visitor_id, handoff_id, status, created_at, updated_at, summary) VALUES ($1, $2, $3, 'queued', $4, $4, $5::jsonb)`,
              [input.conversationId, input.visitorId, input.handoffId, input.at, jsonText(summary)],
            );
            id = input.conversationId;
          }
        }
        const written: { event: ConversationEvent; duplicate: boolean }[] = [];
        for (const draft of events) written.push(await appendOne(q, id, draft));
        const conversation = await get(q, id);
        if (!conversation) throw new Error('conversation not found after handoff');
        return { ok: true, conversationId: id, visitorId: input.visitorId, conversation, events: written.map((w) => w.event), duplicate: !changed && written.every((w) => w.duplicate) };
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

    addFaqStats: (counts) =>
      commit.run(async (q) => {
        for (const c of counts) await q(`INSERT INTO faq_stats (day, faq_id, shown, helped) VALUES ($1, $2, $3, $4)
  ON CONFLICT (day, faq_id) DO UPDATE SET shown = faq_stats.shown + excluded.shown, helped = faq_stats.helped + excluded.helped`, [c.day, c.faqId, c.shown, c.helped]);
      }),
  };
}
