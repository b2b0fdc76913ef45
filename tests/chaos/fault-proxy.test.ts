// The fault proxy does what each fault promises, seen from both ends of a real TCP connection.
import net from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { startFaultProxy, totalFaults, type FaultProxy } from './fault-proxy';

interface End {
  socket: net.Socket;
  received(): string;
  /** Resolves when the received text contains `text`. */
  waitFor(text: string): Promise<void>;
  closed: Promise<{ error: string | null }>;
}

function watch(socket: net.Socket): End {
  let data = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  let error: string | null = null;
  socket.on('data', (chunk: Buffer) => {
    data += chunk.toString();
    for (const w of waiters.filter((w) => data.includes(w.text))) w.resolve();
  });
  socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
  return {
    socket,
    received: () => data,
    waitFor: (text) => (data.includes(text) ? Promise.resolve() : new Promise((resolve) => waiters.push({ text, resolve }))),
    // Not events.once: it rejects on 'error', and an error is what some faults are about.
    closed: new Promise((resolve) => socket.once('close', () => resolve({ error }))),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let target: net.Server;
let proxy: FaultProxy;
const serverEnds: End[] = [];

async function setup(): Promise<void> {
  target = net.createServer((socket) => serverEnds.push(watch(socket)));
  target.listen(0, '127.0.0.1');
  await once(target, 'listening');
  proxy = await startFaultProxy({ targetPort: (target.address() as net.AddressInfo).port });
}

async function connect(): Promise<{ client: End; server: End }> {
  const before = serverEnds.length;
  const socket = net.connect({ port: proxy.port, host: '127.0.0.1' });
  const client = watch(socket);
  await once(socket, 'connect');
  while (serverEnds.length === before) await sleep(2);
  return { client, server: serverEnds[serverEnds.length - 1]! };
}

afterEach(async () => {
  await proxy?.close();
  for (const end of serverEnds.splice(0)) end.socket.destroy();
  await new Promise((r) => target.close(r));
});

describe('fault proxy', () => {
  it('forwards both ways untouched and counts the bytes', async () => {
    await setup();
    const { client, server } = await connect();
    client.socket.write('hei palvelin');
    await server.waitFor('hei palvelin');
    server.socket.write('hei asiakas');
    await client.waitFor('hei asiakas');
    expect(proxy.stats()).toMatchObject({ connections: 1, bytesUp: 12, bytesDown: 11 });
    expect(proxy.links()).toHaveLength(1);
    expect(totalFaults(proxy.stats().faults)).toBe(0);
  });

  it('delays every later chunk, in order', async () => {
    await setup();
    const { client, server } = await connect();
    proxy.links()[0]!.delay(150);
    const start = Date.now();
    for (const part of ['a', 'b', 'c', 'd']) client.socket.write(part);
    await server.waitFor('abcd');
    expect(Date.now() - start).toBeGreaterThanOrEqual(140);
    expect(server.received()).toBe('abcd');
    expect(proxy.stats().faults.delay).toBe(1);
  });

  it('drop closes both ends', async () => {
    await setup();
    const { client, server } = await connect();
    proxy.links()[0]!.drop();
    expect(await client.closed).toEqual({ error: null });
    await server.closed;
    expect(proxy.links()).toHaveLength(0);
    expect(proxy.stats().faults.drop).toBe(1);
  });

  it('reset aborts both ends with a TCP reset', async () => {
    await setup();
    const { client, server } = await connect();
    proxy.links()[0]!.reset();
    expect(await client.closed).toEqual({ error: 'ECONNRESET' });
    expect(await server.closed).toEqual({ error: 'ECONNRESET' });
    expect(proxy.stats().faults.reset).toBe(1);
  });

  it('a down black hole silences the server but keeps both sockets open', async () => {
    await setup();
    const { client, server } = await connect();
    proxy.links()[0]!.blackhole('down');
    server.socket.write('kuuletko');
    client.socket.write('täällä');
    await server.waitFor('täällä');
    await sleep(50);
    expect(client.received()).toBe('');
    expect(client.socket.destroyed || server.socket.destroyed).toBe(false);
    expect(proxy.stats().faults).toMatchObject({ blackholeDown: 1, blackholeUp: 0 });
  });

  it('an up black hole silences the client, even its close', async () => {
    await setup();
    const { client, server } = await connect();
    proxy.links()[0]!.blackhole('up');
    client.socket.write('kuuletko');
    server.socket.write('täällä');
    await client.waitFor('täällä');
    client.socket.end();
    await sleep(50);
    expect(server.received()).toBe('');
    expect(server.socket.destroyed).toBe(false);
    expect(proxy.stats().faults.blackholeUp).toBe(1);
    expect(proxy.stats().blackholeNoticedMs).toHaveLength(1);
  });

  it('closes the client and counts a refusal when the server is not listening', async () => {
    await setup();
    await new Promise((r) => target.close(r));
    target = net.createServer();
    const client = watch(net.connect({ port: proxy.port, host: '127.0.0.1' }));
    await client.closed;
    expect(proxy.stats().refused).toBe(1);
  });
});
