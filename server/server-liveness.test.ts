// The database heartbeat of a scaled-out server (server-liveness.ts), as the operator's log sees it
// while the database is away: the store tells that outage in one line (store/write-health.ts), so
// a beat that meets it says nothing more, where it printed a driver's stack every minute.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServerLiveness } from './server-liveness';
import { openPostgresStore } from './store/postgres';
import { startServiceProxy } from './test-outage';
import { dropSchema, newSchema, servicesAvailable, TEST_DATABASE_URL } from './test-services';

const available = await servicesAvailable();
const schema = newSchema();
const database = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;

beforeAll(async () => {
  // The store makes the schema, its beats table with it.
  if (available) await (await openPostgresStore(TEST_DATABASE_URL, { schema })).close();
});
afterAll(async () => {
  if (available) await dropSchema(schema);
});

it.runIf(available)('logs nothing while the database is out of reach, and sees the others again once it is back', async () => {
  const proxy = await startServiceProxy(TEST_DATABASE_URL);
  const logged: unknown[] = [];
  const other = await startServerLiveness(database, 'other', 100, () => {});
  const liveness = await startServerLiveness(proxy.url(database), 'cut-off', 100, (error) => logged.push(error));
  try {
    await expect.poll(() => liveness.alive('other')).toBe(true);
    proxy.down();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(logged).toEqual([]);
    // What it last knew stands meanwhile: it could not release anyone's conversations anyway.
    expect(liveness.alive('other')).toBe(true);
    proxy.up();
    await other.stop();
    await expect.poll(() => liveness.alive('other'), { timeout: 5_000 }).toBe(false);
    expect(logged).toEqual([]);
  } finally {
    await liveness.stop();
    await other.stop();
    await proxy.close();
  }
});
