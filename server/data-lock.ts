// One server per data directory. Two processes on one SQLite file would each relay only to
// their own sockets (the in-process bus does not cross processes), so the second one stops
// at start. The lock is a pid file: a crashed server's file names a dead process and is taken over.
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface DataLock {
  release(): Promise<void>;
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

/** Takes the lock, or resolves to the pid of the live server that holds it. */
export async function lockDataDir(dir: string): Promise<DataLock | { heldBy: number; file: string }> {
  const file = join(dir, 'server.pid');
  const mine = String(process.pid);
  try {
    await writeFile(file, mine, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(holder) && holder > 0 && alive(holder)) return { heldBy: holder, file };
    await writeFile(file, mine);
  }
  return {
    async release() {
      const content = await readFile(file, 'utf8').catch(() => '');
      if (content === mine) await unlink(file).catch(() => {});
    },
  };
}
