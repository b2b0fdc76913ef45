// The database read for `kohtaamo data backup` (data-backup.ts), also from a data directory it may
// not write: a file system Linux remounted read-only after disk errors, a mounted snapshot, a
// directory of the server's user. Then is when a backup is wanted most.
//
// SQLite reads a database in WAL mode only with its log (`-wal`) and the log's index (`-shm`)
// beside it, and makes them when they are not there; after a clean stop they are not. It can read
// without them as "immutable", but only through a URI filename, which better-sqlite3 is built
// without (SQLITE_USE_URI=0); and immutable would skip a log that holds commits. So where SQLite
// cannot open the database in place, the database file and its log are copied into the backup's
// unfinished directory and read there, SQLite recovering the log's commits as a server would.
// That copy is of one moment only when nobody writes meanwhile: on a read-only file system nobody
// can; elsewhere, no `-shm` means no server has the database open, and the file is checked to be
// unchanged after the copy. It needs room for the database twice at --out for the moment.
import Database from 'better-sqlite3';
import { constants } from 'node:fs';
import { access, copyFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Writes the database's current state (its log's commits included) to `to`, a new file, as VACUUM INTO does. */
function vacuumInto(from: string, to: string, readonly: boolean): void {
  // Read-only in place: the backup never writes to the server's database, so it can neither block
  // the server's writes nor change a byte of it. The busy timeout covers the moment a server starts
  // (recovering the log) or a checkpoint resets it.
  const db = new Database(from, { readonly, fileMustExist: true, timeout: 5000 });
  try {
    db.prepare('VACUUM INTO ?').run(to);
  } finally {
    db.close();
  }
}

const CANNOT_WRITE_BESIDE = new Set(['SQLITE_CANTOPEN', 'SQLITE_READONLY_DIRECTORY']);

/** The code access(2) refuses writing in `dir` with, or null when it may. */
const writeRefusal = (dir: string) =>
  access(dir, constants.W_OK).then(
    () => null,
    (error: NodeJS.ErrnoException) => error.code ?? 'EACCES',
  );

const exists = (path: string) => stat(path).then(() => true, () => false);

/** What identifies a file's content without reading it: changed by any write. */
const version = async (path: string) => {
  const s = await stat(path, { bigint: true });
  return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
};

/**
 * Copies the database `from` to `to` (VACUUM INTO), reading it in place where SQLite can, else
 * from a copy made in `scratch` (a directory of the backup's own, which it leaves as it found it).
 */
export async function copyDatabase(from: string, to: string, scratch: string): Promise<void> {
  try {
    return vacuumInto(from, to, true);
  } catch (error) {
    // Cannot make the log or its index: CANTOPEN on a read-only disk, READONLY_DIRECTORY in a
    // directory this user may not write.
    if (!CANNOT_WRITE_BESIDE.has(String((error as { code?: unknown }).code))) throw error;
    // SQLite says the same of a file this user may not read (the server makes it 0600).
    if ((await access(from, constants.R_OK).then(() => null, (refused: NodeJS.ErrnoException) => refused.code)) !== null) {
      throw new Error(`this user (uid ${process.getuid?.() ?? '?'}) may not read ${from}; run the backup as the server's user`);
    }
    const dir = dirname(from);
    const refused = await writeRefusal(dir);
    // It may write there, so the cause is something else: SQLite's words.
    if (refused === null) throw error;
    const readOnlyDisk = refused === 'EROFS';
    if (!readOnlyDisk && (await exists(`${from}-shm`))) {
      throw new Error(
        `this user (uid ${process.getuid?.() ?? '?'}) may not write in ${dir}, and SQLite reads a database a server has open (its ${basename(from)}-shm is there) only by writing beside it; run the backup as the server's user`,
      );
    }
    await fromCopy(from, to, scratch, readOnlyDisk);
  }
}

/** The database and its log copied into `scratch`, and read there; the copy deleted after. */
async function fromCopy(from: string, to: string, scratch: string, readOnlyDisk: boolean): Promise<void> {
  const copy = join(scratch, `source-${basename(from)}`);
  const before = await version(from);
  try {
    await copyFile(from, copy);
    // The log's commits, and a rollback journal's undo should an older file have one: SQLite
    // applies them as it opens the copy. The log's index is made anew from the log.
    for (const suffix of ['-wal', '-journal']) {
      await copyFile(`${from}${suffix}`, `${copy}${suffix}`).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
    // Nobody writes on a read-only file system; elsewhere a server may have started meanwhile.
    if (!readOnlyDisk && ((await version(from)) !== before || (await exists(`${from}-shm`)))) {
      throw new Error(`the database was written while it was copied (a server started on ${dirname(from)}?); run the backup again`);
    }
    vacuumInto(copy, to, false);
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(`${copy}${suffix}`, { force: true });
  }
}
