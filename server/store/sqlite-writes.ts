// The SQLite store's writes: each one transaction of the group commit, resolved once durable.
// Apart from the reads (sqlite-reads.ts), which run directly and change nothing.
import type { GroupCommit } from './group-commit';
import { jsonText } from './json-text';
import { joinHandoff, joiningEvents, sameJson, summaryOf, toEvent, toSummary } from './rows';
import type { SummaryJson } from './rows';
import { closedDraft, joinedDraft, mayAppend, mayClaim, mayClose, mayNote, mayPass, mayRate, mayRelease, noteDraft, recordDraft, passedDraft, ratingDraft, releasedDraft, takenFrom } from './rules';
import { createAppender } from './sqlite-append';
import { conversationSummary, type SqliteStatements } from './sqlite-statements';
import type { AgentRef, AppendGuard, HandoffInput, Session, StoreWrites, VisitorPatch, WriteResult } from './types';

export function sqliteWrites(q: SqliteStatements, commit: GroupCommit): StoreWrites {
  const get = (id: string) => conversationSummary(q, id);
  const { appendOne, guarded } = createAppender(q, commit);

  return {
    createVisitor: (id, tokenHash, at) => commit.run(() => void q.insertVisitor.run(id, tokenHash, at, at)),
    visitorSeen: (visitorId, at) => commit.run(() => void q.visitorSeen.run(at, visitorId)),

    handoff: (input: HandoffInput) =>
      commit.run((): WriteResult => {
        let row = q.byHandoff.get(input.visitorId, input.handoffId) ?? null;
        let events = input.events;
        /** Whether the summary changed: news for the consoles even where no event is stored. */
        let changed = false;
        if (!row) {
          const open = q.openOfVisitor.get(input.visitorId);
          if (open) {
            // Still queued or talking: the new bot steps join the same conversation, those it
            // has already (another window's) left out, as is a second handoff event (rows.ts).
            // Capped: a visitor handing off again and again must not grow it without end (rows.ts).
            const before = JSON.parse(open.summary) as SummaryJson;
            const summary = joinHandoff(before, input.questions, input.botAnswers);
            changed = !sameJson(before, summary);
            if (changed) q.setSummary(jsonText(summary), open.id);
            events = joiningEvents(q.botStepsOf.all(open.id), input.events);
            row = open;
          } else {
            changed = true;
            const summary = summaryOf(input);
            q.insertConversation(input.conversationId, input.visitorId, input.handoffId, input.at, jsonText(summary));
            row = q.conversation.get(input.conversationId) ?? null;
            if (!row) throw new Error('inserted conversation not found');
          }
        }
        const id = row.id;
        const written = events.map((draft) => appendOne(id, draft));
        const conversation = get(id);
        if (!conversation) throw new Error('conversation not found after handoff');
        return { ok: true, conversationId: id, visitorId: input.visitorId, conversation, events: written.map((w) => w.event), duplicate: !changed && written.every((w) => w.duplicate) };
      }),

    append: (conversationId, draft, guard: AppendGuard, file) =>
      guarded(conversationId, draft, false, mayAppend(guard), (id) => {
        if (file) q.insertFile.run(file.id, id, file.type, file.name, file.bytes);
      }),

    note: (conversationId, agent: AgentRef, clientId, text, at) => guarded(conversationId, noteDraft(agent, clientId, text, at), false, mayNote, () => {}),
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
        q.setSummary(jsonText({ ...summary, ...patch }), row.id);
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
        q.setSummary(jsonText({ ...summary, faqMatch: match }), conversationId);
        return { ...ref, conversation: get(conversationId), duplicate: false };
      }),

    rate: (visitorId, score, comment, clientId, at) =>
      guarded(
        () => q.newestIdOfVisitor.get(visitorId)?.id ?? null,
        ratingDraft(score, comment, clientId, at),
        true,
        mayRate,
        (conversationId) => q.setRating(score, comment ?? null, conversationId),
      ),

    deleteSession: (tokenHash) => commit.run(() => void q.deleteSession.run(tokenHash)),
    saveSession: (tokenHash, session: Session, now) =>
      commit.run(() => {
        q.deleteExpiredSessions.run(now);
        q.insertSession.run(tokenHash, session.agent.id, session.agent.name, session.expiresAt);
      }),

    addFaqStats: (counts) => commit.run(() => counts.forEach((c) => q.addFaqStat.run(c.day, c.faqId, c.shown, c.helped))),
  };
}
