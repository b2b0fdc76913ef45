// Connections that hold the server without using it: from a real server with real sockets.
import { createServer, type Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { guardSlowClients, slowClientServerOptions, type SlowClientLimits } from './slow-clients';
import { attachSockets } from './ws-adapter';
import { DEFAULTS } from './defaults';
import { FILES_PATH } from '../protocol';
import { deferred, startTestServer, tempDir } from './test-support';

let http: Server | undefined;
afterEach(async () => {
  const server = http;
  http = undefined;
  if (!server) return;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A server that reads every body and answers with its length, guarded with these limits; `/upload` is a file. */
async function serve(limits: Partial<SlowClientLimits>, exempt: (peer: string) => boolean = () => false, sockets = false) {
  const all: SlowClientLimits = { headersTimeoutMs: 10_000, bodyTimeoutMs: 10_000, uploadTimeoutMs: 10_000, connectionsPerAddress: 100, ...limits };
  http = createServer(slowClientServerOptions(all), (req, res) => {
    let size = 0;
    req.on('data', (chunk: Buffer) => (size += chunk.length));
    req.on('end', () => res.end(String(size)));
  });
  const guard = guardSlowClients(http, { ...all, isUpload: (req) => req.url === '/upload', exempt });
  if (sockets) {
    const session = () => ({ frame: () => {}, closed: () => {} });
    const attached = attachSockets(http, {
      originAllowed: () => true, heartbeatMs: 10_000, idleTimeoutMs: 30_000, closeGraceMs: 100, visitor: session, agent: session,
      perAddress: { perSecond: 100, burst: 100, maxOpen: 10, exempt: () => false },
      upgraded: guard.upgraded,
    });
    http.once('close', () => attached.close());
  }
  await new Promise<void>((resolve) => http!.listen(0, '127.0.0.1', resolve));
  return (http.address() as AddressInfo).port;
}

/** A raw connection: what it was answered, and whether it has closed. */
function raw(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (data) => (answer += data.toString()));
  socket.on('error', () => {});
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(answer)));
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, closed, connected };
}

/** Writes `text` a piece at a time until the connection closes (or `stop`). */
function trickle(socket: net.Socket, piece: string, everyMs: number): () => void {
  const timer = setInterval(() => !socket.destroyed && socket.write(piece), everyMs);
  socket.once('close', () => clearInterval(timer));
  return () => clearInterval(timer);
}

describe('slow clients', () => {
  it('get their headers cut off once the time for them is up, however steadily they trickle', async () => {
    const port = await serve({ headersTimeoutMs: 300 });
    const slow = raw(port);
    slow.socket.write('GET / HTTP/1.1\r\n');
    trickle(slow.socket, 'X-Still-Here: 1\r\n', 50);
    expect(await slow.closed).toMatch(/^HTTP\/1.1 408/);
    // One that sends nothing at all too.
    expect(await raw(port).closed).toMatch(/^HTTP\/1.1 408/);
  });

  it("get a body's time, a file's body longer: a slow phone's photo goes in where a trickled login does not", async () => {
    const port = await serve({ bodyTimeoutMs: 300, uploadTimeoutMs: 10_000 });
    const login = raw(port);
    login.socket.write('POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n');
    trickle(login.socket, 'x', 50);
    expect(await login.closed).toBe('');
    // The same pace for a file, for well past the body's time: taken.
    const photo = raw(port);
    photo.socket.write('POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\nConnection: close\r\n\r\n');
    for (let sent = 0; sent < 20; sent++) {
      photo.socket.write('x');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    photo.socket.write('x'.repeat(80));
    expect(await photo.closed).toMatch(/^HTTP\/1.1 200[\s\S]*\r\n\r\n100$/);
  });

  it('may hold only so many connections from one address, and one more once one has closed', async () => {
    const port = await serve({ connectionsPerAddress: 3 });
    const held = [raw(port), raw(port), raw(port)];
    await Promise.all(held.map((c) => c.connected));
    // Refused at once: closed without a word, not kept waiting.
    expect(await raw(port).closed).toBe('');
    held[0]!.socket.destroy();
    await held[0]!.closed;
    // The server hears of the close a moment later: until then it may still count it.
    let answer = '';
    for (let i = 0; i < 50 && !answer.startsWith('HTTP/1.1 200'); i++) {
      const next = raw(port);
      next.socket.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      answer = await next.closed;
    }
    expect(answer).toMatch(/^HTTP\/1.1 200/);
  });

  it('from an exempt address (loopback: a proxy on this host carries every client) are not counted', async () => {
    const port = await serve({ connectionsPerAddress: 1 }, () => true);
    const first = raw(port);
    await first.connected;
    const second = raw(port);
    second.socket.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(await second.closed).toMatch(/^HTTP\/1.1 200/);
    first.socket.destroy();
  });

  it('count WebSockets no longer once they are let in: those the socket limits count', async () => {
    const port = await serve({ connectionsPerAddress: 2 }, () => false, true);
    const open = () =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/ws/visitor`);
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      });
    const sockets = [await open(), await open(), await open(), await open()];
    // Two connections waiting for a request are still all the address may hold besides.
    const waiting = [raw(port), raw(port)];
    await Promise.all(waiting.map((c) => c.connected));
    expect(await raw(port).closed).toBe('');
    for (const ws of sockets) ws.terminate();
    for (const c of waiting) c.socket.destroy();
  });
});

describe('the server', () => {
  const defer = deferred();

  it('cuts off slow headers, and closes a connection whose request it refused before reading the body', async () => {
    const dir = await tempDir();
    const server = await startTestServer(dir.dir, { http: { ...DEFAULTS.http, headersTimeoutMs: 300 } });
    defer(dir.remove, () => server.close());
    const slow = raw(server.port);
    slow.socket.write('GET / HTTP/1.1\r\n');
    trickle(slow.socket, 'X-Still-Here: 1\r\n', 50);
    expect(await slow.closed).toMatch(/^HTTP\/1.1 408/);
    // A file's body may take minutes, but not once it has been refused (no visitor's token here).
    const refused = raw(server.port);
    refused.socket.write(`POST ${FILES_PATH} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer nobody\r\nContent-Length: 10000000\r\n\r\n`);
    trickle(refused.socket, 'x'.repeat(100), 50);
    expect(await refused.closed).toMatch(/^HTTP\/1.1 401[\s\S]*Connection: close/i);
  });
});
