// Two servers on one PostgreSQL and Redis; the agent's console is on the one whose Redis link the
// test cuts (a proxy between them). The other server no longer hears it on Redis, but it is alive
// and the agent answering: her conversation must stay hers (it was put back in the queue under
// her: the visitor told nobody was there, her next replies refused). A server gone from the
// database as well (crashed, a partition) is gone: its agent's conversations go back after the
// away grace, as ever. Short heartbeats and grace, so that each takes seconds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentServerMessage, VisitorServerMessage } from '../protocol';
import { createServer } from './app';
import type { RunningServer } from './app';
import { openPostgresStore } from './store/postgres';
import type { Store } from './store/types';
import { startServiceProxy } from './test-outage';
import type { ServiceProxy } from './test-outage';
import { connect, deferred, isType, login, PAGE, startTestServer, tempDir, testConfig } from './test-support';
import type { TestClient } from './test-support';
import { dropSchema, newSchema, servicesAvailable, TEST_DATABASE_URL, TEST_REDIS_URL } from './test-services';

const available = await servicesAvailable();
const defer = deferred();

/** Heartbeats on the bus and in the database; an agent away this long after her last console. */
const SYNC_MS = 300;
const AWAY_MS = 1_000;
/** Three missed heartbeats, the away grace, and room for a loaded machine. */
const PAST_AWAY_MS = 3 * SYNC_MS + AWAY_MS + 1_500;

describe.runIf(available)('scale-out: an agent on a server cut off from Redis', { timeout: 30_000 }, () => {
  const schema = newSchema();
  const database = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const timing = { presenceSyncMs: SYNC_MS, agentAwayMs: AWAY_MS };
  let dir: { dir: string; remove(): Promise<void> };
  let store: Store;
  /** The server the visitors are on: it reaches Redis and the database directly. */
  let other: RunningServer;

  beforeAll(async () => {
    await (await openPostgresStore(TEST_DATABASE_URL, { schema })).close();
    store = await openPostgresStore(TEST_DATABASE_URL, { schema });
    dir = await tempDir();
    other = await startTestServer(dir.dir, { database, redis: TEST_REDIS_URL, ...timing });
  });
  afterAll(async () => {
    await other?.close();
    await store?.close();
    await dir?.remove();
    await dropSchema(schema);
  });

  /** A server reaching Redis, and the database, each through a proxy the test can take down. */
  const cutOffServer = async () => {
    const redis = await startServiceProxy(TEST_REDIS_URL);
    const pg = await startServiceProxy(TEST_DATABASE_URL);
    const server = await createServer(
      await testConfig(dir.dir, { database: pg.url(database), redis: redis.url(TEST_REDIS_URL), busPing: { everyMs: 200, timeoutMs: 400 }, ...timing }),
      { log: () => {}, info: () => {} },
    );
    let closed: Promise<void> | undefined;
    const close = () => (closed ??= server.close());
    defer(async () => {
      redis.up();
      pg.up();
      await close();
      await redis.close();
      await pg.close();
    });
    return { server, redis, pg, close };
  };
  const bus = async (server: RunningServer) => ((await (await fetch(`${server.url}/api/health`)).json()) as { checks: { bus: string } }).checks.bus;
  /** A visitor on `other` handed off, and the agent on `server` took the conversation and greeted them. */
  const talking = async (server: RunningServer) => {
    const visitor: TestClient<VisitorServerMessage> = await connect(other, '/ws/visitor');
    defer(() => visitor.close());
    visitor.send({ type: 'hello', lang: 'fi', page: PAGE });
    await visitor.next(isType('welcome'), 5_000);
    visitor.send({ type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [] });
    const { conversationId } = (await visitor.next(isType('ack'), 5_000)) as { conversationId: string };
    const agent: TestClient<AgentServerMessage> = await connect(server, '/ws/agent');
    defer(() => agent.close());
    agent.send({ type: 'hello', token: await login(server) });
    await agent.next(isType('welcome'));
    agent.send({ type: 'claim', id: 'k1', conversationId });
    await agent.next((f) => f.type === 'ack' && f.id === 'k1', 5_000);
    const reply = says(agent, conversationId);
    await reply('r0', 'Hei, olen Aino');
    // The other server has heard of her console (on the bus, as of the greeting).
    await expect.poll(() => got(visitor, conversationId, 'Hei, olen Aino'), { timeout: 5_000 }).toBe(true);
    return { visitor, agent, conversationId, reply };
  };
  /** Sends a reply; resolves with the server's answer to it (an ack, or the error). */
  const says = (agent: TestClient<AgentServerMessage>, conversationId: string) => async (id: string, text: string) => {
    agent.send({ type: 'msg', id, conversationId, text });
    return agent.next((f) => 'id' in f && f.id === id, 5_000);
  };
  const got = (visitor: TestClient<VisitorServerMessage>, conversationId: string, text: string) =>
    visitor.events(conversationId).some((e) => e.body.kind === 'text' && e.body.text === text);
  const released = async (conversationId: string) => (await store.eventsAfter(conversationId, 0, 100)).some((e) => e.body.kind === 'released');

  it('keeps the conversation of an agent connected to a server that lost only Redis, past the heartbeats and her away grace', async () => {
    const { server, redis } = await cutOffServer();
    const { visitor, conversationId, reply } = await talking(server);
    redis.down();
    await expect.poll(() => bus(server), { timeout: 5_000 }).toBe('unreachable');
    await new Promise((resolve) => setTimeout(resolve, PAST_AWAY_MS));
    expect(await released(conversationId)).toBe(false);
    expect(await store.conversation(conversationId)).toMatchObject({ status: 'active', agent: { name: expect.any(String) } });
    // Still hers: her reply is stored, and reaches the visitor once Redis is back.
    expect(await reply('r1', 'Katson tilauksesi')).toMatchObject({ type: 'ack' });
    redis.up();
    await expect.poll(() => bus(server), { timeout: 15_000 }).toBe('ok');
    expect(await reply('r2', 'Paketti lähti eilen')).toMatchObject({ type: 'ack' });
    await expect.poll(() => got(visitor, conversationId, 'Katson tilauksesi') && got(visitor, conversationId, 'Paketti lähti eilen'), { timeout: 10_000 }).toBe(true);
    expect(await released(conversationId)).toBe(false);
  });

  it('puts back the conversation of an agent whose server is gone from Redis and the database alike, after her away grace', async () => {
    const { server, redis, pg } = await cutOffServer();
    const { conversationId } = await talking(server);
    // As a crash or a partition: no goodbye on the bus, no heartbeat in the database.
    redis.down();
    pg.down();
    await expect.poll(() => released(conversationId), { timeout: PAST_AWAY_MS + 5_000, interval: 200 }).toBe(true);
    expect(await store.conversation(conversationId)).toMatchObject({ status: 'queued' });
  });

  it('puts back the conversation of an agent whose server stopped while Redis was away from it, its goodbye lost, after her away grace', async () => {
    const { server, redis, close } = await cutOffServer();
    const { conversationId } = await talking(server);
    redis.down();
    await expect.poll(() => bus(server), { timeout: 5_000 }).toBe('unreachable');
    await close();
    await expect.poll(() => released(conversationId), { timeout: PAST_AWAY_MS + 5_000, interval: 200 }).toBe(true);
  });
});
