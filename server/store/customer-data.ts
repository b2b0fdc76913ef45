// Everything stored about one customer, read straight from a data directory's SQLite file for
// `kohtaamo data export` (their right of access), also beside a running server. Who the
// customer is means the same as for `kohtaamo data forget` (erase.ts), which uses the same
// selection: what an export shows is what a forget deletes, and the open conversations too.
import Database from 'better-sqlite3';
import { emailAddresses, type ConversationEvent, type ConversationSummary } from '../../protocol';
import { toEvent, toSummary, type ConversationRow, type EventRow } from './rows';
import type { StoredFile, Visitor } from './types';
import { checkSqliteSchema } from './schema-version';

export type CustomerWho = { email: string } | { visitorId: string };

export interface CustomerData {
  /** The browsers (visitor ids) the customer used, with when each was first seen. */
  visitors: Visitor[];
  /** Every conversation of those browsers, oldest first, with all of its events and the files sent in it. */
  conversations: { summary: ConversationSummary; events: ConversationEvent[]; files: SentFile[] }[];
}

/** A file sent in a conversation, bytes and all: the customer's photo is theirs to have back. */
export type SentFile = Omit<StoredFile, 'type'> & { type: string };

/** The email as stored summaries and messages are compared with it. */
export const emailKey = (email: string) => email.trim().toLowerCase();

/**
 * Which candidate rows name the customer. The SQL behind them only prefilters messages by
 * substring, which would also take pekka.matti@example.fi or matti@example.fi.fake for
 * matti@example.fi (and hand someone else's conversations out or delete them): a message counts
 * only if one of the whole addresses in it is the customer's. `text` null: the site gave the email.
 */
export function visitorIdsNaming(rows: readonly { visitor_id: string; text: string | null }[], email: string): string[] {
  const key = emailKey(email);
  const named = rows.filter((r) => r.text === null || emailAddresses(r.text).some((address) => emailKey(address) === key));
  return [...new Set(named.map((r) => r.visitor_id))];
}

/**
 * The visitor ids of a customer: the browsers whose conversations carry their email, given by
 * the site or written by the visitor (as a whole address, in any case; what agents write does
 * not count): in a message, or to the bot before the handoff (its `bot.query` events and the
 * summary's questions, which agents see too); or the one visitor id asked for.
 */
export function customerVisitorIds(db: Database.Database, who: CustomerWho): string[] {
  if ('visitorId' in who) return [who.visitorId];
  const email = emailKey(who.email);
  const rows = db
    .prepare<{ email: string }, { visitor_id: string; text: string | null }>(
      `SELECT c.visitor_id, NULL AS text FROM conversations c WHERE lower(json_extract(c.summary, '$.visitor.email')) = :email
       UNION ALL
       SELECT c.visitor_id, json_extract(e.body, '$.text') FROM events e JOIN conversations c ON c.id = e.conversation_id
       WHERE e.role = 'visitor' AND json_extract(e.body, '$.kind') = 'text' AND instr(lower(json_extract(e.body, '$.text')), :email) > 0
       UNION ALL
       SELECT c.visitor_id, json_extract(e.body, '$.query') FROM events e JOIN conversations c ON c.id = e.conversation_id
       WHERE e.role = 'visitor' AND json_extract(e.body, '$.kind') = 'bot.query' AND instr(lower(json_extract(e.body, '$.query')), :email) > 0
       UNION ALL
       SELECT c.visitor_id, q.value FROM conversations c, json_each(c.summary, '$.questions') q
       WHERE q.type = 'text' AND instr(lower(q.value), :email) > 0`,
    )
    .all({ email });
  return visitorIdsNaming(rows, email);
}

export function readCustomerData(file: string, who: CustomerWho): CustomerData {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    checkSqliteSchema(db);
    // One read transaction, so a server writing meanwhile cannot make the parts disagree.
    return db.transaction((): CustomerData => {
      const ids = customerVisitorIds(db, who);
      const ofThem = 'IN (SELECT value FROM json_each(?))';
      const visitors = db.prepare<[string], { id: string; created_at: number }>(`SELECT id, created_at FROM visitors WHERE id ${ofThem} ORDER BY created_at, id`);
      const conversations = db.prepare<[string], ConversationRow>(`SELECT *, 0 AS previous FROM conversations WHERE visitor_id ${ofThem} ORDER BY created_at, rowid`);
      const events = db.prepare<[string], EventRow>('SELECT seq, client_id, at, role, name, body FROM events WHERE conversation_id = ? ORDER BY seq');
      // A database no server of this version has opened yet has no files table, nor files.
      const hasFiles = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'files'").get() !== undefined;
      // In the order they were sent: by the event showing each, as PostgreSQL has them too.
      const files = hasFiles
        ? db.prepare<[string], SentFile>(
            `SELECT f.id, f.type, f.name, f.bytes FROM files f WHERE f.conversation_id = ? ORDER BY (SELECT min(e.seq) FROM events e
             WHERE e.conversation_id = f.conversation_id AND json_extract(e.body, '$.kind') = 'file' AND json_extract(e.body, '$.fileId') = f.id), f.id`,
          )
        : null;
      const idList = JSON.stringify(ids);
      return {
        visitors: visitors.all(idList).map((r) => ({ id: r.id, createdAt: r.created_at })),
        conversations: conversations.all(idList).map((row) => ({ summary: toSummary(row), events: events.all(row.id).map(toEvent), files: files?.all(row.id) ?? [] })),
      };
    })();
  } finally {
    db.close();
  }
}
