// Which shape of the stored data the code knows, recorded in the database (SQLite's user_version,
// PostgreSQL's schema_version table), so that a release never opens a database a newer one has
// written: it would not know the newer rows' meaning (an older server once showed visitors the
// notes agents wrote for each other), and its erasures could miss what the newer one keeps.
// Raise SCHEMA_VERSION with any change to schema.ts or postgres-schema.ts, or to what a stored
// row or event may hold that an older release would misread. A new table an older release never
// touches (server_beats) is none: raising the version would only refuse a rollback for nothing.
import type Database from 'better-sqlite3';

/**
 * 2: SQLite keeps the search's folded text beside each row (search.ts): a release before would
 * store rows without it, and the search would not find them.
 *
 * 3: a conversation's row keeps its visitor's first text message (`first_text`): a release before
 * would store rows without it, and their queue cards would have no title.
 */
export const SCHEMA_VERSION = 3;

/** What to say of a database whose version is newer than ours, or undefined when ours is as new. */
export function newerSchema(found: number): string | undefined {
  if (found <= SCHEMA_VERSION) return undefined;
  return `it was written by a newer Kohtaamo (schema version ${found}; this one knows up to ${SCHEMA_VERSION}): upgrade Kohtaamo to use it, or restore a copy from before the upgrade`;
}

/**
 * Refuses a SQLite database a newer release wrote (version 0: one from before versions were
 * recorded), closing it first: the caller has nothing more to do with it.
 */
export function checkSqliteSchema(db: Database.Database): void {
  const problem = newerSchema(Number(db.pragma('user_version', { simple: true })));
  if (!problem) return;
  db.close();
  throw new Error(problem);
}

/** Records that the tables are as this release makes them; after the migrations, in their transaction. */
export function markSqliteSchema(db: Database.Database): void {
  if (Number(db.pragma('user_version', { simple: true })) < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
}

/** The table PostgreSQL keeps the version in: one row. */
export const PG_SCHEMA_VERSION_TABLE = `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`;
export const PG_MARK_SCHEMA_VERSION = `DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES (${SCHEMA_VERSION})`;

type Query = (sql: string) => Promise<{ rows: { version?: number | null }[] }>;

/** The version PostgreSQL records, or 0 for a database from before versions were recorded (no table, or no row). */
export async function pgSchemaVersion(query: Query): Promise<number> {
  const [table] = (await query(`SELECT CASE WHEN to_regclass('schema_version') IS NULL THEN 0 ELSE 1 END AS version`)).rows;
  if (!table?.version) return 0;
  return Number((await query('SELECT coalesce(max(version), 0) AS version FROM schema_version')).rows[0]?.version ?? 0);
}

/** Refuses a PostgreSQL schema a newer release wrote. */
export async function checkPgSchema(query: Query): Promise<void> {
  const problem = newerSchema(await pgSchemaVersion(query));
  if (problem) throw new Error(problem);
}
