import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempDir } from '../test-support';
import { createGroupCommit } from './group-commit';
import { createWriteHealth, isStorageFailure, PROBE_EVERY_MS, toldOperator, WritesFailing } from './write-health';

let dir: { dir: string; remove(): Promise<void> };
beforeEach(async () => (dir = await tempDir()));
afterEach(() => dir.remove());

it("reports a SQLite store failing while its latest write failed for a full disk, and working again once a write (the check's own) goes through", async () => {
  const db = new Database(join(dir.dir, 'full.sqlite'));
  db.exec('CREATE TABLE t (x BLOB)');
  let clock = 0;
  const writes = createWriteHealth(() => clock);
  const commit = createGroupCommit(db, undefined, writes);
  const write = () => commit.run(() => void db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(64 * 1024)));
  // A write that needs space, as any on a full disk does (a full WAL file cannot take a header rewrite either).
  const probe = () => commit.run(() => void db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(64 * 1024)));
  await write();
  await expect(writes.check(probe)).resolves.toBeUndefined();

  // The disk is full: the file may not grow past the pages it has.
  db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
  await expect(write()).rejects.toMatchObject({ code: 'SQLITE_FULL' });
  const failing = writes.check(probe);
  await expect(failing).rejects.toBeInstanceOf(WritesFailing);
  await expect(failing).rejects.toThrow('writes fail: database or disk is full');

  // Space again: the next check within a few seconds still reports the failure (no write per
  // check), the one after tries a write and finds it works.
  db.pragma('max_page_count = 1073741823');
  clock += PROBE_EVERY_MS - 1;
  await expect(writes.check(probe)).rejects.toBeInstanceOf(WritesFailing);
  clock += 1;
  await expect(writes.check(probe)).resolves.toBeUndefined();
  db.close();
});

it("counts only the storage's failures, not a write refused for its own content, and clears on any write that succeeds", async () => {
  const writes = createWriteHealth();
  const probe = () => Promise.reject(Object.assign(new Error('still full'), { code: 'SQLITE_FULL' }));
  await expect(writes.track(Promise.reject(Object.assign(new Error('UNIQUE'), { code: 'SQLITE_CONSTRAINT_UNIQUE' })))).rejects.toThrow();
  await expect(writes.check(probe)).resolves.toBeUndefined();
  await expect(writes.track(Promise.reject(Object.assign(new Error('could not extend file'), { code: '53100' })))).rejects.toThrow();
  await expect(writes.check(probe)).rejects.toThrow('writes fail: still full');
  await writes.track(Promise.resolve());
  await expect(writes.check(probe)).resolves.toBeUndefined();
  expect(['SQLITE_IOERR_WRITE', 'SQLITE_READONLY', '25006', '57P01', 'ECONNRESET'].every((code) => isStorageFailure({ code }))).toBe(true);
  expect(['SQLITE_CONSTRAINT', 'SQLITE_ERROR', '23505', '40P01', '22P02'].some((code) => isStorageFailure({ code }))).toBe(false);
  expect(isStorageFailure(new Error('conversation c1 vanished during a write'))).toBe(false);
});

it('tells a read that met the database out of reach as that outage, once, and passes any other failure of a read on untold', async () => {
  const said: string[] = [];
  const writes = createWriteHealth(Date.now, { failing: (error) => said.push(`failing: ${(error as Error).message}`), working: () => said.push('working') });
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  const stalled = new Error('Query read timeout');
  for (const error of [refused, stalled]) await expect(writes.read(Promise.reject(error))).rejects.toBe(error);
  expect([toldOperator(refused), toldOperator(stalled)]).toEqual([true, true]);
  // One outage, whichever way a read met it; writes fail with it, until one works.
  expect(said).toEqual(['failing: connect ECONNREFUSED 127.0.0.1:5432']);
  await expect(writes.check(() => Promise.reject(refused))).rejects.toBeInstanceOf(WritesFailing);
  // A read that works says nothing of writes.
  await writes.read(Promise.resolve(1));
  expect(said).toHaveLength(1);
  await writes.track(Promise.resolve());
  expect(said).toEqual(['failing: connect ECONNREFUSED 127.0.0.1:5432', 'working']);

  // A bug in a read is not the database's: the log prints its stack.
  const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
  await expect(writes.read(Promise.reject(bug))).rejects.toBe(bug);
  expect(toldOperator(bug)).toBe(false);
  expect(said).toHaveLength(2);
});
