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
// connections of one process as rivals too. `server.pid` only says who holds the lock, for the
// message; it is written after the lock is taken and never decides anything.
import Database from 'better-sqlite3';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface DataLock {
  release(): Promise<void>;
}

/** Who holds the lock: their pid, or 0 when their pid file is not written yet (or unreadable). */
export interface HeldLock {
  heldBy: number;
}

export const LOCK_FILE = 'server.lock';
export const PID_FILE = 'server.pid';

/** The open connection holding the exclusive lock, or null when another connection holds it. */
function takeLock(file: string): Database.Database | null {
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

/** Takes the lock, or resolves to the pid of the live server that holds it. */
export async function lockDataDir(dir: string): Promise<DataLock | HeldLock> {
  const pidFile = join(dir, PID_FILE);
  // The lock file is never deleted: a starter could open it just before the unlink and then
  // lock a file nobody else can find, beside a second starter locking the new one.
  const db = await takeLockSoon(join(dir, LOCK_FILE));
  if (!db) return { heldBy: await readHolder(pidFile) };
  const mine = String(process.pid);
  try {
    // Whole or not at all, so a rival never reads half a pid.
    const temp = `${pidFile}.${mine}.tmp`;
    await writeFile(temp, mine);
    await rename(temp, pidFile);
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
