// Server relay throughput: visitors send chat messages (a window of unacked ones each) that an
// agent receives. Kohtaamo (validation, SQLite with fsync per commit, group commit, fan-out)
// against a bare `ws` relay (parse, forward, ack; nothing stored) in the same run, plus the
// longest event-loop stall while Kohtaamo runs (WAL checkpoints are kept off the main thread).
// Both warmed up first, so the ratio printed is the warm one.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WebSocket, WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { createServer } from '../server/app';
import { DEFAULTS } from '../server/defaults';
import { openPostgresStore } from '../server/store/postgres';
import { dropSchema, newSchema, servicesAvailable, TEST_DATABASE_URL, TEST_REDIS_URL } from '../server/test-services';

const VISITORS = 50;
const PER_VISITOR = 200;
const WINDOW = 16;
const MEASURED = 2;
const PAGE = { url: 'https://kauppa.example/', title: 'Kauppa' };

type Frame = { type: string; id?: string; conversationId?: string; events?: { body: { kind: string } }[] };

function open(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}
const frames = (ws: WebSocket, on: (frame: Frame) => void) => ws.on('message', (data) => on(JSON.parse(data.toString()) as Frame));

interface Result {
  rate: number;
  /** Process CPU (server and clients; the clients do the same work in both runs) per message. */
  cpuUs: number;
}

/**
 * Every visitor keeps WINDOW messages unacked until it has sent PER_VISITOR; measures until the
 * agent has all. CPU per message is the steadier number on a shared machine; msg/s is the headline.
 */
async function drive(visitors: WebSocket[], delivered: () => number): Promise<Result> {
  const total = visitors.length * PER_VISITOR;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    visitors.map(
      (ws) =>
        new Promise<void>((resolve) => {
          let sent = 0;
          let acked = 0;
          const send = () => ws.send(JSON.stringify({ type: 'msg', id: `m${sent++}`, text: 'Milloin paketti tulee?' }));
          frames(ws, (f) => {
            if (f.type !== 'ack' || !f.id?.startsWith('m')) return;
            if (++acked === PER_VISITOR) resolve();
            else if (sent < PER_VISITOR) send();
          });
          for (let i = 0; i < WINDOW; i++) send();
        }),
    ),
  );
  while (delivered() < total) await new Promise((r) => setTimeout(r, 2));
  const used = process.cpuUsage(cpu);
  return { rate: Math.round((total / (performance.now() - started)) * 1000), cpuUs: Math.round((used.user + used.system) / total) };
}

async function bare(): Promise<Result> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => wss.once('listening', resolve));
  let agent: WebSocket | null = null;
  wss.on('connection', (ws, req) => {
    if (req.url === '/agent') return void (agent = ws);
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString()) as { id: string };
      agent?.send(JSON.stringify({ type: 'events', events: [m] }));
      ws.send(JSON.stringify({ type: 'ack', id: m.id }));
    });
  });
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  const a = await open(`${url}/agent`);
  let got = 0;
  frames(a, () => got++);
  const visitors = await Promise.all(Array.from({ length: VISITORS }, () => open(`${url}/v`)));
  const result = await drive(visitors, () => got);
  for (const ws of [...visitors, a]) ws.close();
  wss.close();
  return result;
}

/** Kohtaamo embedded (one server, SQLite), or scaled out: visitors on one server, the agent on another, sharing PostgreSQL and Redis. */
async function kohtaamo(scaleOut = false): Promise<Result & { maxStallMs: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'kohtaamo-bench-'));
  const faq = join(dir, 'faq.json');
  await writeFile(faq, JSON.stringify([{ id: 'a', lang: 'fi', question: 'Kuinka kauan toimitus kestää?', answer: '2–4 päivää.' }]));
  const schema = newSchema();
  if (scaleOut) await (await openPostgresStore(TEST_DATABASE_URL, { schema })).close();
  const services = scaleOut ? { database: `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`, redis: TEST_REDIS_URL } : {};
  const start = () =>
    createServer(
      { ...DEFAULTS, port: 0, faq, data: join(dir, 'data'), root: dir, demoPassword: 'bench-password', rate: { perSecond: 1e6, burst: 1e6 }, ...services },
      { log: (error) => console.error(error) },
    );
  const server = await start();
  const agentServer = scaleOut ? await start() : server;
  const ws = server.url.replace('http', 'ws');
  const res = await fetch(`${agentServer.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"login":"demo","password":"bench-password"}' });
  const { token } = (await res.json()) as { token: string };
  const a = await open(`${agentServer.url.replace('http', 'ws')}/ws/agent`);
  let got = 0;
  frames(a, (f) => {
    if (f.type === 'events') got += (f.events ?? []).filter((e) => e.body.kind === 'text').length;
  });
  a.send(JSON.stringify({ type: 'hello', token }));
  const visitors: WebSocket[] = [];
  for (let i = 0; i < VISITORS; i++) {
    const v = await open(`${ws}/ws/visitor`);
    const ack = new Promise<Frame>((resolve) => frames(v, (f) => f.type === 'ack' && resolve(f)));
    v.send(JSON.stringify({ type: 'hello', lang: 'fi', page: PAGE }));
    v.send(JSON.stringify({ type: 'handoff', id: 'h', reason: 'no_answer', lang: 'fi', page: PAGE, steps: [] }));
    const { conversationId } = await ack;
    a.send(JSON.stringify({ type: 'claim', id: `k${i}`, conversationId }));
    visitors.push(v);
  }
  await new Promise((r) => setTimeout(r, 200));
  const stalls = monitorEventLoopDelay({ resolution: 5 });
  stalls.enable();
  const result = await drive(visitors, () => got);
  stalls.disable();
  for (const v of [...visitors, a]) v.close();
  await Promise.all([server.close(), agentServer !== server && agentServer.close()]);
  await rm(dir, { recursive: true, force: true });
  if (scaleOut) await dropSchema(schema);
  return { ...result, maxStallMs: Math.round(stalls.max / 1e6) };
}

type Run = Result & { maxStallMs: number };

/** The better of runs: the highest rate and the lowest CPU per message, each taken on its own (the machine is shared). */
function best(runs: Run[]): Run {
  return {
    rate: Math.max(...runs.map((r) => r.rate)),
    cpuUs: Math.min(...runs.map((r) => r.cpuUs)),
    maxStallMs: Math.min(...runs.map((r) => r.maxStallMs)),
  };
}

export async function run(): Promise<void> {
  // One discarded warm-up run of each (JIT, ws's buffers, SQLite's first pages), then the two
  // alternated MEASURED times, so neither is measured cold nor only while the other machine's load peaks.
  await bare();
  await kohtaamo();
  const bares: Run[] = [];
  const embedded: Run[] = [];
  for (let i = 0; i < MEASURED; i++) {
    bares.push({ ...(await bare()), maxStallMs: 0 });
    embedded.push(await kohtaamo());
  }
  const floor = best(bares);
  const row = (relay: string, ours: Run) => ({
    relay,
    'msg/s': ours.rate,
    'of floor': `${Math.round((ours.rate / floor.rate) * 100)} %`,
    'CPU µs/msg': ours.cpuUs,
    'CPU vs floor': `${(ours.cpuUs / floor.cpuUs).toFixed(1)}×`,
    'max loop stall ms': ours.maxStallMs,
  });
  const rows = [
    { relay: 'bare ws (nothing stored)', 'msg/s': floor.rate, 'of floor': '100 %', 'CPU µs/msg': floor.cpuUs, 'CPU vs floor': '1.0×', 'max loop stall ms': '' },
    row('kohtaamo (SQLite, fsync)', best(embedded)),
  ];
  // Scaled out: once, after the runs above (the process is warm; its PostgreSQL path is not warmed separately).
  const scaledOut = await servicesAvailable();
  if (scaledOut) rows.push(row('kohtaamo scaled out (2 servers, PostgreSQL + Redis)', await kohtaamo(true)));
  console.table(rows);
  console.log(`${VISITORS} visitors × ${PER_VISITOR} messages, ${WINDOW} unacked each, one agent receiving all.`);
  console.log(
    `Bare and embedded: one discarded warm-up run each, then ${MEASURED} alternated runs each; the best rate and the best CPU of those (each on its own). CPU counts clients and server, in one process.`,
  );
  if (scaledOut) console.log('Scaled out: one run, last; visitors on one server, the agent on the other, both in this process (CPU counts both), PostgreSQL and Redis on this machine.');
}
