// Issue 4's proof: a message acknowledged to its sender is delivered to the other side exactly
// once, in order, whatever the network or the server does. The real server runs behind our
// fault proxy; visitor and agent clients chat through random delays, drops, one-way black
// holes and resets while the server is SIGKILLed and restarted on the same data several
// times. After a quiet settle, both ends of every conversation — and a fresh reader after one
// last SIGKILL — must hold every acknowledged message once, where and in the order it was sent.
// Replay a failing run with CHAOS_SEED=<printed seed>.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process';
import { startFaultProxy, totalFaults, type FaultProxy } from './fault-proxy';
import { createAgentSession } from './agent-session';
import { createRandom, seedFromEnv, type Random } from './prng';
import { MONKEY_DEFAULTS, startMonkey } from './monkey';
import { closeAll, openPairs, pump, tally, waitSettled, type Pair, type ScenarioOptions } from './scenario';
import { audit } from './audit';
import { formatReport } from './report';

const PASSWORD = 'chaos-demo-password';
const envInt = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

const RUN = Object.freeze({
  conversations: envInt('CHAOS_CONVERSATIONS', 50),
  messages: envInt('CHAOS_MESSAGES', 200),
  /** Mean pause between two messages of one side: sets the length of the traffic phase. */
  messageEveryMs: envInt('CHAOS_MESSAGE_MS', 150),
  /** Restarts during the traffic, in this order; one more SIGKILL comes before the final audit.
   *  The SIGTERM one checks the graceful path too: sockets closed while commits are in flight. */
  stops: Object.freeze(['SIGKILL', 'SIGKILL', 'SIGTERM', 'SIGKILL', 'SIGKILL'] as const),
  settleMs: 40_000,
  /** Client tuning: short heartbeats so a black hole is found within about two seconds; the
   *  connect timeout leaves room for a server that has just restarted on a busy machine. */
  client: Object.freeze({
    link: { connectTimeoutMs: 4_000, pingMs: 500, silenceMs: 2_000, backoff: { minMs: 50, maxMs: 1_000, factor: 2 } },
    ackTimeoutMs: 8_000,
  }),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('chaos: the delivery guarantee under faults and crashes', () => {
  const seed = seedFromEnv();
  const random = createRandom(seed);
  const dataDir = mkdtempSync(join(tmpdir(), 'kohtaamo-chaos-'));
  // Short server heartbeats too, so the server's own detection of half-dead connections (ws pings,
  // idle timeout) is exercised, not only the clients'.
  const env = { KOHTAAMO_DEMO_PASSWORD: PASSWORD, KOHTAAMO_HEARTBEAT_MS: '1000', KOHTAAMO_IDLE_TIMEOUT_MS: '3000' };
  let server: ServerProcess | undefined;
  let proxy: FaultProxy | undefined;
  let pairs: Pair[] = [];
  const restarts = { SIGKILL: 0, SIGTERM: 0 };

  /** A stop (SIGKILL unless told), a random pause, and the same command on the same port and data. */
  const crash = async (rng: Random, signal: keyof typeof restarts = 'SIGKILL') => {
    const port = server!.port;
    await (signal === 'SIGKILL' ? server!.kill() : server!.stop());
    await sleep(rng.int(0, 500));
    server = await startServer({ dataDir, port, env });
    restarts[signal]++;
  };

  afterAll(async () => {
    await closeAll(pairs);
    await proxy?.close();
    await server?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`${RUN.conversations} conversations × ${RUN.messages} messages each way arrive exactly once, in order`, async () => {
    console.log(`chaos seed ${seed} (replay with CHAOS_SEED=${seed})`);
    const started = Date.now();
    server = await startServer({ dataDir, env });
    proxy = await startFaultProxy({ targetPort: server.port });
    const http = `http://127.0.0.1:${server.port}`;
    const options: ScenarioOptions = {
      wsOrigin: `ws://127.0.0.1:${proxy.port}`,
      origin: http,
      session: createAgentSession(http, 'demo', PASSWORD),
      random: random.fork(),
      conversations: RUN.conversations,
      messages: RUN.messages,
      messageEveryMs: RUN.messageEveryMs,
      client: RUN.client,
    };

    // Faults from the first connection on, so handoffs and claims get their share.
    const monkey = startMonkey(proxy, { ...MONKEY_DEFAULTS, random: random.fork() });
    pairs = await openPairs(options);
    const traffic = pump(pairs, options);
    // Crashes spread over the traffic phase, each at a random point of its own slice.
    const crashRng = random.fork();
    const slice = (RUN.messages * RUN.messageEveryMs) / RUN.stops.length;
    for (const signal of RUN.stops) {
      await sleep(crashRng.int(Math.round(slice * 0.3), Math.round(slice * 0.8)));
      await crash(crashRng, signal);
    }
    await traffic;
    monkey.stop();
    const trafficMs = Date.now() - started;

    const settled = await waitSettled(pairs, RUN.settleMs);
    const settleMs = Date.now() - started - trafficMs;
    const result = tally(pairs);

    // One more crash with everything acknowledged, then a fresh reader per conversation.
    await crash(crashRng);
    const audited = await audit(pairs, { wsOrigin: `ws://127.0.0.1:${server.port}`, session: options.session, random: random.fork(), client: RUN.client });

    console.log(
      formatReport({ seed, result, audited, faults: proxy.stats(), restarts, trafficMs, settleMs, totalMs: Date.now() - started }),
    );

    expect(settled, 'every message acknowledged and delivered before the settle timeout').toBe(true);
    const expected = RUN.conversations * RUN.messages * 2;
    expect(result.total).toEqual({
      sent: expected,
      acked: expected,
      delivered: expected,
      duplicates: 0,
      reorderings: 0,
      missing: 0,
      misplaced: 0,
    });
    expect(result).toMatchObject({ unacked: 0, divergent: 0, seqConflicts: 0, ackConflicts: 0, anomalies: [] });
    // In order on the wire too: the server never sent an event past a missing one (which a
    // client would have to notice and resync from).
    expect(result.gaps).toBe(0);
    expect(audited).toMatchObject({ complete: true, divergent: 0 });
    expect(audited.total).toMatchObject({ delivered: expected, duplicates: 0, reorderings: 0, missing: 0, misplaced: 0 });
    // The run really was hostile.
    expect(restarts).toEqual({ SIGKILL: RUN.stops.filter((s) => s === 'SIGKILL').length + 1, SIGTERM: 1 });
    expect(totalFaults(proxy.stats().faults)).toBeGreaterThanOrEqual(RUN.conversations);
    expect(result.resends).toBeGreaterThan(0);
  });
});
