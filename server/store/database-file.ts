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
import { readdirSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { basename, resolve } from 'node:path';

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

/**
 * Where the file this server opened can still be read once deleted or replaced (Linux):
 * /proc/<pid>/fd/<n>. Once the log is copied into it (`checkpoint` below) and writes are
 * refused, a copy of it holds every conversation acked.
 */
function stillOpenAt(file: string): string | null {
  const deleted = `${resolve(file)} (deleted)`;
  try {
    for (const fd of readdirSync('/proc/self/fd')) {
      const target = (() => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`);
        } catch {
          return null;
        }
      })();
      if (target === deleted) return `/proc/${process.pid}/fd/${fd}`;
    }
  } catch {
    // Not Linux: nothing to point at.
  }
  return null;
}

export interface DatabaseFileOptions {
  /** Hears once what happened and what to do, for the operator. */
  onGone(line: string): void;
  /**
   * Copies the log into the database file the server has open (a checkpoint on its own
   * connection, which still reaches a deleted file); true if all of it went. Not run when the
   * file was overwritten in place: that would write into the file put there.
   */
  checkpoint(): boolean;
}

const safely = (run: () => boolean) => {
  try {
    return run();
  } catch {
    return false;
  }
};

/** Watches `file` and its WAL (in WAL mode, once opened). */
export function watchDatabaseFile(file: string, { onGone, checkpoint }: DatabaseFileOptions): DatabaseFileWatch {
  const paths = [file, `${file}-wal`].filter((path) => statSync(path, { throwIfNoEntry: false }));
  const opened = paths.map((path) => identityOf(statSync(path)));
  let gone: DatabaseFileGone | null = null;

  /** `walOnly`: the database file at the path is still the one opened; only its log went. */
  const changed = (): { what: string; inPlace: boolean; walOnly: boolean } | null => {
    for (const [i, path] of paths.entries()) {
      const now = statSync(path, { throwIfNoEntry: false });
      const was = opened[i]!;
      if (!now) return { what: `${basename(path)} was deleted`, inPlace: false, walOnly: i > 0 };
      if (now.dev !== was.dev || now.ino !== was.ino || now.nlink === 0) return { what: `${basename(path)} was replaced by another file`, inPlace: false, walOnly: i > 0 };
      if (i === 0 && now.size < was.size) return { what: `${basename(path)} was overwritten with a smaller file`, inPlace: true, walOnly: false };
      if (i === 0) was.size = now.size;
    }
    return null;
  };

  return {
    check() {
      if (gone) throw gone;
      const change = changed();
      if (!change) return;
      const { what } = change;
      gone = new DatabaseFileGone(`the database file ${file} was deleted or replaced while the server ran (${what}); writes are refused until the server is restarted`);
      // Everything acked into the file this server has open: with the WAL alone deleted, into the
      // file at the path (a restart then loses nothing); else into the one only this server can reach.
      const saved = !change.inPlace && safely(checkpoint);
      const openAt = saved && !change.walOnly ? stillOpenAt(file) : null;
      onGone(
        `The database file ${file} was deleted or replaced while the server ran (${what}). ` +
          'Writes are refused from now on: nothing is acked that is not stored, and unsaved messages wait in the browsers. ' +
          (saved && change.walOnly
            ? `Nothing is lost: everything acked is now in ${resolve(file)} itself. Restart the server (do not restore a backup: it would lose what came since).`
            : openAt
            ? `The conversations are not lost yet: this server still has the file open. Save it before stopping the server: cp ${openAt} ${resolve(file)}.saved; ` +
              `then stop the server, put ${resolve(file)}.saved in place of ${resolve(file)}, and start it again.`
            : 'Restart the server: it then opens what is at that path (a new, empty database if nothing is). ' +
              'To keep the conversations, stop the server and put the file back, or restore a backup (README, Backups), before starting it again.'),
      );
      throw gone;
    },
  };
}
