// Run by memory.bench.ts in a child process of its own (`node --expose-gc --import tsx`), so that
// its heap and RSS are one server's: Kohtaamo (`kohtaamo`) or a bare `ws` server (`bare`, the
// reference: says welcome, acks each frame, keeps nothing). Answers `measure` after forced GCs.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { createServer } from '../server/app';
import { DEFAULTS } from '../server/defaults';

export interface Memory {
  heap: number;
  external: number;
  rss: number;
}

export type ChildMessage = { ready: string } | { memory: Memory };

async function bare(): Promise<{ url: string; close: () => Promise<void> }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => wss.once('listening', resolve));
  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type: string; id?: string };
      ws.send(JSON.stringify(frame.type === 'hello' ? { type: 'welcome' } : { type: 'ack', id: frame.id }));
    });
  });
  return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws/visitor`, close: () => new Promise((r) => wss.close(() => r())) };
}

async function kohtaamo(): Promise<{ url: string; close: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'kohtaamo-memory-'));
  const faq = join(dir, 'faq.json');
  await writeFile(faq, JSON.stringify([{ id: 'a', lang: 'fi', question: 'Kuinka kauan toimitus kestää?', answer: '2–4 päivää.' }]));
  const server = await createServer(
    { ...DEFAULTS, port: 0, faq, data: join(dir, 'data'), root: dir, demoPassword: 'bench-password', rate: { perSecond: 1e6, burst: 1e6 } },
    { log: (error) => console.error(error) },
  );
  return {
    url: `${server.url.replace('http', 'ws')}/ws/visitor`,
    close: async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function measure(): Memory {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, external: m.external, rss: m.rss };
}

const server = process.argv[2] === 'bare' ? await bare() : await kohtaamo();
const send = (message: ChildMessage) => process.send?.(message);
process.on('message', (message) => {
  if (message === 'measure') send({ memory: measure() });
  if (message === 'close') void server.close().then(() => process.exit(0));
});
send({ ready: server.url });
