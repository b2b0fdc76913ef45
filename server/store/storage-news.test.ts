import Database from 'better-sqlite3';
import { afterEach, expect, it, vi } from 'vitest';
import { createStorageNews } from './storage-news';
import { createWriteHealth } from './write-health';

const FILE = '/srv/kohtaamo/data/kohtaamo.sqlite';
const diskFull = () => new Database.SqliteError('database or disk is full', 'SQLITE_FULL');

afterEach(() => void vi.useRealTimers());

it('says a second outage at once, even within a minute of the first, and then that writes work again', async () => {
  vi.useFakeTimers();
  const said: string[] = [];
  const writes = createWriteHealth(Date.now, createStorageNews(FILE, (line) => said.push(line), 60_000));
  const full = () => writes.track(Promise.reject(diskFull())).catch(() => {});
  const works = () => writes.track(Promise.resolve());

  await full();
  await full();
  await vi.advanceTimersByTimeAsync(10_000);
  await works();
  expect(said).toEqual([expect.stringMatching(/^Writes to \S+ fail: the disk is full/), `Writes to ${FILE} work again after 10 s.`]);

  // 15 s later the disk is full again: the operator reads it now, not 35 s on.
  await vi.advanceTimersByTimeAsync(15_000);
  await full();
  expect(said).toHaveLength(3);
  expect(said[2]).toMatch(/^Writes to \S+ fail: the disk is full/);
  await vi.advanceTimersByTimeAsync(5_000);
  await works();
  expect(said[3]).toBe(`Writes to ${FILE} work again after 5 s.`);
  // The first outage's repeat is not counted later as if writes failed now.
  await vi.advanceTimersByTimeAsync(120_000);
  expect(said).toHaveLength(4);
});
