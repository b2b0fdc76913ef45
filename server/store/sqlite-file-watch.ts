// The SQLite store's watch on its own file (database-file.ts), with the checkpoint that copies
// the log into the file before it is judged. Apart from opening because it only starts once the
// schema is written, and an in-memory database has no file to watch.
import type Database from 'better-sqlite3';
import { watchDatabaseFile, type DatabaseFileWatch } from './database-file';

/** Null for ':memory:'. `log` is told, in words, when the file is deleted or replaced. */
export function watchSqliteFile(db: Database.Database, file: string, log: (line: string) => void): DatabaseFileWatch | null {
  // The file (and its log, in WAL mode) exist now that the schema is written.
  return file === ':memory:'
    ? null
    : watchDatabaseFile(file, {
        onGone: log,
        checkpoint: () => {
          const [done] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
          return done !== undefined && done.busy === 0 && done.log === done.checkpointed;
        },
      });
}
