// The server's lock on PostgreSQL lost with its connection (a database restart, an outage): the
// operator reads one line when it goes and one when it is back, not a stack every 5 s.
import { hostname } from 'node:os';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { dropSchema, newSchema, servicesAvailable, TEST_DATABASE_URL } from '../test-services';
import { connectionConfig } from './postgres-connect';
import { lockServer } from './postgres-server-lock';

const available = await servicesAvailable();
const schema = newSchema();
afterAll(async () => {
  if (available) await dropSchema(schema);
});

it.runIf(available)('says once that the lock is lost and retried, and once that it is back, with no error between', async () => {
  const x = new pg.Client(connectionConfig(TEST_DATABASE_URL, schema));
  await x.connect();
  await x.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const said: unknown[] = [];
  const lock = await lockServer(TEST_DATABASE_URL, schema, 'alone', (entry) => said.push(entry));
  try {
    // The database ends the lock's connection, as a restart does.
    await x.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [`kohtaamo on ${hostname()}, pid ${process.pid}`]);
    await expect.poll(() => said, { timeout: 2_000 }).toEqual(["The database's server lock was lost with its connection; retrying every 5 s."]);
    await expect.poll(() => said.length, { timeout: 8_000, interval: 100 }).toBe(2);
    expect(said[1]).toMatch(/^The database's server lock is back after [56] s\.$/);
  } finally {
    await lock.release();
    await x.end();
  }
}, 15_000);
