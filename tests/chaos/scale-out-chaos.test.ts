// The delivery guarantee scaled out: two `kohtaamo serve` processes on one PostgreSQL and one
// Redis, each behind its own fault proxy, visitors on the first and agents on the second, so
// every message crosses from one server to the other through Redis. Both servers are killed
// and restarted in turn during the traffic. Same checks as chaos.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres';
import { dropSchema, newSchema, servicesAvailable, TEST_DATABASE_URL, TEST_REDIS_URL } from '../../server/test-services';
import { chaos, CHAOS_CLIENT, envInt } from './run-chaos';

const available = await servicesAvailable();
const dataDir = mkdtempSync(join(tmpdir(), 'kohtaamo-chaos-scale-'));
const schema = newSchema();
const run = chaos({
  conversations: envInt('CHAOS_CONVERSATIONS', 20),
  messages: envInt('CHAOS_MESSAGES', 100),
  messageEveryMs: envInt('CHAOS_MESSAGE_MS', 150),
  // Alternately the visitors' server and the agents' server.
  stops: ['SIGKILL', 'SIGKILL', 'SIGTERM', 'SIGKILL'],
  settleMs: 40_000,
  client: CHAOS_CLIENT,
  dataDir,
  servers: 2,
  env: {
    KOHTAAMO_HEARTBEAT_MS: '1000',
    KOHTAAMO_IDLE_TIMEOUT_MS: '3000',
    KOHTAAMO_DATABASE_URL: `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    KOHTAAMO_REDIS_URL: TEST_REDIS_URL,
  },
});

describe.runIf(available)('chaos scaled out: two servers on PostgreSQL and Redis', () => {
  afterAll(async () => {
    await run.close();
    rmSync(dataDir, { recursive: true, force: true });
    await dropSchema(schema);
  });

  it('every conversation, both ways, arrives exactly once, in order, across the servers', async () => {
    await (await openPostgresStore(TEST_DATABASE_URL, { schema })).close();
    await run.run();
  });
});
