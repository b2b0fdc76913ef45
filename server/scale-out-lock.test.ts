// Servers on one PostgreSQL database hear each other only through Redis: without it a second
// server would start beside the first, and a visitor on one and an agent on the other would
// never meet. So one without Redis holds the database alone (store/postgres-server-lock.ts).
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './app';
import { openPostgresStore } from './store/postgres';
import { DEAD_HOLDER, lockConnection } from './store/postgres-server-lock';
import { startTestServer, tempDir } from './test-support';
import { dropSchema, newSchema, servicesAvailable, TEST_DATABASE_URL, TEST_REDIS_URL } from './test-services';

const available = await servicesAvailable();

describe.runIf(available)('one server per database without Redis', () => {
  const schema = newSchema();
  const database = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const alone = /^Cannot open the database .*: another Kohtaamo server \(kohtaamo on .+, pid \d+\) is using it; without --redis a server must be the only one on its database: stop the other, or give every server --redis \(KOHTAAMO_REDIS_URL\)$/;
  let dir: { dir: string; remove(): Promise<void> };
  const running: RunningServer[] = [];
  const start = async (redis?: string) => {
    const server = await startTestServer(dir.dir, { database, ...(redis ? { redis } : {}) });
    running.push(server);
    return server;
  };

  beforeAll(async () => {
    await (await openPostgresStore(TEST_DATABASE_URL, { schema })).close();
    dir = await tempDir();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.close()));
  });
  afterAll(async () => {
    await dir?.remove();
    await dropSchema(schema);
  });

  it('refuses a second server without Redis, saying which holds the database, and starts one once the first stopped', async () => {
    const first = await start();
    await expect(start()).rejects.toThrow(alone);
    // A server with Redis beside it would not be heard by it either.
    await expect(start(TEST_REDIS_URL)).rejects.toThrow(/a Kohtaamo server without --redis \(kohtaamo on .+\) is using it, and would not hear the others: stop it, or restart it with --redis/);
    await first.close();
    running.splice(0);
    await start();
  });

  it('lets servers with Redis share it, and refuses one without beside them', async () => {
    await start(TEST_REDIS_URL);
    await start(TEST_REDIS_URL);
    await expect(start()).rejects.toThrow(/another Kohtaamo server \(kohtaamo on .+\) is using it; without --redis/);
  });

  it('keeps another schema apart', async () => {
    await start();
    const other = newSchema();
    await (await openPostgresStore(TEST_DATABASE_URL, { schema: other })).close();
    try {
      const elsewhere = await startTestServer(dir.dir, { database: `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${other}`)}` });
      await elsewhere.close();
    } finally {
      await dropSchema(other);
    }
  });

  it("holds the lock on a connection PostgreSQL drops within a minute if the holder's machine vanishes, keeping the URL's options", async () => {
    const client = await lockConnection(database, undefined);
    try {
      const show = async (name: string) => (await client.query<Record<string, string>>(`SHOW ${name}`)).rows[0]?.[name];
      // Over TCP (a Unix socket shows 0): PostgreSQL's probes, not the system's two hours.
      expect([await show('tcp_keepalives_idle'), await show('tcp_keepalives_interval'), await show('tcp_keepalives_count')]).toEqual(
        [`${DEAD_HOLDER.idle}`, `${DEAD_HOLDER.interval}`, `${DEAD_HOLDER.count}`],
      );
      expect(DEAD_HOLDER.idle + DEAD_HOLDER.interval * DEAD_HOLDER.count).toBeLessThanOrEqual(60);
      // The operator's ?options= (a search_path) still applies.
      expect(await show('search_path')).toBe(schema);
    } finally {
      await client.end();
    }
  });

  it('takes the lock again when its connection is cut (a database restart), so a second server is still refused', async () => {
    await start();
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      const lockPids = `SELECT l.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.objsubid = 2 AND a.application_name LIKE 'kohtaamo on %' AND l.objid = hashtext($1)::oid`;
      const [before] = (await admin.query<{ pid: number }>(lockPids, [schema])).rows;
      expect(before).toBeDefined();
      await admin.query('SELECT pg_terminate_backend($1)', [before?.pid]);
      const retaken = async () => (await admin.query<{ pid: number }>(lockPids, [schema])).rows.filter((row) => row.pid !== before?.pid).length;
      await expect.poll(retaken, { timeout: 10_000, interval: 200 }).toBe(1);
      await expect(start()).rejects.toThrow(alone);
    } finally {
      await admin.end();
    }
  }, 20_000);
});
