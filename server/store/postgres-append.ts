// How the PostgreSQL store adds an event: in the kohtaamo_… functions (postgres-schema.ts), stored
// once per client id, with a file in the same transaction; and the guarded write most of the
// Store's writes are, which locks the conversation's row before it decides. Apart from the writes
// that use it (postgres-writes.ts) because every one of them shares this path.
import type { ConversationEvent, EventBody } from '../../protocol';
import { jsonText } from './json-text';
import type { PgGroupCommit, Query } from './pg-group-commit';
import { toEvent } from './rows';
import type { EventRow, GuardRow } from './rows';
import type { Check } from './rules';
import { conversationSummary, EVENT_COLUMNS, one } from './postgres-sql';
import type { EventDraft, StoredFile, WriteResult } from './types';

const GUARD_ROW = 'SELECT id, visitor_id, status, agent_id, agent_name, rating_score FROM conversations WHERE id = $1 FOR NO KEY UPDATE';

/** In the same transaction as its event: a file is stored with what shows it, or not at all. */
export async function insertFile(q: Query, conversationId: string, file: StoredFile): Promise<void> {
  await q('INSERT INTO files (id, conversation_id, type, name, bytes) VALUES ($1, $2, $3, $4, $5)', [file.id, conversationId, file.type, file.name, file.bytes]);
}

/** What the kohtaamo_… functions return for an event (postgres-schema.ts). */
export interface AppendedRow {
  r_seq: number;
  r_client: string;
  r_at: number;
  r_role: EventRow['role'];
  r_name: string | null;
  r_body: string;
  r_duplicate: boolean;
}
export const appended = (row: AppendedRow) => ({
  event: toEvent({ seq: row.r_seq, client_id: row.r_client, at: row.r_at, role: row.r_role, name: row.r_name, body: row.r_body }),
  duplicate: row.r_duplicate,
});
export const draftParams = (draft: EventDraft) => [draft.clientId, draft.at, draft.role, draft.name ?? null, jsonText(draft.body)];

const eventByClient = (q: Query, conversationId: string, clientId: string) =>
  one<EventRow>(q, `SELECT ${EVENT_COLUMNS} FROM events WHERE conversation_id = $1 AND client_id = $2`, [conversationId, clientId]);

/** Appends one event unless its client id is already stored; returns the stored event. */
export const appendOne = async (q: Query, conversationId: string, draft: EventDraft): Promise<{ event: ConversationEvent; duplicate: boolean }> => {
  const row = await one<AppendedRow>(q, 'SELECT * FROM kohtaamo_append($1, $2, $3, $4, $5, $6::jsonb)', [conversationId, ...draftParams(draft)]);
  if (!row) throw new Error(`conversation ${conversationId} vanished during a write`);
  return appended(row);
};

/** `guarded` runs each write it is given as one transaction of `commit`. */
export function createGuarded(commit: PgGroupCommit) {
  const get = conversationSummary;

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

  return guarded;
}
