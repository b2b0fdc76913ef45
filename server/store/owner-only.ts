// The SQLite database holds every conversation, so it is its server user's alone (mode 0600),
// whatever the umask and whoever made the data directory: a directory the site owner made
// (systemd's StateDirectory=, a hand `mkdir`, mode 0755) is theirs to set, and better-sqlite3
// creates the file under the umask (0644 with the usual 022): every local user could read it.
// So the file is made 0600 before SQLite opens it, and SQLite gives its log and index
// (`-wal`, `-shm`) the main file's mode on Unix. A database an earlier release made 0644 is
// tightened at start, with its log and index when they were left behind.
import { chmodSync, statSync, writeFileSync } from 'node:fs';

/** The mode of every file holding visitors' words: read and written by this user alone. */
export const OWNER_ONLY = 0o600;

/** Mode bits that let other users (group, others) in. */
const OTHERS = 0o077;

/** The SQLite log and index beside a database file. */
const SIDE_FILES = ['-wal', '-shm'];

/** Creates `file` empty, readable and writable by this user only, when it is not there yet. */
function createOwnerOnly(file: string): void {
  try {
    // 'wx': never over a file made meanwhile; the mode is the one the umask cannot widen.
    writeFileSync(file, '', { flag: 'wx', mode: OWNER_ONLY });
  } catch {
    // There already, or not makeable here (a read-only disk, another user's directory): SQLite's
    // open, next, fails with its own error for the latter, which the start turns into words.
  }
}

/** Takes other users' bits off `path`; the mode it had when it had any, else null (or not there). */
function tighten(path: string, log: (line: string) => void): number | null {
  const mode = statSync(path, { throwIfNoEntry: false })?.mode;
  if (mode === undefined || (mode & OTHERS) === 0) return null;
  try {
    chmodSync(path, mode & 0o777 & ~OTHERS);
  } catch (error) {
    log(`${path} is readable by other users of this machine (mode ${(mode & 0o777).toString(8)}) and this user may not change that (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): it holds visitors' conversations; as its owner, run chmod 600 on it`);
    return null;
  }
  return mode & 0o777;
}

/** Before SQLite opens `file`: made 0600 when new, tightened to its user when an earlier release left it open to others (told once, in `log`). */
export function ownerOnlyDatabase(file: string, log: (line: string) => void): void {
  if (file === ':memory:' || file === '') return;
  createOwnerOnly(file);
  const was = tighten(file, log);
  for (const side of SIDE_FILES) tighten(`${file}${side}`, log);
  if (was !== null) {
    log(`${file} was readable by other users of this machine (mode ${was.toString(8)}): made readable by this user only (mode ${(was & ~OTHERS).toString(8)}), as it holds visitors' conversations.`);
  }
}
