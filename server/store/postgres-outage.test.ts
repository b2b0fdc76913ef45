// PostgreSQL going away under a running store (here its port closing, as a stopped database's
// does): the operator reads one line in words when writes start failing and one when they work
// again, as with SQLite (storage-news.ts), and the server's log leaves out each failed write's stack.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { dropSchema, newSchema, servicesAvailable, TEST_DATABASE_URL } from '../test-services';
import { openPostgresStore } from './postgres';
import { toldOperator } from './write-health';

const available = await servicesAvailable();
const schema = newSchema();
afterAll(async () => {
  if (available) await dropSchema(schema);
});

/** A port in front of PostgreSQL that can be closed, its connections cut, and opened again. */
async function proxy(): Promise<{ port: number; open(): Promise<void>; close(): Promise<void> }> {
  const target = new URL(TEST_DATABASE_URL);
  const sockets = new Set<Socket>();
  const upstreams = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const open = () =>
    new Promise<void>((resolve) => {
      if (server) return resolve();
      server = createServer((socket) => {
        const upstream = createConnection(Number(target.port || 5432), target.hostname);
        upstreams.add(upstream);
        upstream.on('close', () => upstreams.delete(upstream));
        for (const s of [socket, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s)).on('error', () => {});
        }
        socket.pipe(upstream).pipe(socket);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  await open();
  return {
    port,
    open,
    async close() {
      if (!server) return;
      const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
      // As a stopping database does: its sessions are ended (57P01), then nobody answers the port.
      const ports = [...upstreams].map((s) => s.localPort);
      const admin = new pg.Client(TEST_DATABASE_URL);
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE client_port = ANY($1::int[])', [ports]);
      await admin.end();
      await new Promise((resolve) => setTimeout(resolve, 200));
      for (const socket of sockets) socket.destroy();
      await closed;
      server = null;
    },
  };
}

it.runIf(available)('states one stop of the database as one cause, once, though a write in flight saw its session end and the next its port refuse', async () => {
  const door = await proxy();
  const url = new URL(TEST_DATABASE_URL);
  url.port = String(door.port);
  const said: string[] = [];
  const store = await openPostgresStore(url.href, { schema, poolSize: 2, log: (line) => said.push(line) });
  // Straight to the database, not through the door: holds the table, so the store's write is in flight when the database stops.
  const holder = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
  await holder.connect();
  try {
    await store.createVisitor('s1', 'hash-s1', 1);
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE visitors IN EXCLUSIVE MODE');
    const inFlight = store.createVisitor('s2', 'hash-s2', 2).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await door.close();
    // Its session ended (57P01, "terminating connection due to administrator command")…
    expect(await inFlight).toMatchObject({ code: '57P01' });
    // …and every write after it meets the port refusing (ECONNREFUSED): the same stop.
    const refused = await store.createVisitor('s3', 'hash-s3', 3).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'ECONNREFUSED' });
    await holder.query('ROLLBACK');
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^Writes to postgres:\/\/\S+ fail: the connection to the database server was lost \(terminating connection due to administrator command\)\. To fix: check that PostgreSQL is running and reachable; the server connects again by itself\./);
    await door.open();
    await store.createVisitor('s4', 'hash-s4', 4);
    expect(said.slice(1)).toEqual([expect.stringMatching(/^Writes to postgres:\/\/\S+ work again after \d+ s\.$/)]);
  } finally {
    await holder.end().catch(() => {});
    await door.open().catch(() => {});
    await store.close();
    await door.close();
  }
}, 20_000);

it.runIf(available)('says in words once that writes fail while the database is unreachable, and once that they work again', async () => {
  const door = await proxy();
  const url = new URL(TEST_DATABASE_URL);
  url.port = String(door.port);
  const said: string[] = [];
  const store = await openPostgresStore(url.href, { schema, poolSize: 2, log: (line) => said.push(line) });
  try {
    await store.createVisitor('v1', 'hash-1', 1);
    await door.close();
    const failed: unknown[] = [];
    for (let i = 0; i < 3; i++) await store.createVisitor(`v${i + 2}`, `hash-${i + 2}`, 2).catch((error: unknown) => failed.push(error));
    expect(failed).toHaveLength(3);
    expect(failed.every(toldOperator)).toBe(true);
    // Once, in words: its port refusing (or, when a write met the sessions ending first, the connection lost).
    expect(said).toHaveLength(1);
    for (const line of said) expect(line).toMatch(new RegExp(`^Writes to postgres://postgres@127\\.0\\.0\\.1:${door.port}/test fail: the (database server refuses connections \\(connect ECONNREFUSED .+\\)\\. To fix: start PostgreSQL|connection to the database server was lost \\(.+\\)\\. To fix: check that PostgreSQL is running)`));
    const failing = said.length;
    for (let i = 0; i < 3; i++) await store.createVisitor(`w${i}`, `hash-w${i}`, 2).catch(() => {});
    expect(said).toHaveLength(failing);
    await door.open();
    await store.createVisitor('v9', 'hash-9', 3);
    expect(said.slice(failing)).toEqual([expect.stringMatching(new RegExp(`^Writes to postgres://postgres@127\\.0\\.0\\.1:${door.port}/test work again after \\d+ s\\.$`))]);
  } finally {
    await door.open().catch(() => {});
    await store.close();
    await door.close();
  }
}, 20_000);
