// `kohtaamo data backup`: a copy of a data directory that is itself a data directory, taken
// while the server runs. Restoring is copying it, the server stopped, into the data directory's
// place (cli/data.ts prints the line); the backup itself stays a backup, never a server's data.
//
// What a server keeps there: the SQLite database (in WAL mode: the newest commits are in
// `kohtaamo.sqlite-wal` until a checkpoint copies them into the file, so `cp` of the file alone
// misses them, and `cp` of both while the server writes can pair a file and a log of different
// moments: a torn copy), and `agents.json`. Files visitors send are rows of the database
// (schema.ts `files`), so they come with it. The locks and the pid file (data-lock.ts) are the
// running server's, never copied: a restored directory is free for the server started on it.
//
// The database is copied with `VACUUM INTO`, not SQLite's online backup API (better-sqlite3's
// `db.backup()`): the backup API copies page by page and starts over whenever another connection
// writes between two steps, so beside a server writing every few milliseconds a large database
// may never finish (copied in one step, it holds one read transaction like VACUUM INTO does).
// VACUUM INTO reads one snapshot in one read transaction, the log's commits included; in WAL mode
// that never blocks the server's writes (its checkpoints only stop short of the snapshot until the
// copy is done, and the TRUNCATE one gives up after 50 ms: checkpointer.ts). It writes a fresh,
// compact file in rollback-journal mode, self-contained with no `-wal` beside it, and leaves out
// free pages, so what an erasure freed never travels into a backup. It costs CPU in this process,
// not the server's. A data directory it may not write (a read-only disk) is read as
// data-backup-read.ts says.
//
// The copy is made under a name that says it is incomplete, checked (integrity_check, the
// schema version, the agents file read as the server reads it), synced, and only then renamed to
// the name asked for: a crash or a failure leaves nothing that looks like a finished backup.
import Database from 'better-sqlite3';
import { chmod, mkdtemp, open, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { agentsFile, AgentsFileError, loadAgents } from './agents-file';
import { copyDatabase } from './data-backup-read';
import { LOCK_FILE, PID_FILE } from './data-lock';
import { makeDirectory } from './make-directory';
import { DATABASE_FILE } from './store/sqlite';
import { SCHEMA_VERSION } from './store/schema-version';

/** A backup refused before anything was written: the message says what to change. */
export class BackupRefused extends Error {}

export interface BackupResult {
  /** The finished backup directory. */
  out: string;
  schemaVersion: number;
  conversations: number;
  events: number;
  /** Files visitors sent, stored in the database, and their bytes. */
  files: number;
  fileBytes: number;
  /** Agents in the copied agents.json; null when the data directory has none. */
  agents: number | null;
  /** Why the copied agents.json does not read, as the server would say it (copied as it is all the same). */
  agentsProblem: string | null;
  /** The backup's size on disk. */
  bytes: number;
  /** What else lay in the data directory and was left out: not Kohtaamo's. */
  leftOut: string[];
  /** Earlier runs' unfinished copies found beside the backup, to delete. */
  unfinished: string[];
}

/**
 * What Kohtaamo keeps in a data directory besides the two copied: the database's log and index
 * (their commits are in the copy), the locks and their journals, the pid file, temporary files.
 */
const isKohtaamos = (name: string) =>
  name.startsWith(`${DATABASE_FILE}-`) || name.startsWith(LOCK_FILE) || name.startsWith('agents.json.') || name.startsWith(PID_FILE);

/** The name an unfinished copy has: the backup's own, marked so nobody takes it for one. */
const UNFINISHED = '.incomplete-';

/** `path` with its symbolic links resolved as far as it exists, so a destination inside the data directory is seen whichever way it is named. */
async function realPathAsFarAsItExists(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const parent = dirname(path);
    return parent === path ? path : join(await realPathAsFarAsItExists(parent), basename(path));
  }
}

const isWithin = (inner: string, outer: string) => {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

async function refuseDestination(dataDir: string, out: string): Promise<void> {
  if (isWithin(await realPathAsFarAsItExists(out), await realPathAsFarAsItExists(dataDir))) {
    throw new BackupRefused(`${out} is inside the data directory ${dataDir}: a backup there goes with the data when the disk or the directory does, and the next backup would copy it again; pass an --out outside it (another disk is best)`);
  }
  const found = await stat(out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (found === null) return;
  if (!found.isDirectory()) throw new BackupRefused(`${out} exists and is not a directory: --out names a new directory to write the backup to; pass a name not taken`);
  if ((await readdir(out)).length > 0) {
    throw new BackupRefused(`${out} already exists and is not empty: a backup never overwrites one; pass a new name (e.g. ${newerName(out, new Date())}), or delete the old one first`);
  }
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

/**
 * A name to suggest for a second backup: `out` with the date (local, as `date +%F` in cron
 * writes it), or with the time when the name has a date already (the README's nightly name run
 * twice a day: /var/backups/kohtaamo/2026-11-25-0312).
 */
function newerName(out: string, now: Date): string {
  const date = `${now.getFullYear()}-${twoDigits(now.getMonth() + 1)}-${twoDigits(now.getDate())}`;
  return /\d{4}-\d{2}-\d{2}$/.test(basename(out)) ? `${out}-${twoDigits(now.getHours())}${twoDigits(now.getMinutes())}` : `${out}-${date}`;
}

/** Checks `out` (refuseDestination), then makes the unfinished copy's directory beside it. */
async function makeDestination(dataDir: string, out: string): Promise<string> {
  await refuseDestination(dataDir, out);
  // Personal data: the backup, like the data directory, is for the server's user only.
  await makeDirectory(dirname(out), 0o700);
  return mkdtemp(`${out}${UNFINISHED}`);
}

/** The first of `path` and its parents, from the root down, that is there and is not a directory. */
async function fileOnTheWay(path: string): Promise<string | null> {
  const parent = dirname(path);
  if (parent !== path) {
    const above = await fileOnTheWay(parent);
    if (above !== null) return above;
  }
  const found = await stat(path).catch(() => null);
  return found !== null && !found.isDirectory() ? path : null;
}

/** What is wrong with --out, in words, from the error the file system gave on the way to making it. */
async function destinationProblem(out: string, error: NodeJS.ErrnoException): Promise<string> {
  const where = error.path ?? out;
  switch (error.code) {
    case 'ENOTDIR': {
      const file = await fileOnTheWay(out);
      return file !== null ? `${file} is a file, not a directory, so no directory can be made in it; pass an --out whose parent is a directory` : `a part of it is not a directory (${error.message})`;
    }
    case 'EACCES':
    case 'EPERM':
      return `the user running this may not ${error.syscall === 'mkdir' || error.syscall === 'mkdtemp' ? 'make a directory in' : 'look in'} ${error.syscall === 'mkdtemp' ? dirname(out) : where}; pass an --out where it may, or run this as the server's user`;
    case 'EROFS':
      return `${where} is on a read-only file system; pass an --out on a writable one`;
    case 'ENOSPC':
      return `the disk of ${dirname(out)} is full`;
    case 'ELOOP':
      return `its path goes round a loop of symbolic links`;
    case 'ENAMETOOLONG':
      return `the name is too long for the file system`;
    default:
      return error.message;
  }
}

/** Flushes a file or a directory (its entries) to the disk, so a power cut after we say "done" keeps the backup. */
async function sync(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A directory's entries flushed where the file system can (some network ones cannot sync a directory: then as good as it gets). */
const syncDirectory = (path: string) => sync(path).catch(() => {});

async function sizeOf(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir)) total += (await stat(join(dir, name))).size;
  return total;
}

interface DatabaseCheck {
  schemaVersion: number;
  conversations: number;
  events: number;
  files: number;
  fileBytes: number;
}

/** Opens the copy as a reader would and checks every page and index of it; throws when it is not whole. */
function checkCopy(file: string): DatabaseCheck {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
    if (problems.join() !== 'ok') throw new Error(`the copy failed SQLite's integrity check (${problems.slice(0, 3).join('; ')}): the database itself may be damaged`);
    const schemaVersion = Number(db.pragma('user_version', { simple: true }));
    if (schemaVersion === 0) throw new Error('the copy has no schema version: the database is not one a Kohtaamo server has opened');
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      schemaVersion,
      conversations: count('SELECT COUNT(*) AS n FROM conversations'),
      events: count('SELECT COUNT(*) AS n FROM events'),
      files: count('SELECT COUNT(*) AS n FROM files'),
      // length() reads a blob's size from its record header, not its pages.
      fileBytes: count('SELECT coalesce(sum(length(bytes)), 0) AS n FROM files'),
    };
  } finally {
    db.close();
  }
}

/** Copies agents.json whole (it is only ever replaced by a rename, never written in place); false when there is none. */
async function copyAgents(dataDir: string, dir: string): Promise<boolean> {
  let text: Buffer;
  try {
    text = await readFile(agentsFile(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new Error(`cannot read ${agentsFile(dataDir)}: ${(error as Error).message}`);
  }
  const copy = agentsFile(dir);
  // 0600 as the server writes it: it holds the agents' password hashes.
  await writeFile(copy, text, { mode: 0o600 });
  await sync(copy);
  return true;
}

/** The copied agents.json read as the server reads it; a problem is told of as the original's, which is the one to fix. */
async function readAgents(copyDir: string, dataDir: string): Promise<{ agents: number; agentsProblem: string | null }> {
  try {
    return { agents: (await loadAgents(agentsFile(copyDir))).length, agentsProblem: null };
  } catch (error) {
    if (!(error instanceof AgentsFileError)) throw error;
    return { agents: 0, agentsProblem: error.message.replaceAll(agentsFile(copyDir), agentsFile(dataDir)) };
  }
}

/**
 * Backs `dataDir` up to `out`, a directory that does not exist yet or is empty, outside `dataDir`.
 * Throws BackupRefused (nothing written) or the error that stopped the copy (nothing left).
 */
export async function backupDataDir(dataDir: string, outPath: string): Promise<BackupResult> {
  const out = resolve(outPath);
  const database = join(dataDir, DATABASE_FILE);
  if (!(await stat(database).catch(() => null))?.isFile()) {
    throw new BackupRefused(`no conversations are stored in ${dataDir} (no ${database}); pass the server's --data DIR`);
  }
  const temp = await makeDestination(dataDir, out).catch(async (error: unknown) => {
    if (error instanceof BackupRefused || typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
    // The file system's words name a call and a code; say which flag is at fault, and why.
    throw new BackupRefused(`cannot make --out ${out}: ${await destinationProblem(out, error as NodeJS.ErrnoException)}`);
  });
  let result: Omit<BackupResult, 'leftOut' | 'unfinished'>;
  try {
    await copyDatabase(database, join(temp, DATABASE_FILE), temp);
    // SQLite made it under the umask (0644 with the usual 022): owner-only as the server's is
    // (store/owner-only.ts), so a copy of the backup made without -a is not everyone's either.
    await chmod(join(temp, DATABASE_FILE), 0o600);
    await sync(join(temp, DATABASE_FILE));
    const hasAgents = await copyAgents(dataDir, temp);
    const checked = checkCopy(join(temp, DATABASE_FILE));
    const { agents, agentsProblem } = hasAgents ? await readAgents(temp, dataDir) : { agents: null, agentsProblem: null };
    const bytes = await sizeOf(temp);
    await syncDirectory(temp);
    await rename(temp, out).catch((error: NodeJS.ErrnoException) => {
      // Another run (or a person) put something there while we copied.
      if (error.code === 'ENOTEMPTY' || error.code === 'EEXIST' || error.code === 'ENOTDIR') throw new BackupRefused(`${out} was written by someone else during the backup; pass a new name`);
      throw error;
    });
    result = { out, ...checked, agents, agentsProblem, bytes };
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => {});
    throw error;
  }
  // Done: what follows only makes the rename last through a power cut, and tells.
  await syncDirectory(dirname(out));
  const leftOut = (await readdir(dataDir)).filter((name) => name !== DATABASE_FILE && name !== 'agents.json' && !isKohtaamos(name));
  const unfinished = (await readdir(dirname(out))).filter((name) => name.startsWith(`${basename(out)}${UNFINISHED}`)).map((name) => join(dirname(out), name));
  return { ...result, leftOut, unfinished };
}

/** Whether this release can open the backup (a newer release's schema it cannot). */
export const restorableHere = (result: BackupResult) => result.schemaVersion <= SCHEMA_VERSION;
