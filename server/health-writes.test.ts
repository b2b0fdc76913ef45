// A store that answers reads while every write fails (a full disk) is not healthy: the load
// balancer's check says so, with the reason, and says so no longer once writes work again.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './app';
import { openPostgresStore } from './store/postgres';
import { PROBE_EVERY_MS } from './store/write-health';
import { connect, PAGE, startTestServer, tempDir } from './test-support';
import { dropSchema, newSchema, servicesAvailable, TEST_DATABASE_URL, TEST_REDIS_URL } from './test-services';

describe.runIf(await servicesAvailable())('health while the database cannot write', () => {
  const schema = newSchema();
  const database = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  let dir: { dir: string; remove(): Promise<void> };
  let server: RunningServer;
  let admin: pg.Client;

  beforeAll(async () => {
    await (await openPostgresStore(TEST_DATABASE_URL, { schema })).close();
    dir = await tempDir();
    server = await startTestServer(dir.dir, { database, redis: TEST_REDIS_URL });
    admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await server?.close();
    await admin?.end();
    await dir?.remove();
    await dropSchema(schema);
  });

  const health = async () => {
    const res = await fetch(`${server.url}/api/health`);
    return { status: res.status, body: (await res.json()) as unknown };
  };

  it('answers 503 with the reason while writes fail and reads work, and 200 once a write goes through again', async () => {
    expect(await health()).toEqual({ status: 200, body: { ok: true, checks: { store: 'ok', bus: 'ok' } } });
    // PostgreSQL's own answer to a full disk, for every write to these tables.
    await admin.query(`CREATE FUNCTION ${schema}.disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$`);
    for (const table of ['visitors', 'schema_version']) await admin.query(`CREATE TRIGGER disk_full BEFORE INSERT OR UPDATE ON ${schema}.${table} FOR EACH ROW EXECUTE FUNCTION ${schema}.disk_full()`);
    // Reads still work, and no write has failed yet: nothing to say.
    expect((await health()).status).toBe(200);
    // A new visitor's hello writes them.
    const visitor = await connect(server, '/ws/visitor');
    visitor.send({ type: 'hello', lang: 'fi', page: PAGE });
    await expect.poll(async () => (await health()).status, { timeout: 5_000 }).toBe(503);
    expect(await health()).toEqual({ status: 503, body: { ok: false, checks: { store: 'writes fail: could not extend file: No space left on device', bus: 'ok' } } });
    visitor.close();

    for (const table of ['visitors', 'schema_version']) await admin.query(`DROP TRIGGER disk_full ON ${schema}.${table}`);
    await expect.poll(async () => (await health()).status, { timeout: PROBE_EVERY_MS + 3_000, interval: 250 }).toBe(200);
  }, 20_000);
});
