// Where the scale-out tests find PostgreSQL and Redis: on every developer and CI machine at their
// standard local ports (or KOHTAAMO_TEST_DATABASE_URL / KOHTAAMO_TEST_REDIS_URL). On a laptop
// without them those tests are skipped, saying so; under CI a missing service fails the run,
// so scale-out is never silently untested.
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.KOHTAAMO_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.KOHTAAMO_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(false));
  });
}

/** Whether both services answer; under CI, throws when one does not. */
export async function servicesAvailable(): Promise<boolean> {
  const [database, redis] = await Promise.all([reachable(TEST_DATABASE_URL), reachable(TEST_REDIS_URL)]);
  if (database && redis) return true;
  const missing = [!database && `PostgreSQL (${TEST_DATABASE_URL})`, !redis && `Redis (${TEST_REDIS_URL})`].filter(Boolean).join(' and ');
  if (process.env.CI === 'true') throw new Error(`CI: ${missing} not reachable; the scale-out tests need them`);
  console.warn(`Skipping scale-out tests: ${missing} not reachable`);
  return false;
}

/** A fresh schema name for one test's tables; drop it with `dropSchema`. */
export const newSchema = () => `kt_${randomBytes(6).toString('hex')}`;

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
