// The embedded store: one SQLite file in WAL mode. Writes go through group commit, reads
// run directly. Durability: synchronous=FULL, so a resolved write survives a power cut.
// This file puts the parts together and owns their lifetime (health check, close): opening
// (sqlite-open.ts), the file watch (sqlite-file-watch.ts), the statements (sqlite-statements.ts),
// the writes (sqlite-writes.ts, adding events through sqlite-append.ts) and the reads (sqlite-reads.ts).
import { createWriteHealth } from './write-health';
import { createGroupCommit, WRITE_LOCK_WAIT_MS } from './group-commit';
import { startCheckpointer, WAL_LIMIT_BYTES } from './checkpointer';
import { createStorageNews } from './storage-news';
import { checkpointSkipped } from './storage-problem';
import { SCHEMA_VERSION } from './schema-version';
import { openSqliteDatabase } from './sqlite-open';
import { watchSqliteFile } from './sqlite-file-watch';
import { prepareStatements } from './sqlite-statements';
import { sqliteReads } from './sqlite-reads';
import { sqliteWrites } from './sqlite-writes';
import type { Store, StoreReads } from './types';
import { printError } from '../operator-log';

/** The database's file name in the server's data directory. */
export const DATABASE_FILE = 'kohtaamo.sqlite';

export interface SqliteStoreOptions {
  /** How often the worker checkpoints the WAL; 0 turns the worker off (in-memory databases). */
  checkpointMs?: number;
  /** Past this size the WAL is emptied, and a writer cuts it back to it (checkpointer.ts); tests pass less. */
  walLimitBytes?: number;
  /** Where the store tells the operator what went wrong with its file; the terminal by default. */
  log?: (line: string) => void;
}

export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  const checkpointMs = file === ':memory:' ? 0 : (options.checkpointMs ?? 1000);
  const walLimitBytes = options.walLimitBytes ?? WAL_LIMIT_BYTES;
  const log = options.log ?? printError;
  const db = openSqliteDatabase(file, checkpointMs, walLimitBytes, log);
  // If the worker dies, SQLite's own inline checkpoints take over so the WAL cannot grow forever.
  const checkpointer = checkpointMs > 0 ? startCheckpointer(file, { everyMs: checkpointMs, limitBytes: walLimitBytes }, () => db.pragma('wal_autocheckpoint = 1000')) : null;
  // The operator hears once when writes start failing, in words, and once when they work again.
  const writes = createWriteHealth(Date.now, createStorageNews(file, log));
  const databaseFile = watchSqliteFile(db, file, log);
  db.pragma(`busy_timeout = ${WRITE_LOCK_WAIT_MS}`);
  const commit = createGroupCommit(db, undefined, writes, databaseFile?.check);
  const q = prepareStatements(db);
  // A read that meets a damaged file is told once, as a write would be (write-health.ts).
  const reads = sqliteReads(q);
  for (const name of Object.keys(reads) as (keyof StoreReads)[]) {
    const read = reads[name] as (...args: unknown[]) => Promise<unknown>;
    Object.assign(reads, { [name]: (...args: unknown[]) => writes.read(read(...args)) });
  }

  return {
    ...sqliteWrites(q, commit),
    ...reads,

    async ping() {
      db.prepare('SELECT 1').get();
      // A server nobody writes to learns of a deleted file here, so the load balancer does too.
      try {
        databaseFile?.check();
      } catch (error) {
        await writes.track(Promise.reject(error)).catch(() => {});
      }
      // Rewriting the header's version is the smallest write that goes to the disk.
      await writes.check(() => commit.run(() => void db.pragma(`user_version = ${SCHEMA_VERSION}`)));
    },

    async close() {
      await commit.drain();
      await checkpointer?.stop();
      // Stopping, the last checkpoint may wait for another writer.
      db.pragma('busy_timeout = 5000');
      try {
        if (checkpointMs > 0) db.pragma('wal_checkpoint(TRUNCATE)');
      } catch (error) {
        // A full disk must not turn a stop into a crash: the log keeps every write, and the next
        // start replays it, so the server stops as usual and says so once.
        log(checkpointSkipped(file, error));
      } finally {
        db.close();
      }
    },
  };
}
