// Group commit: every write asked for during one turn of the event loop runs in a single
// transaction, and all their promises settle after that one commit. One fsync then covers
// many messages, which is what lets SQLite keep up with a plain relay (see DESIGN.md).
import type { Database } from 'better-sqlite3';
import type { WriteHealth } from './write-health';

interface Pending {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Result = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface GroupCommit {
  run<T>(fn: () => T): Promise<T>;
  /** Resolves when everything queued so far is committed. */
  drain(): Promise<void>;
}

/**
 * Writes per transaction. A commit blocks the event loop (better-sqlite3 is synchronous), so a
 * burst is split into several commits rather than one long stall; the rest follow next turn.
 */
export const MAX_BATCH = 256;

/**
 * How long a write waits, blocking, for another writer's lock (SQLite's busy_timeout, set by
 * sqlite.ts). Short: while it waits the whole server waits, every page, socket and heartbeat.
 */
export const WRITE_LOCK_WAIT_MS = 20;

/**
 * The pauses, off the event loop, before a batch that found the write lock taken is tried
 * again: about 0.8 s in all (with each try's WRITE_LOCK_WAIT_MS), more than one transaction of a
 * `kohtaamo data forget|prune` (erase.ts, EraseBatches: some 50 ms) or a checkpoint holds it. Past them the batch fails as the storage's failure.
 */
export const BUSY_BACKOFF_MS = [10, 20, 40, 80, 160, 320];

const isBusy = (error: unknown) => String((error as { code?: unknown } | null)?.code ?? '').startsWith('SQLITE_BUSY');

/**
 * `writes` hears how each write went, for the health check (write-health.ts). `beforeBatch`
 * throws when no batch may be written now (the database file is gone: database-file.ts); the
 * batch and the writes queued behind it then fail with its error.
 */
export function createGroupCommit(db: Database, maxBatch = MAX_BATCH, writes?: WriteHealth, beforeBatch?: () => void): GroupCommit {
  const queue: Pending[] = [];
  let scheduled = false;
  let idle: (() => void)[] = [];

  /** How many times the batch at the head of the queue found the write lock taken. */
  let busyTries = 0;

  const flush = () => {
    scheduled = false;
    const batch = queue.splice(0, maxBatch);
    const outcome = commitBatch(batch);
    if (outcome.busy) {
      // Another process holds the write lock: nothing ran. The batch waits at the head of the
      // queue, off the event loop, and is tried again; the writes behind it wait their turn.
      const wait = BUSY_BACKOFF_MS[busyTries++];
      if (wait !== undefined) {
        queue.unshift(...batch);
        scheduled = true;
        setTimeout(flush, wait);
        return;
      }
      // Held longer than the backoff: the batch (and the writes behind it) fail as the storage's
      // failure, so the clients send them again later and the health check says 503.
      busyTries = 0;
      return failAll(batch, outcome.error);
    }
    busyTries = 0;
    if (queue.length > 0 && !scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };

  /** Commits a batch and settles its writes, unless the write lock was taken (then nothing ran and nothing is settled). */
  const commitBatch = (batch: Pending[]): { busy: false } | { busy: true; error: unknown } => {
    let results: Result[];
    try {
      beforeBatch?.();
    } catch (error) {
      failAll(batch, error);
      return { busy: false };
    }
    try {
      // Fast path: the whole batch in one transaction, no savepoints (they double the cost of a write).
      // IMMEDIATE: the write lock is taken at BEGIN, where busy_timeout waits a little for another
      // writer (`kohtaamo data forget` beside the server, the checkpointer emptying the log). A
      // deferred transaction that reads first and then writes after someone else committed gets
      // SQLITE_BUSY at once, without waiting.
      results = db.transaction(() => batch.map((op): Result => ({ ok: true, value: op.fn() }))).immediate();
    } catch (error) {
      // The lock is taken: running the batch again at once would only wait busy_timeout again,
      // with the whole server stopped (better-sqlite3 waits on the main thread).
      if (isBusy(error)) return { busy: true, error };
      // A write failed and the batch rolled back: run it again with a savepoint per write, so
      // the failing one is refused alone and its neighbours still commit. Writes are plain
      // database work, so running them again gives the same results.
      try {
        results = db.transaction(() =>
          batch.map((op): Result => {
            try {
              return { ok: true, value: db.transaction(op.fn)() };
            } catch (error) {
              // A full disk or an I/O error rolls back the whole transaction, not only the write's
              // savepoint: the batch ends with that error (the commit would fail, saying only that
              // no transaction is active), rather than the writes after it each committing alone.
              if (!db.inTransaction) throw error;
              return { ok: false, error };
            }
          }),
        ).immediate();
      } catch (error) {
        if (isBusy(error)) return { busy: true, error };
        // The commit itself failed: nothing in the batch is durable. The writes queued behind it
        // fail with it: committed, a visitor's next message would come before the resend of the
        // one that failed. Their connections end; all are resent in order.
        failAll(batch, error);
        return { busy: false };
      }
    }
    batch.forEach((op, i) => {
      const result = results[i];
      if (result?.ok) op.resolve(result.value);
      else op.reject(result?.error);
    });
    settleIdle();
    return { busy: false };
  };

  const failAll = (batch: Pending[], error: unknown) => {
    for (const op of [...batch, ...queue.splice(0)]) op.reject(error);
    settleIdle();
  };

  const settleIdle = () => {
    if (queue.length > 0) return;
    const waiting = idle;
    idle = [];
    for (const done of waiting) done();
  };

  return {
    run<T>(fn: () => T): Promise<T> {
      const done = new Promise<T>((resolve, reject) => {
        queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
      return writes ? writes.track(done) : done;
    },
    drain() {
      if (queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => idle.push(resolve));
    },
  };
}
