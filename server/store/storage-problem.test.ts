import Database from 'better-sqlite3';
import { expect, it, vi } from 'vitest';
import { createStorageNews } from './storage-news';
import { storageProblem, storageWorksAgain } from './storage-problem';
import { createWriteHealth, toldOperator } from './write-health';

const FILE = '/srv/kohtaamo/data/kohtaamo.sqlite';
const sqliteError = (message: string, code: string) => new Database.SqliteError(message, code);

it('says which file, the cause in words and what to do, for a full disk, a read-only file system and an I/O error', () => {
  expect(storageProblem(FILE, sqliteError('database or disk is full', 'SQLITE_FULL'))).toMatch(
    /^Writes to \/srv\/kohtaamo\/data\/kohtaamo\.sqlite fail: the disk is full( \(\d+ KB free\))?\. To fix: free space on the disk holding \/srv\/kohtaamo\/data\. Until then writes are refused \(nothing is acked that is not stored\) and visitors' and agents' messages wait in their browsers\.$/,
  );
  expect(storageProblem(FILE, sqliteError('attempt to write a readonly database', 'SQLITE_READONLY'))).toContain(
    'fail: its file system is read-only (Linux remounts a file system read-only after disk errors). To fix: check the disk (dmesg), then remount it read-write',
  );
  expect(storageProblem(FILE, sqliteError('disk I/O error', 'SQLITE_IOERR_WRITE'))).toContain(
    'fail: the disk or its file system fails to read or write (disk I/O error). To fix: check the disk (dmesg) and its file system.',
  );
  expect(storageProblem(FILE, sqliteError('database is locked', 'SQLITE_BUSY'))).toContain(
    `fail: another process holds the database's write lock. To fix: end that process's transaction (fuser ${FILE} names it).`,
  );
  expect(storageWorksAgain(FILE, 41_600)).toBe(`Writes to ${FILE} work again after 42 s.`);
});

it('tells once when writes start failing, again only for another cause, and once when they work again', async () => {
  let clock = 0;
  const said: string[] = [];
  const writes = createWriteHealth(() => clock, { failing: (error) => said.push(storageProblem(FILE, error)), working: (ms) => said.push(storageWorksAgain(FILE, ms)) });
  const fail = (error: Error) => writes.track(Promise.reject(error)).catch((failed: unknown) => failed);

  const full = sqliteError('database or disk is full', 'SQLITE_FULL');
  expect(toldOperator(await fail(full))).toBe(true);
  clock += 10_000;
  for (let i = 0; i < 50; i++) await fail(sqliteError('database or disk is full', 'SQLITE_FULL'));
  // Not the storage's failure: not the store's to tell, the server's log prints it.
  expect(toldOperator(await fail(sqliteError('UNIQUE constraint failed', 'SQLITE_CONSTRAINT_UNIQUE')))).toBe(false);
  await fail(sqliteError('disk I/O error', 'SQLITE_IOERR_WRITE'));
  clock += 32_000;
  await writes.track(Promise.resolve());
  await writes.track(Promise.resolve());
  expect(said).toHaveLength(3);
  expect(said[0]).toMatch(new RegExp(`^Writes to ${FILE} fail: the disk is full`));
  expect(said[1]).toMatch(new RegExp(`^Writes to ${FILE} fail: the disk or its file system fails to read or write \\(disk I/O error\\)`));
  expect(said[2]).toBe(`Writes to ${FILE} work again after 42 s.`);
});

it('says a flapping disk\'s second outage at once, and its later flaps in one count at the minute\'s end, which says how writes are then', async () => {
  vi.useFakeTimers();
  try {
    const said: string[] = [];
    const writes = createWriteHealth(Date.now, createStorageNews(FILE, (line) => said.push(line), 60_000));
    const full = () => writes.track(Promise.reject(sqliteError('database or disk is full', 'SQLITE_FULL'))).catch(() => {});
    const works = () => writes.track(Promise.resolve());
    for (let i = 0; i < 2; i++) {
      await full();
      await full();
      expect(said.at(-1)).toMatch(/^Writes to \S+ fail: the disk is full/);
      await vi.advanceTimersByTimeAsync(2_000);
      await works();
      expect(said.at(-1)).toBe(`Writes to ${FILE} work again after 2 s.`);
    }
    // Ten more flaps in the same minute: two lines each would fill the log on the disk that is full.
    for (let i = 0; i < 10; i++) {
      await full();
      await vi.advanceTimersByTimeAsync(1_000);
      await works();
    }
    expect(said).toHaveLength(4);
    await full();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(said).toHaveLength(5);
    expect(said[4]).toBe(`Writes to ${FILE} failed again 11 times in the last 60 s (the disk is full); they still fail.`);
  } finally {
    vi.useRealTimers();
  }
});
