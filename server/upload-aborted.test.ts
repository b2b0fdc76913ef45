// An upload whose client went away before its body was in (a visitor closing the tab, a phone
// losing its signal), or cut by the server stopping: nothing the server did wrong, so nothing in
// its log (it was a stack trace, "Error: aborted … ECONNRESET", read as a bug), and its place for
// uploads is free again at once.
import net from 'node:net';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { FILES_PATH, type VisitorServerMessage } from '../protocol';
import { createServer, type RunningServer } from './app';
import { DEFAULTS } from './defaults';
import { connect, deferred, isType, PAGE, tempDir, testConfig, type TestClient } from './test-support';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100_000)]);
const ORIGIN = 'https://kauppa.example';

const defer = deferred();
let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => (dir = await tempDir()));
afterEach(() => dir.remove());

/** A server with every upload place (2) to be taken by uploads cut off; what it logs is kept. */
async function start(logged: unknown[]): Promise<RunningServer> {
  const config = await testConfig(dir.dir, { origins: [ORIGIN], uploads: { ...DEFAULTS.uploads, concurrent: 2, concurrentPerAddress: 2, perSender: { perSecond: 1, burst: 50 } } });
  return createServer(config, { log: (...entry: unknown[]) => logged.push(...entry), info: () => {} });
}

async function visitor(server: RunningServer) {
  const client: TestClient<VisitorServerMessage> = await connect(server, '/ws/visitor', ORIGIN);
  defer(() => client.close());
  client.send({ type: 'hello', lang: 'fi', page: PAGE });
  const { token } = await client.next(isType('welcome'));
  client.send({ type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [] });
  await client.next(isType('ack'));
  return token;
}

/** A 4 MB photo of which the first 100 KB is sent; resolves once the server has those. */
function halfUpload(server: RunningServer, token: string, id: string): Promise<net.Socket> {
  const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1');
  socket.on('error', () => {});
  socket.write(
    `POST ${FILES_PATH} HTTP/1.1\r\nHost: kohtaamo.example\r\nOrigin: ${ORIGIN}\r\nAuthorization: Bearer ${token}\r\n` +
      `X-Kohtaamo-Id: ${id}\r\nX-Kohtaamo-Name: kuva.png\r\nContent-Type: image/png\r\nContent-Length: 4000000\r\n\r\n`,
  );
  return new Promise((resolve) => socket.write(PNG, () => setTimeout(() => resolve(socket), 200)));
}

const upload = (server: RunningServer, token: string, id: string) =>
  fetch(`${server.url}${FILES_PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, origin: ORIGIN, 'x-kohtaamo-id': id, 'x-kohtaamo-name': 'kuva.png', 'content-type': 'image/png' },
    body: new Uint8Array(PNG),
  });

it('logs nothing of uploads whose visitor closed the tab, and gives their places to the next photo', async () => {
  const logged: unknown[] = [];
  const server = await start(logged);
  defer(() => server.close());
  const token = await visitor(server);
  // Every place taken, twice over, and each let go by its client part way.
  for (const round of [1, 2]) {
    const cut = await Promise.all([halfUpload(server, token, `a${round}`), halfUpload(server, token, `b${round}`)]);
    expect((await upload(server, token, `full${round}`)).status).toBe(429);
    for (const socket of cut) socket.destroy();
  }
  await vi.waitFor(async () => expect((await upload(server, token, 'c1')).status).toBe(200), { interval: 50 });
  expect(logged).toEqual([]);
});

it('logs nothing of an upload under way when the server stops', async () => {
  const logged: unknown[] = [];
  const server = await start(logged);
  const token = await visitor(server);
  const socket = await halfUpload(server, token, 'a1');
  defer(() => void socket.destroy());
  await server.close();
  expect(logged).toEqual([]);
});
