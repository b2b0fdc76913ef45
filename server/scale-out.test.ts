// Two server processes' worth of Kohtaamo (two servers in this process, sharing nothing but
// PostgreSQL, Redis and the data directory's agents file) behind an imaginary load balancer:
// a visitor on one and an agent on the other still talk, and nothing is lost or shown twice.
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentServerMessage, VisitorServerMessage } from '../protocol';
import type { RunningServer } from './app';
import { agentCommand } from './cli/agent';
import { openPostgresStore } from './store/postgres';
import { connect, isType, login, PAGE, startTestServer, tempDir } from './test-support';
import type { TestClient } from './test-support';
import { dropSchema, newSchema, servicesAvailable, TEST_DATABASE_URL, TEST_REDIS_URL } from './test-services';

const available = await servicesAvailable();

describe.runIf(available)('scale-out: two servers on PostgreSQL and Redis', () => {
  const schema = newSchema();
  /** The schema travels in the URL as a site owner's would: `options=-c search_path=…`. */
  const database = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  let dir: { dir: string; remove(): Promise<void> };
  let a: RunningServer;
  let b: RunningServer;
  const clients: { close(): void }[] = [];

  beforeAll(async () => {
    await (await openPostgresStore(TEST_DATABASE_URL, { schema })).close();
    dir = await tempDir();
    // One data directory for both, as on one host: no lock refuses the second with PostgreSQL.
    a = await startTestServer(dir.dir, { database, redis: TEST_REDIS_URL });
    b = await startTestServer(dir.dir, { database, redis: TEST_REDIS_URL });
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await dir?.remove();
    await dropSchema(schema);
  });

  async function visitor(server: RunningServer, hello: object = {}) {
    const client = await connect(server, '/ws/visitor');
    clients.push(client);
    client.send({ type: 'hello', lang: 'fi', page: PAGE, ...hello });
    return { client, welcome: await client.next(isType('welcome')) };
  }
  async function agent(server: RunningServer, token: string) {
    const client = await connect(server, '/ws/agent');
    clients.push(client);
    client.send({ type: 'hello', token });
    await client.next(isType('welcome'));
    return client;
  }
  const sawSeq = (seq: number) => (f: VisitorServerMessage | AgentServerMessage) => f.type === 'events' && f.events.some((e) => e.seq === seq);
  const seqs = (client: TestClient, conversationId: string) => client.events(conversationId).map((e) => e.seq);

  it('carries a chat between a visitor on one server and an agent on the other, and replays it on either', async () => {
    // Logged in on one, the session is good on the other: sessions are in the shared database.
    const console = await agent(b, await login(a));
    const { client: v, welcome } = await visitor(a);
    v.send({ type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [], visitor: { name: 'Matti' } });
    const { conversationId } = await v.next(isType('ack'));
    await console.next((f) => f.type === 'queue' && f.conversations.some((c) => c.id === conversationId && c.visitor.name === 'Matti'));

    console.send({ type: 'claim', id: 'k1', conversationId });
    await console.next(isType('ack'));
    expect(await v.next((f) => f.type === 'status' && f.conversation.status === 'active')).toMatchObject({ conversation: { agent: { name: 'Aino (demo)' } } });

    // Both ways, sent without waiting, interleaved: each side sees every message once, in order.
    for (let i = 0; i < 10; i++) {
      v.send({ type: 'msg', id: `v${i}`, text: `visitor ${i}` });
      console.send({ type: 'msg', id: `a${i}`, conversationId, text: `agent ${i}` });
    }
    const last = 2 + 20;
    await v.next(sawSeq(last), 5000);
    await console.next(sawSeq(last), 5000);
    const all = Array.from({ length: last }, (_, i) => i + 1);
    expect(seqs(v, conversationId)).toEqual(all);
    expect(seqs(console, conversationId)).toEqual(all);

    v.send({ type: 'typing', on: true });
    expect(await console.next(isType('typing'))).toEqual({ type: 'typing', conversationId, on: true });

    // The visitor's next page load reaches the other server: it replays what they missed, once.
    v.close();
    const { client: moved } = await visitor(b, { token: welcome.token, conversationId, afterSeq: 15 });
    await moved.next(sawSeq(last));
    expect(seqs(moved, conversationId)).toEqual(all.slice(15));
    console.send({ type: 'msg', id: 'a-after', conversationId, text: 'Olet nyt toisella palvelimella' });
    await moved.next(sawSeq(last + 1));
    expect(seqs(moved, conversationId)).toEqual(all.slice(15).concat(last + 1));

    // A note from the agent's server never reaches the visitor's, and what follows comes at once.
    console.send({ type: 'note', id: 'n1', conversationId, text: 'Kanta-asiakas' });
    expect(await console.next((f) => f.type === 'ack' && f.id === 'n1')).toMatchObject({ seq: last + 2 });
    console.send({ type: 'msg', id: 'a-after-note', conversationId, text: 'Vielä yksi asia' });
    await moved.next(sawSeq(last + 3));
    expect(seqs(moved, conversationId)).toEqual(all.slice(15).concat(last + 1, last + 3));
    expect(moved.events(conversationId).some((e) => e.body.kind === 'note')).toBe(false);
  });

  it('counts who is online across the servers: a visitor on one is here for a console on the other', async () => {
    const console = await agent(b, await login(b));
    const { client: v } = await visitor(a);
    v.send({ type: 'handoff', id: 'h3', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [], visitor: {} });
    const { conversationId } = await v.next(isType('ack'));
    console.send({ type: 'open', conversationId, afterSeq: 0 });
    expect(await console.next(isType('visitor'))).toMatchObject({ conversationId, online: true });
  });

  it("shows a console on one server the page a single-page app moved on to, said by the visitor's widget on the other", async () => {
    const console = await agent(b, await login(b));
    const { client: v } = await visitor(a);
    v.send({ type: 'handoff', id: 'h-spa', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [] });
    const { conversationId } = await v.next(isType('ack'));
    console.send({ type: 'open', conversationId, afterSeq: 0 });
    await console.next((f) => f.type === 'summary' && f.conversation.id === conversationId);
    // history.pushState: no new hello; the widget says the page with what it sends next.
    const checkout = { url: 'https://kauppa.example/spa/kassa/maksu', title: 'Kassa' };
    v.send({ type: 'typing', on: true, page: checkout });
    const moved = await console.next((f): f is Extract<typeof f, { type: 'summary' }> => f.type === 'summary' && f.conversation.nowOn !== undefined);
    expect(moved.conversation).toMatchObject({ id: conversationId, page: PAGE, nowOn: checkout });
    const delivery = { url: 'https://kauppa.example/spa/kassa/toimitus', title: 'Toimitus' };
    v.send({ type: 'msg', id: 'm-spa', text: 'Toimitatteko Ouluun?', page: delivery });
    await v.next((f) => f.type === 'ack' && f.id === 'm-spa');
    const again = await console.next((f): f is Extract<typeof f, { type: 'summary' }> => f.type === 'summary' && f.conversation.nowOn?.url === delivery.url);
    expect(again.conversation).toMatchObject({ page: PAGE, nowOn: delivery });
  });

  it('keeps the agents in the database: added on one host, they log in on every server; removed, their consoles everywhere end', async () => {
    const io = { stdin: Object.assign(new PassThrough(), { isTTY: false }), stdout: new PassThrough(), stderr: new PassThrough() };
    io.stdin.end('eeron-salasana\n');
    // Another host: no shared data directory, only the database.
    const elsewhere = await tempDir();
    try {
      expect(await agentCommand(['add', '--login', 'eero', '--name', 'Eero', '--data', elsewhere.dir], io, { KOHTAAMO_DATABASE_URL: database })).toBe(0);
    } finally {
      await elsewhere.remove();
    }
    const onA = await agent(a, await login(a, 'eeron-salasana', 'eero'));
    const onB = await agent(b, await login(b, 'eeron-salasana', 'eero'));
    const removed = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
    expect(await agentCommand(['remove', '--login', 'eero'], removed, { KOHTAAMO_DATABASE_URL: database })).toBe(0);
    await onA.next((f) => f.type === 'error' && f.code === 'unauthorized');
    await onB.next((f) => f.type === 'error' && f.code === 'unauthorized');
  });

  it("returns a removed agent's conversation to the queue at once, told to its visitor once though every server hears the removal", async () => {
    const io = { stdin: Object.assign(new PassThrough(), { isTTY: false }), stdout: new PassThrough(), stderr: new PassThrough() };
    io.stdin.end('liisan-salasana\n');
    expect(await agentCommand(['add', '--login', 'liisa', '--name', 'Liisa', '--data', dir.dir], io, { KOHTAAMO_DATABASE_URL: database })).toBe(0);
    const liisa = await agent(a, await login(a, 'liisan-salasana', 'liisa'));
    const aino = await agent(b, await login(b));
    const { client: v } = await visitor(b);
    v.send({ type: 'handoff', id: 'h-removed', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [] });
    const { conversationId } = await v.next(isType('ack'));
    liisa.send({ type: 'claim', id: 'k-removed', conversationId });
    await liisa.next((f) => f.type === 'ack' && f.id === 'k-removed');
    await v.next((f) => f.type === 'status' && f.conversation.status === 'active');

    const removed = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
    expect(await agentCommand(['remove', '--login', 'liisa'], removed, { KOHTAAMO_DATABASE_URL: database })).toBe(0);
    // Not after the away grace (two minutes, as served): at once, in the words of a logout.
    const told = await v.next((f) => f.type === 'events' && f.events.some((e) => e.body.kind === 'released'), 3000);
    expect(told).toMatchObject({ conversationId, events: [{ body: { kind: 'released', agent: 'Liisa' } }] });
    expect(told.type === 'events' && told.events[0]?.body).not.toHaveProperty('away');
    await aino.next((f) => f.type === 'queue' && f.conversations.some((c) => c.id === conversationId && c.status === 'queued'), 3000);
    // Both servers released it; the store refused the second.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(v.events(conversationId).filter((e) => e.body.kind === 'released')).toHaveLength(1);
  });

  it('keeps two deployments on one Redis apart: another database, another set of channels', async () => {
    const otherSchema = newSchema();
    const otherDir = await tempDir();
    await (await openPostgresStore(TEST_DATABASE_URL, { schema: otherSchema })).close();
    const other = await startTestServer(otherDir.dir, {
      database: `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${otherSchema}`)}`,
      redis: TEST_REDIS_URL,
    });
    try {
      const staging = await agent(other, await login(other));
      const ours = await agent(b, await login(b));
      const { client: v } = await visitor(a);
      v.send({ type: 'handoff', id: 'h-apart', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [], visitor: { name: 'Salainen' } });
      const { conversationId } = await v.next(isType('ack'));
      await ours.next((f) => f.type === 'queue' && f.conversations.some((c) => c.id === conversationId));
      // By now the other deployment would have heard it too, were the channels shared.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const leaked = staging.received.filter((f) => f.type === 'queue' && f.conversations.some((c) => c.id === conversationId));
      expect(leaked).toEqual([]);
    } finally {
      await other.close();
      await otherDir.remove();
      await dropSchema(otherSchema);
    }
  });

  it('tells a load balancer each server is healthy: its PostgreSQL answers and its Redis is connected', async () => {
    for (const server of [a, b]) {
      const res = await fetch(`${server.url}/api/health`);
      expect(await res.json()).toEqual({ ok: true, checks: { store: 'ok', bus: 'ok' } });
    }
  });

  it('refuses to start, saying which service and where, when PostgreSQL or Redis cannot be reached', async () => {
    const elsewhere = await tempDir();
    try {
      await expect(startTestServer(elsewhere.dir, { database: 'postgres://kohtaamo:secret@127.0.0.1:1/none' })).rejects.toThrow(
        /^Cannot open the database postgres:\/\/kohtaamo:\*\*\*@127\.0\.0\.1:1\/none: /,
      );
      // The cause in one line, not ioredis's "Connection is closed.".
      await expect(startTestServer(elsewhere.dir, { database, redis: 'redis://127.0.0.1:1' })).rejects.toThrow(
        /^Cannot connect to Redis at redis:\/\/127\.0\.0\.1:1: connect ECONNREFUSED 127\.0\.0\.1:1$/,
      );
    } finally {
      await elsewhere.remove();
    }
  });

  it('lets one of two agents on two servers claim a waiting visitor, and tells the other', async () => {
    const token = await login(a);
    const [onA, onB] = [await agent(a, token), await agent(b, token)];
    const { client: v } = await visitor(b);
    v.send({ type: 'handoff', id: 'h2', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [], visitor: {} });
    const { conversationId } = await v.next(isType('ack'));
    await onA.next((f) => f.type === 'queue' && f.conversations.some((c) => c.id === conversationId));
    onA.send({ type: 'open', conversationId, afterSeq: 0 });
    await onA.next(isType('summary'));
    onB.send({ type: 'claim', id: 'k2', conversationId });
    await onB.next(isType('ack'));
    // The console on the other server hears of it: the claim's event and the new status.
    await onA.next((f) => f.type === 'summary' && f.conversation.status === 'active');
    await onA.next((f) => f.type === 'events' && f.events.some((e) => e.body.kind === 'joined'));
  });
});
