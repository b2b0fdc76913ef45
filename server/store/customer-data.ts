// Everything stored about one customer, read straight from a data directory's SQLite file for
// `kohtaamo data export` (their right of access), also beside a running server. Who the
// customer is means the same as for `kohtaamo data forget` (erase.ts), which uses the same
// selection: what an export shows is what a forget deletes, and the open conversations too.
import Database from 'better-sqlite3';
import { lastEmailAddress, type ConversationEvent, type ConversationSummary } from '../../protocol';
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

/** One row the selection reads of a candidate browser's conversation: the site's email, or a text the visitor wrote. */
export interface WrittenRow {
  visitor_id: string;
  conversation_id: string;
  /** The email the site gave (`Kohtaamo('identify')`), if it named the customer. */
  site_email: string | null;
  /** Null: the conversation's own row, there for its site email. Else one text in the order written. */
  text: string | null;
}

/**
 * Whose browsers the rows show to be the customer's (rows of a conversation in the order written).
 * An address a visitor mentions is not who they are: Pekka writing "deliver to my friend
 * matti@example.fi" must not hand his chats to Matti, nor have them deleted at Matti's request.
 * - A browser the site named (an email in any of its conversations) is the customer's only if
 *   the site named it with this email: that is who was logged in there, whatever they wrote.
 * - A browser the site never named is the customer's if, in one of its conversations, the last
 *   address the visitor wrote (whole, in any case) is this one: the address they gave as theirs,
 *   read as the server reads where to email a conversation's missed replies (email-follow-up.ts,
 *   lastEmailAddress), with what they wrote to the bot before the handoff too, so an erasure also
 *   reaches an address given only there. One conversation is enough, so it also reaches a
 *   customer whose address has changed since. (A chat ending on a friend's address would still
 *   go to the friend, as its replies would be emailed there: its text alone cannot tell.)
 */
export function customersBrowsers(rows: readonly WrittenRow[], email: string): string[] {
  return [...customersNaming(rows, email).keys()];
}

/**
 * The customer's browsers as customersBrowsers chooses them, each with the conversations it was
 * chosen by (the site's email, or the last address the visitor wrote, is this one): while one of
 * those is stored, the browser is found again by this email. A forget deletes them last, so that
 * one stopped midway is finished by running it again (erase.ts).
 */
export function customersNaming(rows: readonly WrittenRow[], email: string): Map<string, string[]> {
  const key = emailKey(email);
  const named = new Map<string, Set<string>>();
  const written = new Map<string, { visitorId: string; siteEmail: string | null; texts: string[] }>();
  for (const row of rows) {
    const siteEmails = named.get(row.visitor_id) ?? new Set<string>();
    if (row.site_email) siteEmails.add(emailKey(row.site_email));
    named.set(row.visitor_id, siteEmails);
    const conversation = written.get(row.conversation_id) ?? { visitorId: row.visitor_id, siteEmail: row.site_email ? emailKey(row.site_email) : null, texts: [] };
    if (row.text !== null) conversation.texts.push(row.text);
    written.set(row.conversation_id, conversation);
  }
  const naming = new Map<string, string[]>();
  for (const [conversationId, { visitorId, siteEmail, texts }] of written) {
    const siteNamed = (named.get(visitorId)?.size ?? 0) > 0;
    const last = siteNamed ? null : lastEmailAddress(texts);
    if (siteNamed ? siteEmail === key : last !== null && emailKey(last) === key) naming.set(visitorId, [...(naming.get(visitorId) ?? []), conversationId]);
  }
  return naming;
}

/**
 * The visitor ids of a customer (customersBrowsers says whose), or the one visitor id asked for.
 * What the visitor wrote counts, not what agents wrote: their messages, their questions to the
 * bot before the handoff (its `bot.query` events and the summary's questions, which agents see
 * too). The candidates are the browsers with this email given by the site or somewhere in such a
 * text; then every conversation of theirs is read for its site email and the visitor's texts
 * with an address in them (an @), the summary's questions first as they came before the handoff.
 */
export function customerVisitorIds(db: Database.Database, who: CustomerWho): string[] {
  return [...customerNaming(db, who).keys()];
}

/** customerVisitorIds with the conversations each was found by (customersNaming); none for a visitor id asked for. */
export function customerNaming(db: Database.Database, who: CustomerWho): Map<string, string[]> {
  if ('visitorId' in who) return new Map([[who.visitorId, []]]);
  const email = emailKey(who.email);
  const rows = db
    .prepare<{ email: string }, WrittenRow>(
      `WITH candidates AS (
         SELECT c.visitor_id FROM conversations c WHERE lower(json_extract(c.summary, '$.visitor.email')) = :email
         UNION
         SELECT c.visitor_id FROM events e JOIN conversations c ON c.id = e.conversation_id
         WHERE e.role = 'visitor' AND json_extract(e.body, '$.kind') IN ('text', 'bot.query')
           AND instr(lower(coalesce(json_extract(e.body, '$.text'), json_extract(e.body, '$.query'))), :email) > 0
         UNION
         SELECT c.visitor_id FROM conversations c, json_each(c.summary, '$.questions') q WHERE q.type = 'text' AND instr(lower(q.value), :email) > 0
       ), theirs AS (
         SELECT id, visitor_id, json_extract(summary, '$.visitor.email') AS site_email, summary FROM conversations WHERE visitor_id IN (SELECT visitor_id FROM candidates)
       )
       SELECT visitor_id, conversation_id, site_email, text FROM (
         SELECT t.visitor_id, t.id AS conversation_id, t.site_email, NULL AS text, 0 AS part, 0 AS at FROM theirs t
         UNION ALL
         SELECT t.visitor_id, t.id, t.site_email, q.value, 1, q.key FROM theirs t, json_each(t.summary, '$.questions') q
         WHERE q.type = 'text' AND instr(q.value, '@') > 0
         UNION ALL
         SELECT t.visitor_id, t.id, t.site_email, coalesce(json_extract(e.body, '$.text'), json_extract(e.body, '$.query')), 2, e.seq FROM theirs t JOIN events e ON e.conversation_id = t.id
         WHERE e.role = 'visitor' AND json_extract(e.body, '$.kind') IN ('text', 'bot.query')
           AND instr(coalesce(json_extract(e.body, '$.text'), json_extract(e.body, '$.query')), '@') > 0
       ) ORDER BY conversation_id, part, at`,
    )
    .all({ email });
  return customersNaming(rows, email);
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
