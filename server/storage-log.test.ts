// What the operator reads in the server's log while the database refuses writes: one line that
// names the file, the cause and what to do (not a driver's error with its stack per failed
// write), and one line when writes work again.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createServer, type RunningServer } from './app';
import { DATABASE_FILE } from './store/sqlite';
import { connect, isType, PAGE, tempDir, testConfig } from './test-support';

let dir: { dir: string; remove(): Promise<void> };
let server: RunningServer;
let said: string[];
const STAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /;
beforeEach(async () => {
  dir = await tempDir();
  said = [];
  // Each line as the operator reads it, less its time (checked to be there: a log read later must say when).
  vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => {
    const line = parts.map((part) => (part instanceof Error ? String(part.stack) : String(part))).join(' ');
    said.push(STAMP.test(line) ? line.replace(STAMP, '') : `(no time) ${line}`);
  });
  // The server's own log, as `kohtaamo serve` prints it.
  server = await createServer(await testConfig(dir.dir), { info: () => {} });
});
afterEach(async () => {
  await server.close();
  vi.restoreAllMocks();
  await dir.remove();
});

it('says once where writes fail, why and what to do while another process holds the write lock, and once when they work again', async () => {
  const file = join(dir.dir, 'data', DATABASE_FILE);
  const visitor = await connect(server, '/ws/visitor');
  visitor.send({ type: 'hello', lang: 'en', page: PAGE });
  await visitor.next(isType('welcome'));
  visitor.send({ type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'en', page: PAGE, steps: [] });
  await visitor.next(isType('ack'));

  const other = new Database(file);
  other.exec('BEGIN IMMEDIATE');
  visitor.send({ type: 'msg', id: 'm1', text: 'While locked' });
  await visitor.next((frame) => frame.type === 'error');
  visitor.close();
  const again = await connect(server, '/ws/visitor');
  again.send({ type: 'hello', lang: 'en', page: PAGE });
  await again.next((frame) => frame.type === 'error', 3_000);
  again.close();
  expect(said).toEqual([
    `[kohtaamo] Writes to ${file} fail: another process holds the database's write lock. To fix: end that process's transaction (fuser ${file} names it). ` +
      "Until then writes are refused (nothing is acked that is not stored) and visitors' and agents' messages wait in their browsers.",
  ]);

  other.exec('COMMIT');
  other.close();
  const back = await connect(server, '/ws/visitor');
  back.send({ type: 'hello', lang: 'en', page: PAGE });
  await back.next(isType('welcome'));
  back.close();
  expect(said).toHaveLength(2);
  expect(said[1]).toMatch(new RegExp(`^\\[kohtaamo\\] Writes to ${file} work again after \\d+ s\\.$`));
});
