// One server per data directory. Two processes on one SQLite file would each relay only to
// their own sockets (the in-process bus does not cross processes), so the second one stops
// at start.
//
// The lock is one the OS drops when its process dies: an exclusive SQLite lock (fcntl) on
// `server.lock`, held by a connection that stays open while the server runs. A pid file alone
// cannot tell a crashed server from a live one: in a container the restarted server usually has
// the dead one's pid (1, or 7 under npm), or the pid may now be some unrelated process; and
// "read a dead pid, then write ours" lets two servers starting together both win. SQLite is
// already here (no package for flock), works the same on Linux and macOS, and sees two
// connections of one process as rivals too. `server.pid` says who holds the lock, for the
// message; it is written after the lock is taken.
//
// Releases before this lock locked with `server.pid` alone (created exclusively, taken over when
// its pid was dead), and know nothing of `server.lock`. During an upgrade such a server may still
// run on the directory, so a pid file found after taking the lock is a rival too when its process
// is alive and started before the file was written (a reused pid started after); a stale one is
// replaced. Ours is created the way they create theirs, exclusively, so the two never both win.
import Database from 'better-sqlite3';
import { constants, type Stats } from 'node:fs';
import { access, link, readFile, rename, stat, statfs, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { processStartedAt } from './process-start';
import { StartError } from './start-error';

export interface DataLock {
  release(): Promise<void>;
}

/** Who holds the lock: their pid, or 0 when their pid file is not written yet (or unreadable). */
export interface HeldLock {
  heldBy: number;
}

export const LOCK_FILE = 'server.lock';
export const PID_FILE = 'server.pid';

/** The open connection holding the exclusive lock, or null when another connection holds it (agents-file.ts locks with it too). */
export function takeLock(file: string): Database.Database | null {
  // timeout 0: a held lock answers SQLITE_BUSY at once instead of waiting for it.
  const db = new Database(file, { timeout: 0 });
  try {
    // EXCLUSIVE locking mode keeps the lock BEGIN EXCLUSIVE takes until the connection closes.
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    return db;
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return null;
    throw error;
  }
}

/**
 * The lock, tried a few times: two starters at once can each hold SQLite's shared lock on the
 * way to the exclusive one and both be told BUSY (seen in CI), though nobody holds it. A lock
 * really held stays held through the retries.
 */
async function takeLockSoon(file: string): Promise<Database.Database | null> {
  for (let attempt = 0; ; attempt++) {
    const db = takeLock(file);
    if (db || attempt === 8) return db;
    await sleep(20 + Math.random() * 40);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(file: string): Promise<number> {
  // The holder writes its pid right after taking the lock: a starter that lost a race may read
  // before that, finding no file or a crashed server's dead pid, so it looks again for a while
  // before saying it does not know. (Only the message depends on this, never the lock.)
  for (let attempt = 0; attempt < 40; attempt++) {
    const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) return pid;
    await sleep(50);
  }
  return 0;
}

/** Slack for clocks: /proc and `ps` give a start to about a second, mtimes to the file system's grain. */
const START_SLACK_MS = 2_000;

/**
 * The live server of an older release that wrote the pid file, or 0 when the file is stale: its
 * pid is dead, is ours (a container restart), or is a process that started after the file was
 * written. An empty file is one being written (older releases open, then write): looked at again.
 */
async function legacyHolder(pidFile: string): Promise<number> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const [text, written] = await Promise.all([readFile(pidFile, 'utf8').catch(() => null), stat(pidFile).catch(() => null)]);
    if (text === null || written === null) return 0;
    if (text.trim() === '') {
      await sleep(50);
      continue;
    }
    const pid = Number(text.trim());
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !alive(pid)) return 0;
    const started = processStartedAt(pid);
    // Not known when it started: taken as the writer, the safe side (the message says what to do).
    return started !== null && started > written.mtimeMs + START_SLACK_MS ? 0 : pid;
  }
  return 0;
}

/** Writes our pid unless a live older server's file is there: resolves to that server's pid, or 0. */
async function writePid(pidFile: string, mine: string): Promise<number> {
  // Whole or not at all, so a rival never reads half a pid; link() fails if the file exists.
  const temp = `${pidFile}.${mine}.tmp`;
  await writeFile(temp, mine);
  try {
    try {
      // A file system without hard links (some network and container mounts): created exclusively.
      await link(temp, pidFile).catch((error: NodeJS.ErrnoException) => (error.code === 'EEXIST' ? Promise.reject(error) : writeFile(pidFile, mine, { flag: 'wx' })));
      return 0;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await legacyHolder(pidFile);
    if (holder) return holder;
    await rename(temp, pidFile);
    return 0;
  } finally {
    await unlink(temp).catch(() => {});
  }
}

/**
 * A failure to create the data directory (make-directory.ts), as a StartError saying why. The
 * cause is looked for where the path stops existing: the nearest part of it that is there.
 */
export async function dataDirCreateProblem(dir: string, error: unknown): Promise<StartError> {
  const code = String((error as { code?: unknown }).code ?? '');
  // The data directory itself first: --data naming a file fails as EEXIST, which says nothing.
  let at = resolve(dir);
  let found: Stats | null = await stat(at).catch(() => null);
  while (!found && dirname(at) !== at) {
    at = dirname(at);
    found = await stat(at).catch(() => null);
  }
  const refused = found?.isDirectory()
    ? await access(at, constants.W_OK).then(
        () => null,
        (denied: NodeJS.ErrnoException) => denied.code ?? 'EACCES',
      )
    : null;
  const cause =
    found && !found.isDirectory()
      ? `${at === resolve(dir) ? 'it' : at} is a file, not a directory; pass another --data`
      : code === 'EROFS' || refused === 'EROFS'
        ? `${at} is on a read-only file system; mount it read-write, or pass another --data`
        : code === 'ENOSPC' || code === 'EDQUOT'
          ? `no space is left on the disk of ${at}; free some, then start again`
          : // ENOENT with the parent there: a file system that makes no directories (/proc answers so, even to root).
          code === 'ENOENT' && found?.isDirectory()
          ? `${at} takes no new directories (a file system of the kernel's, as /proc and /sys are); pass another --data`
          : refused !== null || code === 'EACCES' || code === 'EPERM'
            ? `this user (uid ${process.getuid?.() ?? '?'}) may not create it in ${at}; create it and give it to this user (chown), or pass another --data`
            : (error as Error).message;
  return new StartError(`Cannot create the data directory ${dir}: ${cause}`);
}

/**
 * A failure to write in the data directory at start, as a StartError naming the directory and
 * why: a read-only file system, a directory this user may not write, or a full disk. SQLite says
 * only "unable to open database file" or "database or disk is full", and names no file.
 */
export async function dataDirProblem(dir: string, error: unknown): Promise<StartError> {
  const code = String((error as { code?: unknown }).code ?? '');
  const denied = (path: string) =>
    access(path, constants.W_OK).then(
      () => null,
      (refused: NodeJS.ErrnoException) => (refused.code === 'ENOENT' ? null : (refused.code ?? 'EACCES')),
    );
  const writable = (await denied(dir)) ?? (await denied(join(dir, LOCK_FILE))) ?? (await denied(join(dir, PID_FILE)));
  const space = await statfs(dir).then(
    (fs) => fs.bavail * fs.bsize,
    () => null,
  );
  const cause =
    code === 'EROFS' || writable === 'EROFS'
      ? 'it is on a read-only file system; mount it read-write, or pass another --data'
      : code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || space === 0
        ? `no space is left on its disk${space === null ? '' : ` (${Math.floor(space / 1024)} KB free)`}; free some, then start again`
        : writable !== null || code === 'EACCES' || code === 'EPERM' || code.startsWith('SQLITE_READONLY')
          ? `this user (uid ${process.getuid?.() ?? '?'}) may not write there; give it the directory (chown), or pass another --data`
          : `cannot write its lock (${LOCK_FILE}, ${PID_FILE}): ${(error as Error).message}`;
  return new StartError(`Cannot use the data directory ${dir}: ${cause}`);
}

/** Takes the lock, or resolves to the pid of the live server that holds it; fails with a StartError saying why it cannot write there. */
export async function lockDataDir(dir: string): Promise<DataLock | HeldLock> {
  try {
    return await lockDataDirAs(dir);
  } catch (error) {
    throw await dataDirProblem(dir, error);
  }
}

async function lockDataDirAs(dir: string): Promise<DataLock | HeldLock> {
  const pidFile = join(dir, PID_FILE);
  // The lock file is never deleted: a starter could open it just before the unlink and then
  // lock a file nobody else can find, beside a second starter locking the new one.
  const db = await takeLockSoon(join(dir, LOCK_FILE));
  if (!db) return { heldBy: await readHolder(pidFile) };
  const mine = String(process.pid);
  try {
    const olderServer = await writePid(pidFile, mine);
    if (olderServer) {
      db.close();
      return { heldBy: olderServer };
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    async release() {
      // The pid file goes before the lock, so it never names a newer holder.
      const content = await readFile(pidFile, 'utf8').catch(() => '');
      if (content === mine) await unlink(pidFile).catch(() => {});
      db.close();
    },
  };
}
