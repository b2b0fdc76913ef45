// Deleting what is stored about visitors: on request (a customer's right to erasure) and on a
// schedule (keep conversations no longer than a set time). Straight in a data directory's SQLite
// file, for `kohtaamo data forget|prune`, also beside a running server: SQLite takes one writer
// at a time and both sides wait for each other, so the deletes go in short transactions
// (EraseBatches) the server's writes wait for briefly. Only closed conversations are deleted; a
// conversation still queued or active is counted and left, to be closed in the console first.
// `secure_delete` overwrites what is deleted, so it does not linger in free pages of the file
// (the server's connection sets it too, for the old copies of rows it rewrites), and the log is
// emptied afterwards, as it still holds the pages as they were before (emptyLog).
import Database from 'better-sqlite3';
import { customerNaming, type CustomerWho } from './customer-data';
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

/**
 * How much one transaction of an erase deletes. A server beside it waits for each transaction
 * (its writes give up after about 0.8 s: group-commit.ts), so a prune of years of conversations
 * goes in many short ones, each whole (a conversation with all its events and files), with a
 * pause as long as the transaction between them for the server's writes. Interrupted, it leaves
 * what it had not reached yet, as it was, for the next run.
 */
export interface EraseBatches {
  /** At most this many conversations (or visitors) per transaction. */
  rows: number;
  /** A transaction stops taking more once it has run this long; one conversation is never split. */
  ms: number;
}
export const ERASE_BATCHES: EraseBatches = { rows: 500, ms: 50 };

export interface EraseOptions {
  /** Count what would go, delete nothing. */
  dryRun?: boolean;
  batches?: EraseBatches;
}

/**
 * `select` fills the temporary table `matched` (id, visitor_id, open) with what goes, in the order
 * it goes, read in one snapshot that holds no lock a writer waits for (the file is in WAL mode).
 * `goes` is what a conversation must still be when its batch comes (a prune's: not written since),
 * and `visitorsToo` which visitors may go once they have no conversation left. A forget also fills
 * `keepers`, one conversation per visitor found by email that it is found by: it goes last, in the
 * visitor's own transaction, so that a forget stopped anywhere (Ctrl-C, a full disk) still finds
 * the customer when run again. And `lookAgain`, the visitors whose conversations are read again
 * before they go: one handed off meanwhile is deleted too if closed, else said to be still open.
 */
async function erase(
  file: string,
  select: (db: Database.Database) => void,
  goes: string,
  visitorsToo: string | ((db: Database.Database) => string),
  lookAgain: string | undefined,
  { dryRun = false, batches = ERASE_BATCHES }: EraseOptions,
): Promise<EraseResult> {
  const db = openForErase(file);
  let deleted = false;
  try {
    db.exec('CREATE TEMP TABLE matched (id TEXT PRIMARY KEY, visitor_id TEXT NOT NULL, open INTEGER NOT NULL)');
    db.exec('CREATE TEMP TABLE leaving (id TEXT PRIMARY KEY)');
    db.exec('CREATE TEMP TABLE keepers (id TEXT PRIMARY KEY)');
    const visitorsWhere = typeof visitorsToo === 'string' ? visitorsToo : visitorsToo(db);
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const counted = db
      .transaction((): EraseResult => {
        select(db);
        // The visitors that may go, those with no conversation left once the matched ones went.
        db.exec(`INSERT INTO leaving SELECT id FROM visitors WHERE ${visitorsWhere}`);
        return {
          stillOpen: count('SELECT COUNT(*) AS n FROM matched WHERE open = 1'),
          conversations: count('SELECT COUNT(*) AS n FROM matched WHERE open = 0'),
          events: count('SELECT COUNT(*) AS n FROM events WHERE conversation_id IN (SELECT id FROM matched WHERE open = 0)'),
          visitors: count(`SELECT COUNT(*) AS n FROM visitors v WHERE id IN (SELECT id FROM leaving) AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.visitor_id = v.id AND c.id NOT IN (SELECT id FROM matched WHERE open = 0))`),
        };
      })
      .deferred();
    if (dryRun) return counted;
    deleted = true;
    const result: EraseResult = { stillOpen: counted.stillOpen, conversations: 0, events: 0, visitors: 0 };
    // A database no server of this version has opened yet has no files table, nor files.
    const files = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'files'").get() !== undefined;
    const state = db.prepare(`SELECT status = 'closed' AS closed, ${goes} AS goes FROM conversations WHERE id = ?`);
    const deleteFiles = files ? db.prepare('DELETE FROM files WHERE conversation_id = ?') : undefined;
    const deleteEvents = db.prepare('DELETE FROM events WHERE conversation_id = ?');
    const deleteConversation = db.prepare('DELETE FROM conversations WHERE id = ?');
    const deleteWhole = (id: string) => {
      deleteFiles?.run(id);
      result.events += deleteEvents.run(id).changes;
      result.conversations += deleteConversation.run(id).changes;
    };
    const deleteClosed = (id: string) => {
      const now = state.get(id) as { closed: number; goes: number } | undefined;
      // Gone already (another erase), or written since it was matched: reopened, or for a prune no longer old.
      if (now?.closed !== 1) {
        if (now) result.stillOpen++;
        return;
      }
      if (now.goes === 1) deleteWhole(id);
    };
    await inBatches(db, 'SELECT rowid AS r, id FROM matched WHERE open = 0 AND id NOT IN (SELECT id FROM keepers) AND rowid > ? ORDER BY rowid LIMIT 1', batches, deleteClosed);
    if (lookAgain !== undefined) {
      // What the visitors have now: a conversation handed off since the snapshot, or one open then
      // and closed since. Their open ones are what is still open, said so the operator closes them and runs again.
      db.exec('CREATE TEMP TABLE again (id TEXT PRIMARY KEY)');
      const theirs = `FROM conversations WHERE visitor_id IN (${lookAgain})`;
      db.transaction(() => {
        db.exec(`INSERT INTO again SELECT id ${theirs} AND status = 'closed' AND id NOT IN (SELECT id FROM keepers)`);
        result.stillOpen = count(`SELECT COUNT(*) AS n ${theirs} AND status <> 'closed'`);
      }).deferred();
      await inBatches(db, 'SELECT rowid AS r, id FROM again WHERE rowid > ? ORDER BY rowid LIMIT 1', batches, deleteClosed);
    }
    // A visitor's keeper goes with the visitor, once it is all the visitor has left and closed.
    const keeperOf = db.prepare<[string], { id: string }>(
      `SELECT c.id FROM conversations c WHERE c.visitor_id = ? AND c.status = 'closed' AND c.id IN (SELECT id FROM keepers)
       AND NOT EXISTS (SELECT 1 FROM conversations o WHERE o.visitor_id = c.visitor_id AND o.id <> c.id)`,
    );
    const deleteVisitor = db.prepare(`DELETE FROM visitors WHERE id = ? AND (${visitorsWhere}) AND NOT EXISTS (SELECT 1 FROM conversations WHERE visitor_id = visitors.id)`);
    await inBatches(db, 'SELECT rowid AS r, id FROM leaving WHERE rowid > ? ORDER BY rowid LIMIT 1', batches, (id) => {
      for (const keeper of keeperOf.all(id)) deleteWhole(keeper.id);
      result.visitors += deleteVisitor.run(id).changes;
    });
    return result;
  } finally {
    if (deleted) await emptyLog(db, file);
    db.close();
  }
}

/**
 * Runs `each` on the rows `next` reads (after a rowid, one at a time), in transactions of at most
 * `batches`, each followed by a pause as long as it ran: the server's writes take their turn
 * (SQLite hands the write lock to whoever asks when it is free; a pause shorter than the server's
 * retries could keep it from ever asking at the right moment).
 */
async function inBatches(db: Database.Database, next: string, batches: EraseBatches, each: (id: string) => void): Promise<void> {
  const read = db.prepare(next);
  let after = 0;
  for (;;) {
    let started = 0;
    const more = db
      .transaction((): boolean => {
        started = Date.now();
        for (let done = 0; done < batches.rows && Date.now() - started < batches.ms; done++) {
          const row = read.get(after) as { r: number; id: string } | undefined;
          if (!row) return false;
          after = row.r;
          each(row.id);
        }
        return true;
      })
      .immediate();
    if (!more) return;
    await new Promise((resume) => setTimeout(resume, Math.max(5, Date.now() - started)));
  }
}

/**
 * Copies the log into the database file and empties it. The log holds every page as each write
 * left it, the deleted text too, and outlives those rows: the server's checkpoints only copy it
 * (its writers then start over at the log's beginning and overwrite it as they go), and empty
 * it only past WAL_LIMIT_BYTES or when it stops. A TRUNCATE checkpoint holds the server's writes
 * off while it copies and while it waits for the server's reads to finish, so a passive one
 * (which holds nobody off) copies first, and the TRUNCATE waits for readers only briefly, tried
 * again a few times after a pause: waiting its 5 s busy timeout, it made the server's writes
 * give up. Should a reader outlast every try, the copies stay in the log until the next erase or
 * the server stops; that is said rather than kept quiet.
 */
async function emptyLog(db: Database.Database, file: string): Promise<void> {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Another checkpoint under way (the server's): the TRUNCATE below copies what is left.
  }
  try {
    db.pragma(`busy_timeout = ${LOG_WAIT_MS}`);
    for (let tries = 0; tries < LOG_TRIES; tries++) {
      if (tries > 0) await new Promise((resume) => setTimeout(resume, LOG_PAUSE_MS));
      try {
        const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
        if (result?.busy === 0) return;
      } catch (error) {
        // SQLITE_BUSY past the timeout: try again.
        if (!String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')) throw error;
      }
    }
  } catch {
    // Anything else: as a log not emptied.
  }
  process.emitWarning(`${file}-wal: another connection (the server) kept reading, so old copies of what was deleted stay in this log until the next forget or prune empties it, or the server stops`);
}

/** How long one try to empty the log waits for readers, holding the server's writes off meanwhile. */
const LOG_WAIT_MS = 100;
const LOG_TRIES = 20;
const LOG_PAUSE_MS = 200;

/**
 * Everything stored about one customer (customer-data.ts says who that is): every conversation
 * of their browsers, and the browsers. Found by email, a browser is found through its
 * conversations (customersNaming): those go after the others, the last with the browser, so that
 * a forget stopped midway is finished by running it again (before, the first batch took the
 * conversation that named them, and the rest could no longer be found).
 */
export function forget(file: string, who: CustomerWho, options: EraseOptions = {}): Promise<EraseResult> {
  return erase(
    file,
    (db) => {
      const naming = customerNaming(db, who);
      db.prepare('CREATE TEMP TABLE forgotten (id TEXT PRIMARY KEY)').run();
      db.exec('CREATE TEMP TABLE naming (id TEXT PRIMARY KEY)');
      const keep = db.prepare('INSERT OR IGNORE INTO forgotten VALUES (?)');
      const name = db.prepare('INSERT OR IGNORE INTO naming VALUES (?)');
      const keeper = db.prepare('INSERT OR IGNORE INTO keepers VALUES (?)');
      for (const [visitorId, conversations] of naming) {
        keep.run(visitorId);
        for (const id of conversations) name.run(id);
        const last = conversations.at(-1);
        if (last !== undefined) keeper.run(last);
      }
      // The conversations the customer is found by go after the others (rowid is the order).
      db.exec(`INSERT OR IGNORE INTO matched SELECT c.id, c.visitor_id, c.status <> 'closed' FROM conversations c
               WHERE c.visitor_id IN (SELECT id FROM forgotten) ORDER BY c.id IN (SELECT id FROM naming), c.rowid`);
    },
    '1',
    'id IN (SELECT id FROM forgotten)',
    'SELECT id FROM forgotten',
    options,
  );
}

/** Closed conversations last changed before `before` (ms), and visitors not seen since then with none left. */
export function prune(file: string, before: number, options: EraseOptions = {}): Promise<EraseResult> {
  return erase(
    file,
    (db) => void db.prepare(`INSERT INTO matched SELECT id, visitor_id, 0 FROM conversations WHERE status = 'closed' AND updated_at < ?`).run(before),
    `updated_at < ${Math.floor(before)}`,
    // Not a visitor seen since (on the site now, maybe about to hand off again), only one idle as
    // long as their conversations; a database no server of this version opened has no last_seen_at.
    (db) => `${hasColumn(db, 'visitors', 'last_seen_at') ? 'coalesce(last_seen_at, created_at)' : 'created_at'} < ${Math.floor(before)}`,
    undefined,
    options,
  );
}
