// `npm run bench memory`: the server's memory per connected visitor, Kohtaamo against a bare `ws`
// server holding the same sockets (the reference: says welcome, acks each frame, keeps nothing),
// each in a child process of its own (bench/memory-server.ts) measured after forced GCs: first
// SOCKETS idle visitors that said hello, then the same visitors each in a handoff with MESSAGES
// messages (Kohtaamo stores them in SQLite). The clients run in this process and do not count.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import type { ChildMessage, Memory } from './memory-server';

const SOCKETS = 1000;
const MESSAGES = 3;
const BATCH = 50;
const PAGE = { url: 'https://kauppa.example/', title: 'Kauppa' };
const CHILD = fileURLToPath(new URL('./memory-server.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

function next(child: ChildProcess): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as ChildMessage));
    child.once('exit', (code) => reject(new Error(`memory-server exited with ${code}`)));
  });
}

async function measure(child: ChildProcess): Promise<Memory> {
  const reply = next(child);
  child.send('measure');
  const m = await reply;
  if (!('memory' in m)) throw new Error('memory-server: expected a measurement');
  return m.memory;
}

/** Sends a frame and waits for the reply of `type` (a visitor's frames are answered in order). */
function ask(ws: WebSocket, frame: object, type: string): Promise<void> {
  return new Promise((resolve) => {
    const on = (data: Buffer) => {
      if ((JSON.parse(data.toString()) as { type: string }).type !== type) return;
      ws.off('message', on);
      resolve();
    };
    ws.on('message', on);
    ws.send(JSON.stringify(frame));
  });
}

async function visitor(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  await ask(ws, { type: 'hello', lang: 'fi', page: PAGE }, 'welcome');
  return ws;
}

async function inBatches<T, R>(items: T[], f: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(...(await Promise.all(items.slice(i, i + BATCH).map((x, j) => f(x, i + j)))));
  return out;
}

interface PerSocket {
  idle: Memory;
  handoff: Memory;
}

const per = (a: Memory, b: Memory): Memory => ({
  heap: (b.heap - a.heap) / SOCKETS,
  external: (b.external - a.external) / SOCKETS,
  rss: (b.rss - a.rss) / SOCKETS,
});

async function server(kind: 'bare' | 'kohtaamo'): Promise<PerSocket> {
  const child = fork(CHILD, [kind], { cwd: ROOT, execArgv: ['--expose-gc', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const ready = await next(child);
    if (!('ready' in ready)) throw new Error('memory-server: expected ready');
    const before = await measure(child);
    const sockets = await inBatches(Array.from({ length: SOCKETS }), () => visitor(ready.ready));
    const idle = await measure(child);
    await inBatches(sockets, async (ws) => {
      await ask(ws, { type: 'handoff', id: 'h', reason: 'no_answer', lang: 'fi', page: PAGE, steps: [] }, 'ack');
      for (let m = 0; m < MESSAGES; m++) await ask(ws, { type: 'msg', id: `m${m}`, text: 'Milloin tilaamani sohva toimitetaan? Tilausnumero 123456.' }, 'ack');
    });
    const handoff = await measure(child);
    for (const ws of sockets) ws.close();
    return { idle: per(before, idle), handoff: per(before, handoff) };
  } finally {
    child.send('close');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

export async function run(): Promise<void> {
  const reference = await server('bare');
  const ours = await server('kohtaamo');
  console.log(`${SOCKETS} visitor sockets, each server in a process of its own, after forced GC; bytes per socket (growth over the server at rest / ${SOCKETS})`);
  console.log(`${''.padEnd(50)} ${'heap'.padStart(10)} ${'external'.padStart(10)} ${'RSS'.padStart(10)}  heap vs ref  RSS vs ref`);
  for (const [phase, key] of [['idle, said hello', 'idle'], [`in a handoff, ${MESSAGES} messages each`, 'handoff']] as const) {
    for (const [name, m] of [['reference: bare ws', reference[key]], ['kohtaamo (SQLite)', ours[key]]] as const) {
      const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : '–');
      console.log(
        `${`${phase}: ${name}`.padEnd(50)} ${kib(m.heap).padStart(10)} ${kib(m.external).padStart(10)} ${kib(m.rss).padStart(10)}  ${ratio(m.heap, reference[key].heap).padStart(11)}  ${ratio(m.rss, reference[key].rss).padStart(10)}`,
      );
    }
  }
}
