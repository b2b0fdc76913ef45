// The search's folded text (search.ts) for a SQLite database from before it was kept beside each
// row (schema version 1): the columns added and filled from the rows' own summaries, comments and
// event bodies, by the same functions that fill them at every write since, so that a search finds
// in the older rows exactly what it finds in the newer. Once, when this release first opens it.
import type Database from 'better-sqlite3';
import { hasColumn } from './schema';
import { markSqliteSchema } from './schema-version';
import { commentSearchText, eventSearchText, summarySearchText } from './search';

/** Columns the search reads, [table, column]; all added together, so one says whether they are there. */
const SEARCH_COLUMNS = [
  ['conversations', 'search_summary'],
  ['conversations', 'search_comment'],
  ['events', 'search_text'],
] as const;

/**
 * Adds and fills the columns where they are missing, in one transaction with the new schema
 * version, so that no release that would leave them empty opens the database after. IMMEDIATE: it
 * waits for a `kohtaamo data` command writing (busy_timeout) rather than failing after it.
 */
export function addSearchColumns(db: Database.Database): void {
  if (hasColumn(db, 'events', 'search_text')) return;
  db.function('kohtaamo_summary_search', { deterministic: true }, (json: unknown) => (typeof json === 'string' ? summarySearchText(json) : null));
  db.function('kohtaamo_comment_search', { deterministic: true }, (comment: unknown) => commentSearchText(typeof comment === 'string' ? comment : null));
  db.function('kohtaamo_event_search', { deterministic: true }, (body: unknown) =>
    typeof body === 'string' ? eventSearchText(JSON.parse(body) as { kind: string }) : null,
  );
  db.transaction(() => {
    for (const [table, column] of SEARCH_COLUMNS) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} TEXT`);
    db.exec('UPDATE conversations SET search_summary = kohtaamo_summary_search(summary), search_comment = kohtaamo_comment_search(rating_comment)');
    // Only the kinds searched: the other events' rows are left as they are, NULL there.
    db.exec(`UPDATE events SET search_text = kohtaamo_event_search(body) WHERE json_extract(body, '$.kind') IN ('text', 'note', 'file')`);
    markSqliteSchema(db);
  }).immediate();
}
