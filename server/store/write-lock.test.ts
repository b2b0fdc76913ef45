// Another process holding SQLite's write lock (the `sqlite3` shell, a script) must not stop the
// server: better-sqlite3 waits on the main thread, so a long busy wait froze every page, socket
// and heartbeat for as long as the lock was held (10 s per write). Writes now wait off the event
// loop, fail as the storage's failure while the lock stays taken, and work again once it is let go.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempDir } from '../test-support';
import { DATABASE_FILE, openSqliteStore } from './sqlite';
import type { Store } from './types';

let dir: { dir: string; remove(): Promise<void> };
let store: Store;
let other: Database.Database;
beforeEach(async () => {
  dir = await tempDir();
  const file = join(dir.dir, DATABASE_FILE);
  store = openSqliteStore(file, { checkpointMs: 0 });
  other = new Database(file);
});
afterEach(async () => {
  if (other.inTransaction) other.exec('COMMIT');
  other.close();
  await store.close();
  await dir.remove();
});

/** The longest the event loop went without a turn while `during` ran. */
async function longestStall(during: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  try {
    await during();
  } finally {
    clearInterval(ticker);
  }
  return longest;
}

it('a write lock held by another process neither freezes the server nor acks: the write fails as a storage failure, health says so, and both come back once it is let go', async () => {
  await store.createVisitor('v1', 'h1', 1);
  other.exec('BEGIN IMMEDIATE');

  const started = performance.now();
  let refused: unknown = null;
  const stall = await longestStall(() => store.createVisitor('v2', 'h2', 2).catch((error: unknown) => (refused = error)));
  expect(refused).toMatchObject({ code: 'SQLITE_BUSY' });
  // Refused within about a second, not after two 5 s waits; the server turned meanwhile.
  expect(performance.now() - started).toBeLessThan(2_000);
  expect(stall).toBeLessThan(150);
  // The health check: failing while the lock is held.
  await expect(store.ping()).rejects.toThrow('writes fail: database is locked');

  other.exec('COMMIT');
  await store.createVisitor('v2', 'h2', 2);
  await expect(store.ping()).resolves.toBeUndefined();
  expect(await store.visitorByTokenHash('h2')).toMatchObject({ id: 'v2' });
});

it('a lock let go within a moment only delays the write, in order with those behind it', async () => {
  other.exec('BEGIN IMMEDIATE');
  setTimeout(() => other.exec('COMMIT'), 150);
  const stall = await longestStall(() => Promise.all([store.createVisitor('v1', 'h1', 1), store.createVisitor('v2', 'h2', 2)]));
  expect(stall).toBeLessThan(150);
  expect(await store.visitorByTokenHash('h1')).toMatchObject({ id: 'v1' });
  expect(await store.visitorByTokenHash('h2')).toMatchObject({ id: 'v2' });
});
