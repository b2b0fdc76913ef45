// How the SQLite store adds an event: numbered in its conversation, stored once per client id,
// and, for most writes, checked against the conversation's row first (rules.ts). Apart from the
// writes that use it (sqlite-writes.ts) because every one of them shares this path.
import { QUIET_KINDS, type ConversationEvent, type EventBody } from '../../protocol';
import type { GroupCommit } from './group-commit';
import { jsonText } from './json-text';
import { toEvent } from './rows';
import type { GuardRow } from './rows';
import type { Check } from './rules';
import { conversationSummary, type SqliteStatements } from './sqlite-statements';
import type { EventDraft, WriteResult } from './types';

/** The newest message's text, or the name of a file sent, by anyone. Null keeps the last. */
const previewOf = (body: EventBody) => (body.kind === 'text' ? body.text : body.kind === 'file' ? `📎 ${body.name}` : null);
/** A visitor's text message, the first of which titles the queue card (`firstText`); null: not one. */
const visitorTextOf = (role: EventDraft['role'], body: EventBody) => (role === 'visitor' && body.kind === 'text' ? body.text : null);

/** `appendOne` runs inside a write (`commit.run`); `guarded` is one. */
export function createAppender(q: SqliteStatements, commit: GroupCommit) {
  const get = (id: string) => conversationSummary(q, id);

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
    const bumped = q.bumpSeq.get(QUIET_KINDS.includes(stored.kind) ? null : draft.at, previewOf(stored), visitorTextOf(draft.role, stored), conversationId);
    if (!bumped) throw new Error(`conversation ${conversationId} vanished during a write`);
    q.insertEvent(conversationId, bumped.last_seq, draft.clientId, draft.at, draft.role, draft.name ?? null, body, stored);
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

  return { appendOne, guarded };
}
