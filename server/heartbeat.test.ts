import { afterEach, beforeEach, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RunningServer } from './app';
import { connect, isType, login, PAGE, startTestServer, tempDir } from './test-support';

let dir: { dir: string; remove(): Promise<void> };
let server: RunningServer;
beforeEach(async () => {
  dir = await tempDir();
  server = await startTestServer(dir.dir, { heartbeatMs: 40, idleTimeoutMs: 120 });
});
afterEach(async () => {
  await server.close();
  await dir.remove();
});

it('tells clients how often to ping and answers pings', async () => {
  const v = await connect(server, '/ws/visitor');
  v.send({ type: 'hello', lang: 'fi', page: PAGE });
  expect(await v.next(isType('welcome'))).toMatchObject({ heartbeatMs: 40 });
  v.send({ type: 'ping', t: 7 });
  expect(await v.next(isType('pong'))).toEqual({ type: 'pong', t: 7 });
  v.close();
});

it("tells an agent console the server's time in its welcome and pongs, by which it counts waiting times", async () => {
  const a = await connect(server, '/ws/agent');
  const before = Date.now();
  a.send({ type: 'hello', token: await login(server) });
  const welcome = await a.next(isType('welcome'));
  expect(welcome.now).toBeGreaterThanOrEqual(before);
  expect(welcome.now).toBeLessThanOrEqual(Date.now());
  a.send({ type: 'ping', t: 7 });
  const pong = await a.next(isType('pong'));
  expect(pong).toEqual({ type: 'pong', t: 7, now: expect.any(Number) });
  expect(pong.now).toBeGreaterThanOrEqual(welcome.now!);
  expect(pong.now).toBeLessThanOrEqual(Date.now());
  a.close();
});

it('keeps a connection that answers WebSocket pings and drops one that has gone silent', async () => {
  const alive = await connect(server, '/ws/visitor');
  // A peer that stopped answering: no pong to the server's pings, no frames.
  const silent = new WebSocket(server.url.replace('http', 'ws') + '/ws/visitor', { autoPong: false });
  const closed = new Promise<number>((resolve) => silent.on('close', (code) => resolve(code)));
  const started = Date.now();
  expect(await closed).toBe(1006);
  expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  expect(alive.ws.readyState).toBe(WebSocket.OPEN);
  alive.close();
});
