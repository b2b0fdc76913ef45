// One chaos run (README.md): real `kohtaamo serve` processes behind fault proxies, visitor and
// agent clients chatting through random faults while the servers are stopped and restarted,
// then a settle, one more SIGKILL and a fresh reader per conversation. Run against one server
// (chaos.test.ts) or two sharing PostgreSQL and Redis, visitors on one and agents on the other
// (scale-out-chaos.test.ts). Returns what the test asserts on.
import { expect } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process';
import { startFaultProxy, totalFaults, type FaultCounts, type FaultProxy, type ProxyStats } from './fault-proxy';
import { createAgentSession } from './agent-session';
import { createRandom, seedFromEnv, type Random } from './prng';
import { MONKEY_DEFAULTS, startMonkey } from './monkey';
import { closeAll, openPairs, pump, tally, waitSettled, type Pair, type ScenarioOptions } from './scenario';
import { audit } from './audit';
import { formatReport } from './report';

export const CHAOS_PASSWORD = 'chaos-demo-password';

export const envInt = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

/** Client tuning: short heartbeats so a black hole is found within about two seconds; the
 *  connect timeout leaves room for a server that has just restarted on a busy machine. */
export const CHAOS_CLIENT = Object.freeze({
  link: { connectTimeoutMs: 4_000, pingMs: 500, silenceMs: 2_000, backoff: { minMs: 50, maxMs: 1_000, factor: 2 } },
  ackTimeoutMs: 8_000,
});

export interface ChaosRun {
  conversations: number;
  messages: number;
  /** Mean pause between two messages of one side: sets the length of the traffic phase. */
  messageEveryMs: number;
  /** Restarts during the traffic, in this order (of server i % servers); one more SIGKILL comes before the audit. */
  stops: readonly ('SIGKILL' | 'SIGTERM')[];
  settleMs: number;
  client: NonNullable<ScenarioOptions['client']>;
  dataDir: string;
  /** 1: everyone on one server; 2: visitors on the first, agents on the second. */
  servers: 1 | 2;
  /** The servers' environment besides the demo password. */
  env: Record<string, string>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function mergeStats(all: ProxyStats[]): ProxyStats {
  const faults = Object.fromEntries(
    Object.keys(all[0]!.faults).map((key) => [key, all.reduce((n, s) => n + s.faults[key as keyof FaultCounts], 0)]),
  ) as unknown as FaultCounts;
  return {
    connections: all.reduce((n, s) => n + s.connections, 0),
    refused: all.reduce((n, s) => n + s.refused, 0),
    bytesUp: all.reduce((n, s) => n + s.bytesUp, 0),
    bytesDown: all.reduce((n, s) => n + s.bytesDown, 0),
    faults,
    blackholeNoticedMs: all.flatMap((s) => s.blackholeNoticedMs),
  };
}

export interface ChaosHandle {
  run(): Promise<void>;
  close(): Promise<void>;
}

/** Sets up a run; `run()` drives it and asserts the guarantee; `close()` cleans up whatever happened. */
export function chaos(setup: ChaosRun): ChaosHandle {
  const seed = seedFromEnv();
  const random = createRandom(seed);
  const env = { ...setup.env, KOHTAAMO_DEMO_PASSWORD: CHAOS_PASSWORD };
  const servers: ServerProcess[] = [];
  const proxies: FaultProxy[] = [];
  let pairs: Pair[] = [];
  const restarts = { SIGKILL: 0, SIGTERM: 0 };

  /** A stop (SIGKILL unless told), a random pause, and the same command on the same port and data. */
  const crash = async (rng: Random, which: number, signal: keyof typeof restarts = 'SIGKILL') => {
    const server = servers[which]!;
    await (signal === 'SIGKILL' ? server.kill() : server.stop());
    await sleep(rng.int(0, 500));
    servers[which] = await startServer({ dataDir: setup.dataDir, port: server.port, env });
    restarts[signal]++;
  };

  return {
    async close() {
      await closeAll(pairs);
      await Promise.all(proxies.map((p) => p.close()));
      await Promise.all(servers.map((s) => s.kill()));
    },
    async run() {
      console.log(`chaos seed ${seed} (replay with CHAOS_SEED=${seed})`);
      const started = Date.now();
      for (let i = 0; i < setup.servers; i++) {
        servers.push(await startServer({ dataDir: setup.dataDir, env }));
        proxies.push(await startFaultProxy({ targetPort: servers[i]!.port }));
      }
      const visitors = 0;
      const agents = setup.servers - 1;
      const options: ScenarioOptions = {
        wsOrigin: `ws://127.0.0.1:${proxies[visitors]!.port}`,
        agentWsOrigin: `ws://127.0.0.1:${proxies[agents]!.port}`,
        origin: `http://127.0.0.1:${servers[visitors]!.port}`,
        session: createAgentSession(`http://127.0.0.1:${servers[agents]!.port}`, 'demo', CHAOS_PASSWORD),
        random: random.fork(),
        conversations: setup.conversations,
        messages: setup.messages,
        messageEveryMs: setup.messageEveryMs,
        client: setup.client,
      };

      // Faults from the first connection on, so handoffs and claims get their share.
      const monkeys = proxies.map((proxy) => startMonkey(proxy, { ...MONKEY_DEFAULTS, random: random.fork() }));
      pairs = await openPairs(options);
      const traffic = pump(pairs, options);
      // Crashes spread over the traffic phase, each at a random point of its own slice.
      const crashRng = random.fork();
      const slice = (setup.messages * setup.messageEveryMs) / setup.stops.length;
      for (const [i, signal] of setup.stops.entries()) {
        await sleep(crashRng.int(Math.round(slice * 0.3), Math.round(slice * 0.8)));
        await crash(crashRng, i % setup.servers, signal);
      }
      await traffic;
      for (const monkey of monkeys) monkey.stop();
      const trafficMs = Date.now() - started;

      const settled = await waitSettled(pairs, setup.settleMs);
      const settleMs = Date.now() - started - trafficMs;
      const result = tally(pairs);

      // One more crash with everything acknowledged, then a fresh reader per conversation.
      await crash(crashRng, 0);
      const audited = await audit(pairs, { wsOrigin: `ws://127.0.0.1:${servers[0]!.port}`, session: options.session, random: random.fork(), client: setup.client });
      const faults = mergeStats(proxies.map((p) => p.stats()));

      console.log(formatReport({ seed, result, audited, faults, restarts, trafficMs, settleMs, totalMs: Date.now() - started }));

      expect(settled, 'every message acknowledged and delivered before the settle timeout').toBe(true);
      const expected = setup.conversations * setup.messages * 2;
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
      expect(restarts).toEqual({ SIGKILL: setup.stops.filter((s) => s === 'SIGKILL').length + 1, SIGTERM: setup.stops.filter((s) => s === 'SIGTERM').length });
      expect(totalFaults(faults.faults)).toBeGreaterThanOrEqual(setup.conversations);
      expect(result.resends).toBeGreaterThan(0);
    },
  };
}
