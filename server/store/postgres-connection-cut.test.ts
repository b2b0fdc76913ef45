// The network to PostgreSQL cut while a connection is checked out of the pool (a write batch, the
// agents' change, the first migration): pg emits 'error' on that client, and pg-pool listens only
// while a client is idle. Unheard, the event would be thrown and end the server; the query in
// flight fails instead, and the store reports it as any failed write.
import { createConnection, createServer, type Socket } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { dropSchema, newSchema, servicesAvailable, TEST_DATABASE_URL } from '../test-services';
import { connectPostgres } from './postgres-connect';

const available = await servicesAvailable();
const schema = newSchema();
afterAll(async () => {
  if (available) await dropSchema(schema);
});

it.runIf(available)('survives the connection of a checked-out client cut without a word, and fails only its query', async () => {
  const target = new URL(TEST_DATABASE_URL);
  const sockets = new Set<Socket>();
  const door = createServer((socket) => {
    const upstream = createConnection(Number(target.port || 5432), target.hostname);
    for (const s of [socket, upstream]) sockets.add(s.on('error', () => {}));
    socket.pipe(upstream).pipe(socket);
  });
  await new Promise<void>((resolve) => door.listen(0, '127.0.0.1', resolve));
  const url = new URL(TEST_DATABASE_URL);
  url.port = String((door.address() as { port: number }).port);
  const pool = await connectPostgres(url.href, { schema, poolSize: 2 });
  const client = await pool.connect();
  try {
    const query = client.query('SELECT pg_sleep(5)');
    // As a broken network or a killed proxy does: no goodbye from the database, the socket gone.
    for (const socket of sockets) socket.destroy();
    await expect(query).rejects.toThrow(/ECONNRESET|terminated/);
    // The 'error' event comes with the socket's end; a throw from it would fail this file.
    await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    client.release(true);
    await pool.end();
    door.close();
  }
});
