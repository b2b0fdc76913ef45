// Found by the chaos work (README "Findings"): on SIGTERM the server stops listening, sends
// every socket a close frame and waits for `http.close()`, which waits for the upgraded sockets
// too. A half-dead client never answers the closing handshake, and ws gave up on it only after
// its 30 s close timeout: one such client turned every graceful restart into half a minute in
// which nobody could connect. The server now cuts such clients off after `closeGraceMs`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

/** Generous for a server with one idle visitor: an unbounded wait shows as the 30 s timeout. */
const STOP_WITHIN_MS = 3_000;

describe('a graceful stop with a half-dead client connected', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kohtaamo-stop-'));
  let server: ServerProcess | undefined;
  let proxy: FaultProxy | undefined;
  let client: WebSocket | undefined;

  afterAll(async () => {
    client?.terminate();
    await proxy?.close();
    await server?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`exits within ${STOP_WITHIN_MS} ms`, async () => {
    server = await startServer({ dataDir, env: { KOHTAAMO_DEMO_PASSWORD: 'chaos-demo-password' } });
    proxy = await startFaultProxy({ targetPort: server.port });
    const ws = new WebSocket(`ws://127.0.0.1:${proxy.port}/ws/visitor`);
    client = ws;
    ws.on('error', () => {});
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'hello', lang: 'fi', page: { url: 'https://kauppa.example/', title: 'Kauppa' } }));
    await new Promise((resolve) => ws.once('message', resolve));
    // The visitor's way to the server dies silently (a phone that lost its network).
    proxy.links()[0]!.blackhole('up');

    const stopping = server.stop();
    const exited = await Promise.race([
      stopping.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), STOP_WITHIN_MS)),
    ]);
    expect(exited).toBe(true);
  });
});
