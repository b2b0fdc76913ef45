// Whether the store can write, for the health check: a full disk (or a read-only one, or a
// PostgreSQL that fails over to a standby) fails every write while reads still answer, so a
// check that only reads said "ok" to a server that stored nothing. Each write's outcome is
// recorded as it settles (no extra work); the check then reports the store failing while its
// latest write failed for the storage's sake and none has succeeded since.
//
// A server out of the load balancer gets no writes, so nothing would ever clear the failure once
// the disk is freed: while failing, the check itself tries one small write, at most every few
// seconds, and reports what it found.

/** A write refused for the storage's sake (disk, file system, database server), not for its own content. */
export function isStorageFailure(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  // SQLite: full, I/O, read-only, cannot open, corrupt, locked by another for too long.
  if (/^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB|BUSY|LOCKED|PERM|NOMEM|PROTOCOL)/.test(code)) return true;
  // PostgreSQL: connection, insufficient resources (disk full), shut down, system and internal
  // errors; and a read-only transaction (connected to a standby after a failover).
  if (/^(08|53|57|58|XX)[0-9A-Z]{3}$/.test(code) || code === '25006') return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'ENOSPC', 'EROFS', 'EIO'].includes(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return message === 'Query read timeout' || message.startsWith('Connection terminated');
}

/** SQLite found its file damaged (pages written over: a failing disk, a bad copy put in place). */
export function isDamaged(error: unknown): boolean {
  return /^SQLITE_(CORRUPT|NOTADB)/.test(String((error as { code?: unknown } | null)?.code ?? ''));
}

/** The store cannot write now: what the health check reports, with the reason. */
export class WritesFailing extends Error {}

/** How often, at most, a failing store is tried with a write of the check's own. */
export const PROBE_EVERY_MS = 5_000;

export interface WriteHealth {
  /** Records how a write went, and hands its outcome on. */
  track<T>(write: Promise<T>): Promise<T>;
  /**
   * Records a read that failed because the database is out of reach as a write failed so: writes
   * fail as well then, and the operator reads the one line of the outage (and its end) rather than a
   * stack per read, which only reads meet while nothing is written (a visitor typing, coming back).
   * A damaged database likewise, which a read meets first as often as a write. Any other failure
   * of a read is passed on untold (a bug logs its stack); a read that works says nothing of writes
   * (a full disk still reads).
   */
  read<T>(read: Promise<T>): Promise<T>;
  /** Resolves when writes work (or the latest did); rejects with WritesFailing otherwise, after one probe at most every PROBE_EVERY_MS. */
  check(probe: () => Promise<unknown>): Promise<void>;
}

/**
 * Hears when writes start failing for the storage's sake (or fail for another such reason than
 * before), and when they work again: the operator's news, once per change rather than per write.
 */
export interface WriteReport {
  failing(error: unknown): void;
  working(afterMs: number): void;
}

/** Failures a WriteReport has accounted for: the server's log need not print each again. */
const reported = new WeakSet<object>();

/** Whether a store's WriteReport has told the operator of this failure (or of its kind, while it lasts). */
export function toldOperator(error: unknown): boolean {
  return typeof error === 'object' && error !== null && reported.has(error);
}

/**
 * PostgreSQL out of reach, as each moment of one outage shows it: a stopping database ends the
 * sessions (57P01) and a write in flight loses its connection (reset, terminated, unanswered);
 * the writes after it find the port refusing, or the host unreachable, until it is back.
 */
function isDatabaseOutOfReach(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const message = error instanceof Error ? error.message : '';
  if (/^(08|57P)/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'].includes(code)) return true;
  return message === 'Query read timeout' || message.startsWith('Connection terminated');
}

/**
 * Failures of one kind have one cause: SQLite's or PostgreSQL's code, else the message; and the
 * database out of reach is one, whichever of its codes a write met, so that one outage is not
 * told as two causes (its sessions ended, then its port refusing).
 */
export const failureKind = (error: unknown) =>
  isDatabaseOutOfReach(error) ? 'database out of reach' : String((error as { code?: unknown } | null)?.code ?? (error instanceof Error ? error.message : error));

export function createWriteHealth(now: () => number = Date.now, report?: WriteReport): WriteHealth {
  let failure: unknown = null;
  /** The first sign of a damaged database. It stays: the file does not mend, and a write that works elsewhere in it says nothing of the rest. */
  let damage: unknown = null;
  let failingSince = 0;
  let probedAt = -Infinity;
  const failed = (error: unknown) => {
    if (failure === null) failingSince = now();
    if (report && (failure === null || failureKind(failure) !== failureKind(error))) report.failing(error);
    if (report && typeof error === 'object' && error !== null) reported.add(error);
    failure = error;
    if (damage === null && isDamaged(error)) damage = error;
  };
  const health: WriteHealth = {
    track(write) {
      return write.then(
        (value) => {
          if (damage !== null) return value;
          if (failure !== null) report?.working(now() - failingSince);
          failure = null;
          return value;
        },
        (error: unknown) => {
          if (isStorageFailure(error)) failed(error);
          throw error;
        },
      );
    },
    read(read) {
      return read.catch((error: unknown) => {
        if (isDatabaseOutOfReach(error) || isDamaged(error)) failed(error);
        throw error;
      });
    },
    async check(probe) {
      if (damage !== null) throw new WritesFailing(`damaged: ${damage instanceof Error ? damage.message : String(damage)} (restore the latest backup)`);
      if (failure === null) return;
      if (now() - probedAt >= PROBE_EVERY_MS) {
        probedAt = now();
        await health.track(probe()).catch(() => {});
      }
      if (failure !== null) throw new WritesFailing(`writes fail: ${failure instanceof Error ? failure.message : String(failure)}`);
    },
  };
  return health;
}
