// Whether the database file the server has open is still the one at its path. SQLite keeps
// writing into the file it opened: deleted (`rm data/kohtaamo.sqlite*`), it writes into an
// inode nobody can reach again, and every message it acks from then on is gone at the next
// start; replaced (a backup moved or copied over it), it writes its pages into someone else's
// file. Neither makes SQLite fail, so the server looks: before each group commit batch (one
// stat of each file, a few µs, against milliseconds for the commit's fsync) and on each
// health check.
//
// Once the file is gone the server refuses every write until it is restarted. Reopening the
// path by itself would be wrong either way: an empty new database would hide every open
// conversation from the agents, and a restored backup is for the operator to choose, with
// the conversations since then knowingly lost.
import { statSync, type Stats } from 'node:fs';
import { basename } from 'node:path';

/**
 * A write refused because the database file was deleted or replaced. The code is SQLite's own
 * for a database file moved while open, so it counts as the storage's failure (write-health.ts).
 */
export class DatabaseFileGone extends Error {
  readonly code = 'SQLITE_READONLY_DBMOVED';
}

export interface DatabaseFileWatch {
  /** Throws DatabaseFileGone, now and ever after, once the file (or its WAL) is not the one opened. */
  check(): void;
}

interface Identity {
  dev: number;
  ino: number;
  /** The largest size seen: the server's database never shrinks (no auto_vacuum, no VACUUM), a copy of an older one does. */
  size: number;
}

const identityOf = (stats: Stats): Identity => ({ dev: stats.dev, ino: stats.ino, size: stats.size });

/** Watches `file` and its WAL (in WAL mode, once opened). `onGone` hears once what happened, for the operator. */
export function watchDatabaseFile(file: string, onGone: (line: string) => void): DatabaseFileWatch {
  const paths = [file, `${file}-wal`].filter((path) => statSync(path, { throwIfNoEntry: false }));
  const opened = paths.map((path) => identityOf(statSync(path)));
  let gone: DatabaseFileGone | null = null;

  const changed = (): string | null => {
    for (const [i, path] of paths.entries()) {
      const now = statSync(path, { throwIfNoEntry: false });
      const was = opened[i]!;
      if (!now) return `${basename(path)} was deleted`;
      if (now.dev !== was.dev || now.ino !== was.ino || now.nlink === 0) return `${basename(path)} was replaced by another file`;
      if (i === 0 && now.size < was.size) return `${basename(path)} was overwritten with a smaller file`;
      if (i === 0) was.size = now.size;
    }
    return null;
  };

  return {
    check() {
      if (gone) throw gone;
      const what = changed();
      if (!what) return;
      gone = new DatabaseFileGone(`the database file ${file} was deleted or replaced while the server ran (${what}); writes are refused until the server is restarted`);
      onGone(
        `The database file ${file} was deleted or replaced while the server ran (${what}). ` +
          'Writes are refused from now on: nothing is acked that is not stored, and unsaved messages wait in the browsers. ' +
          'Restart the server: it then opens what is at that path (a new, empty database if nothing is). ' +
          'To keep the conversations, stop the server and put the file back, or restore a backup (README, Backups), before starting it again.',
      );
      throw gone;
    },
  };
}
