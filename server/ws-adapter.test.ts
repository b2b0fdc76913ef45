// The adapter's cut of a client that does not read: never at the cost of a welcome sent before a large frame.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Conn, Session } from './conn';
import { attachSockets, MAX_BUFFERED_BYTES } from './ws-adapter';

let stop = async () => {};
afterEach(() => stop());

/** A server whose agent socket answers any frame with what `hello` sends, and the client's socket, not reading. */
async function serve(hello: (conn: Conn<object>) => void) {
  const server: Server = createServer();
  const sockets = attachSockets(server, {
    originAllowed: () => true,
    heartbeatMs: 60_000,
    idleTimeoutMs: 120_000,
    closeGraceMs: 100,
    visitor: () => ({ frame() {}, closed() {} }),
    agent: (conn): Session => ({ frame: () => hello(conn), closed() {} }),
    perAddress: { perSecond: 100, burst: 100, maxOpen: 100 },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const ws = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws/agent`);
  const types: string[] = [];
  ws.on('message', (data) => types.push((JSON.parse(data.toString()) as { type: string }).type));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise((resolve) => ws.once('open', resolve));
  stop = async () => {
    ws.terminate();
    sockets.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  /** The client stops reading (its kernel buffers fill, then the server's), or reads again. */
  const reading = (on: boolean) => ((ws as unknown as { _socket: { pause(): void; resume(): void } })._socket[on ? 'resume' : 'pause']());
  return { ws, types, closed, reading };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

it('sends a welcome, a frame larger than the cut and what follows it, also a tick later while the large one is still going out', async () => {
  // Larger than the cut and than what the system's socket buffers take of it while the client is not reading.
  const big = 'x'.repeat(6 * MAX_BUFFERED_BYTES);
  let server!: Conn<object>;
  const { ws, types, closed, reading } = await serve((conn) => {
    server = conn;
    conn.send({ type: 'welcome' });
    conn.send({ type: 'queue', big });
    conn.send({ type: 'colleagues' });
  });
  reading(false);
  ws.send(JSON.stringify({ type: 'hello' }));
  await new Promise((resolve) => setTimeout(resolve, 100));
  server.send({ type: 'pong' });
  await tick();
  reading(true);
  await expect.poll(() => types, { timeout: 3000 }).toEqual(['welcome', 'queue', 'colleagues', 'pong']);
  expect(ws.readyState).toBe(WebSocket.OPEN);
  // Still cut when it does not read what else it is sent.
  reading(false);
  server.send({ type: 'queue', big });
  const frame = { type: 'events', text: 'y'.repeat(64 * 1024) };
  for (let i = 0; i < 200 && ws.readyState === WebSocket.OPEN; i++) {
    server.send(frame);
    await tick();
  }
  reading(true);
  expect(await closed).toBe(1006);
});
