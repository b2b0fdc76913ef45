// Opening the SQLite file: the pragmas that make it durable and erasable, and the schema made or
// brought up to date. Apart from the store's reads and writes (sqlite.ts) because it runs once, before either.
import Database from 'better-sqlite3';
import { ownerOnlyDatabase } from './owner-only';
import { ADDED_COLUMNS, hasColumn, SCHEMA } from './schema';
import { checkSqliteSchema, markSqliteSchema } from './schema-version';
import { addFirstText } from './sqlite-first-text';
import { addSearchColumns } from './sqlite-search-columns';

/** `checkpointMs` 0: SQLite checkpoints inline (no worker); `walLimitBytes`: what a grown log is cut back to; `log`: the operator's. */
export function openSqliteDatabase(file: string, checkpointMs: number, walLimitBytes: number, log: (line: string) => void): Database.Database {
  // Before SQLite creates it under the umask, readable by every local user.
  ownerOnlyDatabase(file, log);
  const db = new Database(file);
  // Before anything is changed: a newer release's tables are not ours to change.
  checkSqliteSchema(db);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Every rewrite of a row (a conversation's newest text, its summary with the visitor's email)
  // leaves the old copy in the page's free space, where an erasure (erase.ts) cannot see it to
  // overwrite it. So the server zeroes what it frees as it goes: a few bytes per write.
  db.pragma('secure_delete = ON');
  // While opening, the server may wait for another writer (`kohtaamo data forget|prune`) as long
  // as it takes; once serving, only WRITE_LOCK_WAIT_MS at a time (group-commit.ts).
  db.pragma('busy_timeout = 5000');
  if (checkpointMs > 0) db.pragma('wal_autocheckpoint = 0');
  // A log that grew (a burst of files) is cut back to this when a writer starts it again, not kept at its largest for good.
  db.pragma(`journal_size_limit = ${walLimitBytes}`);
  db.exec(SCHEMA);
  for (const [table, column, type] of ADDED_COLUMNS) {
    if (!hasColumn(db, table, column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  }
  addSearchColumns(db);
  addFirstText(db);
  markSqliteSchema(db);
  return db;
}
