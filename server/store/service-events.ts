// What a service report (service-report.ts) is made of: the events of each conversation handed
// off since a moment that say when it was handed off, when agents joined and first wrote, how it
// was rated and how it ended, read straight from a data directory's SQLite file. Read-only and
// beside a live server, as bot-history.ts. Visitors' own texts are never read. The conversations
// are picked by their row (created at the handoff), and their events by the primary key, so a
// server's start (wait-estimate.ts's seed) never scans every event ever stored.
import Database from 'better-sqlite3';
import * as v from 'valibot';
import { eventBody, ROLES, type EventBody, type Role } from '../../protocol';
import { checkSqliteSchema } from './schema-version';

/** The server's record of emailing a visitor (email-follow-up.ts): agents only, so not in the widget's `eventBody`. */
const emailedBody = v.object({
  kind: v.literal('emailed'),
  to: v.string(),
  replies: v.number(),
  through: v.number(),
  failed: v.optional(v.string()),
});

/**
 * The event kinds a report reads; of `text` and `file`, only agents' (their replies, as
 * protocol/events.ts `isAgentReply` says: a file an agent sends answers the visitor as a text does).
 */
export const SERVICE_KINDS = ['handoff', 'joined', 'text', 'file', 'rating', 'closed', 'emailed'] as const;
/** Kinds read only when an agent wrote them: what the visitor wrote is never read. */
const REPLY_KINDS: readonly ServiceKind[] = ['text', 'file'];
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export interface ServiceEvent {
  conversationId: string;
  at: number;
  role: Role;
  /** The author's display name, on agents' events. */
  name?: string;
  body: Extract<EventBody, { kind: ServiceKind }>;
}

/** The kinds' condition in SQL, with `kind` the expression that reads an event's kind. */
export function serviceKindsWhere(kind: string): string {
  const list = (kinds: readonly ServiceKind[]) => kinds.map((k) => `'${k}'`).join(', ');
  const others = SERVICE_KINDS.filter((k) => !REPLY_KINDS.includes(k));
  return `(${kind} IN (${list(others)}) OR (${kind} IN (${list(REPLY_KINDS)}) AND role = 'agent'))`;
}

/** One stored row as a report event, if it is well formed (written after validation; checked again, as any data read back is). */
export function serviceEvent(row: { conversation_id: string; at: number; role: string; name: string | null; body: unknown }): ServiceEvent | undefined {
  const emailed = typeof row.body === 'object' && row.body !== null && 'kind' in row.body && row.body.kind === 'emailed';
  const body = emailed ? v.safeParse(emailedBody, row.body) : v.safeParse(eventBody, row.body);
  if (!body.success || !(SERVICE_KINDS as readonly string[]).includes(body.output.kind)) return undefined;
  if (!(ROLES as readonly string[]).includes(row.role)) return undefined;
  return {
    conversationId: row.conversation_id,
    at: row.at,
    role: row.role as Role,
    ...(row.name !== null ? { name: row.name } : {}),
    body: body.output as ServiceEvent['body'],
  };
}

export function readServiceEvents(file: string, since: number): ServiceEvent[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    checkSqliteSchema(db);
    const kind = "json_extract(body, '$.kind')";
    return db
      .prepare<[number], { conversation_id: string; at: number; role: string; name: string | null; body: string }>(
        `SELECT conversation_id, at, role, name, body FROM events
         WHERE conversation_id IN (SELECT id FROM conversations WHERE created_at >= ?)
         AND ${serviceKindsWhere(kind)} ORDER BY conversation_id, seq`,
      )
      .all(since)
      .flatMap((row) => serviceEvent({ ...row, body: JSON.parse(row.body) }) ?? []);
  } finally {
    db.close();
  }
}
