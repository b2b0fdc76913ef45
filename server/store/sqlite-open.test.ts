// The database file holds every conversation: only the server's user may read it, with its log
// and index beside it, whatever the umask and whoever made the data directory.
import Database from 'better-sqlite3';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempDir } from '../test-support';
import { DATABASE_FILE, openSqliteStore } from './sqlite';

let dir: { dir: string; remove(): Promise<void> };
let umask: number;
beforeEach(async () => {
  dir = await tempDir();
  // The usual umask: a file made without a mode is readable by every local user.
  umask = process.umask(0o022);
});
afterEach(async () => {
  process.umask(umask);
  await dir.remove();
});

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** A data directory the site owner made (systemd's StateDirectory=, a hand mkdir): theirs to set. */
function ownersDirectory(): string {
  const data = join(dir.dir, 'data');
  mkdirSync(data, { mode: 0o755 });
  return data;
}

it('creates the database, its log and its index readable by the server user only, in a directory the owner made, which keeps its mode', async () => {
  const data = ownersDirectory();
  const file = join(data, DATABASE_FILE);
  const logged: string[] = [];
  const store = openSqliteStore(file, { checkpointMs: 0, log: (line) => logged.push(line) });
  try {
    await store.createVisitor('v1', 'hash-v1', 1);
    // Open, in WAL mode: the visitor's row is in the log until a checkpoint.
    expect([modeOf(file), modeOf(`${file}-wal`), modeOf(`${file}-shm`)]).toEqual(['600', '600', '600']);
  } finally {
    await store.close();
  }
  expect(modeOf(data)).toBe('755');
  expect(logged).toEqual([]);
});

it("tightens an earlier release's database, readable by everyone, at start, and says so once", async () => {
  const data = ownersDirectory();
  const file = join(data, DATABASE_FILE);
  // As an earlier release left it, made under the umask, with its log and index (a server still
  // stopping, or one that crashed).
  const earlier = new Database(file);
  earlier.pragma('journal_mode = WAL');
  earlier.exec('CREATE TABLE earlier (x)');
  expect([modeOf(file), modeOf(`${file}-wal`), modeOf(`${file}-shm`)]).toEqual(['644', '644', '644']);
  const logged: string[] = [];
  const log = (line: string) => logged.push(line);
  const first = openSqliteStore(file, { checkpointMs: 0, log });
  earlier.close();
  await first.createVisitor('v1', 'hash-v1', 1);
  expect([modeOf(file), modeOf(`${file}-wal`), modeOf(`${file}-shm`)]).toEqual(['600', '600', '600']);
  await first.close();
  expect(logged).toEqual([`${file} was readable by other users of this machine (mode 644): made readable by this user only (mode 600), as it holds visitors' conversations.`]);
  // Tightened for good: the next start has nothing to say.
  await openSqliteStore(file, { checkpointMs: 0, log }).close();
  expect(logged).toHaveLength(1);
});
