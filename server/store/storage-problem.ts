// What the operator reads when the database refuses writes for the storage's sake: which file,
// the cause in words and what to do, as the start's messages say it (data-lock.ts,
// dataDirProblem), rather than a driver's error and its stack. And one line when writes work
// again, so the log says how long the outage lasted.
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { isDamaged } from './write-health';

const freeSpace = (dir: string): string => {
  try {
    const fs = statfsSync(dir);
    return ` (${Math.floor((fs.bavail * fs.bsize) / 1024)} KB free)`;
  } catch {
    return '';
  }
};

/** PostgreSQL's (its URL, without the password, stands for the file): the server and the way to it, not a disk of ours. */
function databaseServerCause(code: string, message: string): { cause: string; todo: string } {
  if (code === 'ECONNREFUSED') {
    return { cause: `the database server refuses connections (${message})`, todo: 'start PostgreSQL, or check the host and port in the database URL' };
  }
  if (['ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT'].includes(code)) {
    return { cause: `the database server cannot be reached (${message})`, todo: 'check the network and the host in the database URL' };
  }
  if (/^(08|57P)/.test(code) || ['ECONNRESET', 'EPIPE'].includes(code) || message.startsWith('Connection terminated') || message === 'Query read timeout') {
    return { cause: `the connection to the database server was lost (${message})`, todo: 'check that PostgreSQL is running and reachable; the server connects again by itself' };
  }
  if (code === '53100') return { cause: "the database server's disk is full", todo: "free space on the database server's disk" };
  if (code === '25006') return { cause: 'the database is read-only (a standby, after a failover?)', todo: 'point the database URL at the primary' };
  return { cause: message, todo: 'check PostgreSQL and its log' };
}

/** The cause of a failed write in words, and what to do about it. */
function causeOf(file: string, error: unknown): { cause: string; todo: string } {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const message = error instanceof Error ? error.message : String(error);
  if (/^postgres(ql)?:/.test(file)) return databaseServerCause(code, message);
  const dir = dirname(file);
  if (/^SQLITE_FULL/.test(code) || code === 'ENOSPC' || code === 'EDQUOT') {
    return { cause: `the disk is full${freeSpace(dir)}`, todo: `free space on the disk holding ${dir}` };
  }
  if (/^SQLITE_READONLY/.test(code) || code === 'EROFS') {
    return {
      cause: 'its file system is read-only (Linux remounts a file system read-only after disk errors)',
      todo: `check the disk (dmesg), then remount it read-write, or restart the server with --data on a healthy disk`,
    };
  }
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) {
    return { cause: "another process holds the database's write lock", todo: `end that process's transaction (fuser ${file} names it)` };
  }
  if (isDamaged(error)) return { cause: `the database file is damaged (${message})`, todo: restoreBackup(dir) };
  if (/^SQLITE_IOERR/.test(code) || code === 'EIO') {
    return { cause: `the disk or its file system fails to read or write (${message})`, todo: 'check the disk (dmesg) and its file system' };
  }
  if (/^SQLITE_(CANTOPEN|PERM)/.test(code) || code === 'EACCES' || code === 'EPERM') {
    return { cause: `the file cannot be opened or written (${message})`, todo: `check ${dir}: its owner, its permissions, its mount` };
  }
  return { cause: message, todo: `check ${dir} and its disk` };
}

/** The cause of a failed write in words ("the disk is full"). */
export function storageCause(file: string, error: unknown): string {
  return causeOf(file, error).cause;
}

/** What to do about a damaged database, the README's restore (its Backups) with this data directory. */
const restoreBackup = (dir: string) =>
  `with the server stopped, put the latest backup \`kohtaamo data backup\` made in place of ${dir} (README, Backups: mv ${dir} ${dir}.damaged && cp -a BACKUP ${dir}), then start it; what was stored since that backup is lost`;

/** One line, at the start or while running: which file is damaged, and the backup to restore. */
export function damagedDatabase(file: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `The database ${file} is damaged (${message}): what is stored in its damaged part cannot be read or written. To fix: ${restoreBackup(dirname(file))}.`;
}

/** One line: the file, the cause in words, what to do, and what happens meanwhile. */
export function storageProblem(file: string, error: unknown): string {
  if (isDamaged(error) && !/^postgres(ql)?:/.test(file)) return damagedDatabase(file, error);
  const { cause, todo } = causeOf(file, error);
  return (
    `Writes to ${file} fail: ${cause}. To fix: ${todo}. ` +
    "Until then writes are refused (nothing is acked that is not stored) and visitors' and agents' messages wait in their browsers."
  );
}

/** The line when the stop's last checkpoint fails: nothing is lost, the log waits for the next start. */
export function checkpointSkipped(file: string, error: unknown): string {
  const { cause, todo } = causeOf(file, error);
  return (
    `Stopping, the last checkpoint of ${file} failed: ${cause}. Nothing is lost: its write-ahead log (${file}-wal) is kept ` +
    `and replayed at the next start. Before that start: ${todo}.`
  );
}

/** The line that ends an outage. */
export function storageWorksAgain(file: string, afterMs: number): string {
  return `Writes to ${file} work again after ${Math.max(1, Math.round(afterMs / 1000))} s.`;
}
