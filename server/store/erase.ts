// Deleting what is stored about visitors: on request (a customer's right to erasure) and on a
// schedule (keep conversations no longer than a set time). Straight in a data directory's SQLite
// file, for `kohtaamo data forget|prune`, also beside a running server: SQLite takes one writer
// at a time and both sides wait for each other. Only closed conversations are deleted; a
// conversation still queued or active is counted and left, to be closed in the console first.
// `secure_delete` overwrites what is deleted, so it does not linger in free pages of the file
// (the server's connection sets it too, for the old copies of rows it rewrites), and the log is
// emptied afterwards, as it still holds the pages as they were before (emptyLog).
import Database from 'better-sqlite3';
import { customerVisitorIds, type CustomerWho } from './customer-data';
import { hasColumn } from './schema';
import { checkSqliteSchema } from './schema-version';

export interface EraseResult {
  /** Closed conversations deleted, with all their events. */
  conversations: number;
  events: number;
  /** Visitors (browser ids and their tokens) deleted: those with no conversation left. */
  visitors: number;
  /** Conversations that matched but are still queued or active: left alone. */
  stillOpen: number;
}

/** The connection an erase writes through, set up as the server's own (sqlite-open.ts). */
export function openForErase(file: string): Database.Database {
  const db = new Database(file, { fileMustExist: true });
  // Wait for the server's commit rather than fail (better-sqlite3's default, said here because
  // the transaction in erase() depends on it), and begin IMMEDIATE there: a deferred one reads,
  // then is refused at once when it wants to write after the server committed.
  db.pragma('busy_timeout = 5000');
  // The file is in WAL mode, where SQLite's default (NORMAL) syncs the WAL only at checkpoints:
  // an erasure reported done could come back after a power cut. FULL syncs it at every commit.
  db.pragma('synchronous = FULL');
  db.pragma('secure_delete = ON');
  // As the server has it: a row left pointing at a deleted conversation (a file's bytes) fails the erase.
  db.pragma('foreign_keys = ON');
  checkSqliteSchema(db);
  return db;
}

/** The matched conversations' ids, as a temporary table the deletes join on. */
function erase(file: string, select: (db: Database.Database) => void, visitorsToo: string | ((db: Database.Database) => string), dryRun: boolean): EraseResult {
  const db = openForErase(file);
  try {
    return db.transaction((): EraseResult => {
      db.exec('CREATE TEMP TABLE matched (id TEXT PRIMARY KEY, visitor_id TEXT NOT NULL, open INTEGER NOT NULL)');
      select(db);
      const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      const result: EraseResult = {
        stillOpen: count('SELECT COUNT(*) AS n FROM matched WHERE open = 1'),
        conversations: count('SELECT COUNT(*) AS n FROM matched WHERE open = 0'),
        events: count('SELECT COUNT(*) AS n FROM events WHERE conversation_id IN (SELECT id FROM matched WHERE open = 0)'),
        visitors: 0,
      };
      // A database no server of this version has opened yet has no files table, nor files.
      if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'files'").get()) {
        db.exec('DELETE FROM files WHERE conversation_id IN (SELECT id FROM matched WHERE open = 0)');
      }
      db.exec('DELETE FROM events WHERE conversation_id IN (SELECT id FROM matched WHERE open = 0)');
      db.exec('DELETE FROM conversations WHERE id IN (SELECT id FROM matched WHERE open = 0)');
      result.visitors = db.prepare(`DELETE FROM visitors WHERE id NOT IN (SELECT visitor_id FROM conversations) AND (${typeof visitorsToo === 'string' ? visitorsToo : visitorsToo(db)})`).run().changes;
      db.exec('DROP TABLE matched');
      // A dry run counts inside the same transaction and then takes it all back.
      if (dryRun) throw new DryRun(result);
      return result;
    }).immediate();
  } catch (error) {
    if (error instanceof DryRun) return error.result;
    throw error;
  } finally {
    if (!dryRun) emptyLog(db, file);
    db.close();
  }
}

/**
 * Copies the log into the database file and empties it. The log holds every page as each write
 * left it, the deleted text too, and outlives those rows: the server's checkpoints only copy it
 * (its writers then start over at the log's beginning and overwrite it as they go), and empty
 * it only past WAL_LIMIT_BYTES or when it stops. TRUNCATE waits (busy_timeout) for the server's
 * reads and its worker's checkpoint, which take milliseconds. Should one last longer, the copies
 * stay in the log until the next erase or the server stops; that is said rather than kept quiet.
 */
function emptyLog(db: Database.Database, file: string) {
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result?.busy === 0) return;
  } catch {
    // SQLITE_BUSY past the timeout: as a busy result.
  }
  process.emitWarning(`${file}-wal: another connection (the server) kept reading, so old copies of what was deleted stay in this log until the next forget or prune empties it, or the server stops`);
}

class DryRun extends Error {
  constructor(readonly result: EraseResult) {
    super('dry run');
  }
}

/**
 * Everything stored about one customer (customer-data.ts says who that is): every conversation
 * of their browsers, and the browsers.
 */
export function forget(file: string, who: CustomerWho, { dryRun = false } = {}): EraseResult {
  return erase(
    file,
    (db) => {
      const visitorIds = customerVisitorIds(db, who);
      const insert = db.prepare(`INSERT OR IGNORE INTO matched SELECT id, visitor_id, status <> 'closed' FROM conversations WHERE visitor_id = ?`);
      for (const id of visitorIds) insert.run(id);
      db.prepare('CREATE TEMP TABLE forgotten (id TEXT PRIMARY KEY)').run();
      const keep = db.prepare('INSERT OR IGNORE INTO forgotten VALUES (?)');
      for (const id of visitorIds) keep.run(id);
    },
    'id IN (SELECT id FROM forgotten)',
    dryRun,
  );
}

/** Closed conversations last changed before `before` (ms), and visitors not seen since then with none left. */
export function prune(file: string, before: number, { dryRun = false } = {}): EraseResult {
  return erase(
    file,
    (db) => void db.prepare(`INSERT INTO matched SELECT id, visitor_id, 0 FROM conversations WHERE status = 'closed' AND updated_at < ?`).run(before),
    // Not a visitor seen since (on the site now, maybe about to hand off again), only one idle as
    // long as their conversations; a database no server of this version opened has no last_seen_at.
    (db) => `${hasColumn(db, 'visitors', 'last_seen_at') ? 'coalesce(last_seen_at, created_at)' : 'created_at'} < ${Math.floor(before)}`,
    dryRun,
  );
}
