// What the operator reads while PostgreSQL is out of reach and the server only reads from it (a
// visitor typing, coming back, leaving): the same one line in words as when writes meet it, not
// a driver's error with its stack per read, and one line when the database works again.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createServer, type RunningServer } from './app';
import { openPostgresStore } from './store/postgres';
import { startServiceProxy, type ServiceProxy } from './test-outage';
import { dropSchema, newSchema, servicesAvailable, TEST_DATABASE_URL, TEST_REDIS_URL } from './test-services';
import { connect, isType, PAGE, tempDir, testConfig, until } from './test-support';

const available = await servicesAvailable();
const schema = newSchema();
const STAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /;
let dir: { dir: string; remove(): Promise<void> };
let proxy: ServiceProxy;
let server: RunningServer;
/** Each line of the server's error log, less its time. */
const said: string[] = [];

beforeAll(async () => {
  if (!available) return;
  await (await openPostgresStore(TEST_DATABASE_URL, { schema })).close();
  proxy = await startServiceProxy(TEST_DATABASE_URL);
  dir = await tempDir();
  vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => {
    said.push(parts.map((part) => (part instanceof Error ? String(part.stack) : String(part))).join(' ').replace(STAMP, ''));
  });
  const database = proxy.url(`${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`);
  // No presence heartbeat while the test runs: only the visitor's own frames reach the database.
  server = await createServer(await testConfig(dir.dir, { database, redis: TEST_REDIS_URL, presenceSyncMs: 600_000 }), { info: () => {} });
});
afterAll(async () => {
  if (!available) return;
  proxy?.up();
  await server?.close();
  await proxy?.close();
  vi.restoreAllMocks();
  await dir?.remove();
  await dropSchema(schema);
});

it.runIf(available)('says once, in words, that the database is out of reach when only reads meet it, with no stack per read', { timeout: 20_000 }, async () => {
  const visitor = await connect(server, '/ws/visitor');
  visitor.send({ type: 'hello', lang: 'fi', page: PAGE });
  await visitor.next(isType('welcome'));
  visitor.send({ type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [] });
  await visitor.next(isType('ack'));
  expect(said).toEqual([]);

  proxy.down();
  // Typing reads which conversation is open: a read, each one failing.
  for (let i = 0; i < 5; i++) {
    visitor.send({ type: 'typing', on: i % 2 === 0 });
    await visitor.next((frame) => frame.type === 'error');
  }
  visitor.close();
  // Lines of news, not stacks (the server's lock on the database says its own loss too).
  expect(said.filter((line) => /\n\s+at /.test(line))).toEqual([]);
  await until(() => said.some((line) => line.includes('Writes to postgres://')), 5_000);
  const told = said.filter((line) => line.includes('Writes to postgres://'));
  expect(told).toEqual([expect.stringMatching(/^\[kohtaamo\] Writes to postgres:\/\/\S+ fail: the (database server refuses connections|connection to the database server was lost) \(.+\)\. To fix: /)]);

  proxy.up();
  const back = await connect(server, '/ws/visitor');
  back.send({ type: 'hello', lang: 'fi', page: PAGE });
  await back.next(isType('welcome'));
  back.close();
  await until(() => said.some((line) => / work again after \d+ s\.$/.test(line)), 5_000);
});
