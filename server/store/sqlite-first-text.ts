// The visitor's first text message (the queue card's title where they asked the bot nothing) for
// a SQLite database from before each conversation's row kept it (schema version 2): the column
// added and filled from the stored events, so that older conversations are titled as newer ones.
// Once, when this release first opens it.
import type Database from 'better-sqlite3';
import { hasColumn } from './schema';
import { markSqliteSchema } from './schema-version';

/**
 * Adds and fills the column where it is missing, in one transaction with the new schema version,
 * so that no release that would leave it empty opens the database after. IMMEDIATE: it waits for
 * a `kohtaamo data` command writing (busy_timeout) rather than failing after it.
 */
export function addFirstText(db: Database.Database): void {
  if (hasColumn(db, 'conversations', 'first_text')) return;
  db.transaction(() => {
    db.exec('ALTER TABLE conversations ADD COLUMN first_text TEXT');
    // By the events' key (conversation, seq): each conversation's events up to its visitor's first text.
    db.exec(`UPDATE conversations SET first_text = (SELECT json_extract(e.body, '$.text') FROM events e
      WHERE e.conversation_id = conversations.id AND e.role = 'visitor' AND json_extract(e.body, '$.kind') = 'text' ORDER BY e.seq LIMIT 1)`);
    markSqliteSchema(db);
  }).immediate();
}
