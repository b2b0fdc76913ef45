// `kohtaamo data backup` of a data directory on a read-only file system (a disk Linux remounted
// read-only after errors, a snapshot mounted to be copied): when a backup is wanted most. SQLite
// reads a database in WAL mode only with `-wal` and `-shm` files beside it, which it makes there
// when they are not (after a clean stop they are gone): "unable to open database file", and no
// backup. Each way a server leaves its directory: stopped cleanly, stopped by a crash (a log whose
// commits are not yet in the file, with its index), and that log without its index.
import { spawnSync } from 'node:child_process';
import { chmod, chown, copyFile, mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { addAgent, handoffInput, tempDir } from '../test-support';
import { DATABASE_FILE, openSqliteStore } from '../store/sqlite';
import { main } from './main';

let dir: { dir: string; remove(): Promise<void> };
let mounted: string | null = null;
beforeEach(async () => (dir = await tempDir()));
afterEach(async () => {
  if (mounted !== null) spawnSync('umount', [mounted]);
  mounted = null;
  await dir.remove();
});

function run(argv: string[]) {
  const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
  let out = '';
  let err = '';
  io.stdout.on('data', (d: Buffer) => (out += d.toString()));
  io.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return main(argv, io, {}).then((code) => ({ code, out, err }));
}

/**
 * A data directory on a file system of its own, made read-only once `files` of a server's data
 * directory are copied in: the database file, and as a server left them its log and the log's
 * index. The first conversation is in the database file; the second only in the log (when copied).
 * Null where mounting needs a root this test does not have.
 */
async function readOnlyData(files: ('-wal' | '-shm')[]): Promise<string | null> {
  const source = join(dir.dir, 'source');
  await mkdir(source);
  const file = join(source, DATABASE_FILE);
  const first = openSqliteStore(file, { checkpointMs: 0 });
  await first.createVisitor('v1', 'hash-v1', 1);
  await first.handoff(handoffInput('v1', 'c1', 1));
  await first.close();
  await addAgent(source, 'aino', 'Aino', 'aino-password-123');
  // A server still writing: its last commit only in the log, copied as a crash would leave it.
  const second = openSqliteStore(file, { checkpointMs: 0 });
  await second.createVisitor('v2', 'hash-v2', 2);
  await second.handoff(handoffInput('v2', 'c2', 2));
  const disk = join(dir.dir, 'disk');
  await mkdir(disk);
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', disk]).status !== 0) {
    await second.close();
    return null;
  }
  mounted = disk;
  const data = join(disk, 'data');
  await mkdir(data, { mode: 0o700 });
  for (const name of [DATABASE_FILE, ...files.map((suffix) => `${DATABASE_FILE}${suffix}`), 'agents.json']) await copyFile(join(source, name), join(data, name));
  await second.close();
  expect(spawnSync('mount', ['-o', 'remount,ro', disk]).status).toBe(0);
  return data;
}

const conversationsIn = (backup: string) => {
  const db = new Database(join(backup, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT id FROM conversations ORDER BY id').all() as { id: string }[]).map((row) => row.id);
  } finally {
    db.close();
  }
};

it.each([
  ['stopped cleanly: the database file alone', [], ['c1']],
  ['stopped by a crash: a log with commits, and its index', ['-wal', '-shm'], ['c1', 'c2']],
  ['a log with commits, without its index', ['-wal'], ['c1', 'c2']],
] as const)('backs up a data directory on a read-only file system, %s', async (_, files, conversations) => {
  const data = await readOnlyData([...files]);
  if (data === null) return;
  const before = await readdir(data);
  const out = join(dir.dir, 'backup');
  const result = await run(['data', 'backup', '--data', data, '--out', out]);
  expect(result).toMatchObject({ code: 0, err: '' });
  expect(result.out).toContain(`conversations: ${conversations.length} (`);
  expect(result.out).toContain('agents: 1 (agents.json)');
  expect(conversationsIn(out)).toEqual(conversations);
  // Only the backup's own files: nothing of the way it was read.
  expect((await readdir(out)).sort()).toEqual(['agents.json', DATABASE_FILE]);
  expect(await readdir(data)).toEqual(before);
});

/**
 * `kohtaamo data backup` run as another user than the server's (nobody), where this test runs as
 * root to become them; null elsewhere.
 */
function runAsNobody(argv: string[]): { code: number | null; out: string; err: string } | null {
  if (process.getuid?.() !== 0) return null;
  const bin = resolve(__dirname, '../../bin/kohtaamo.js');
  const ran = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, bin, ...argv], { encoding: 'utf8', env: { ...process.env, HOME: dir.dir } });
  return ran.error ? null : { code: ran.status, out: ran.stdout, err: ran.stderr };
}

it("backs up a data directory this user may read but not write (the server's user's), and says when it may not read the database", async () => {
  const data = join(dir.dir, 'data');
  await mkdir(data);
  const store = openSqliteStore(join(data, DATABASE_FILE), { checkpointMs: 0 });
  await store.createVisitor('v1', 'hash-v1', 1);
  await store.handoff(handoffInput('v1', 'c1', 1));
  await store.close();
  await addAgent(data, 'aino', 'Aino', 'aino-password-123');
  // The server's user's directory, open to read for the backup's user; the backup's own parent theirs.
  await chmod(dir.dir, 0o755);
  await chmod(data, 0o755);
  for (const name of [DATABASE_FILE, 'agents.json']) await chmod(join(data, name), 0o644);
  const backups = join(dir.dir, 'backups');
  await mkdir(backups);
  await chown(backups, 65534, 65534);
  const before = await readdir(data);

  const done = runAsNobody(['data', 'backup', '--data', data, '--out', join(backups, 'b1')]);
  if (done === null) return;
  expect(done).toMatchObject({ code: 0, err: '' });
  expect(conversationsIn(join(backups, 'b1'))).toEqual(['c1']);
  expect(await readdir(data)).toEqual(before);

  // The database as the server makes it, for its user only: why not, and what to do.
  await chmod(join(data, DATABASE_FILE), 0o600);
  expect(runAsNobody(['data', 'backup', '--data', data, '--out', join(backups, 'b2')])).toEqual({
    code: 1,
    out: '',
    err: `kohtaamo data backup: ${data}: this user (uid 65534) may not read ${join(data, DATABASE_FILE)}; run the backup as the server's user; no backup was made\n`,
  });
}, 30_000);
