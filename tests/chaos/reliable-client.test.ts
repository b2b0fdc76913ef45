// The chaos clients and checks, against a small fake server behind the fault proxy: the
// clients keep the guarantee through faults, notice a half-dead connection, and the checks
// notice when a server breaks the guarantee (duplicates, lost acknowledged messages).
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer, type Sabotage } from './fake-server';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { createAgentSession } from './agent-session';
import { createRandom } from './prng';
import { closeAll, openPairs, pump, tally, waitSettled, waitUntil, type Pair, type ScenarioOptions } from './scenario';
import { startMonkey, type MonkeyOptions } from './monkey';

const FAST_LINK = { connectTimeoutMs: 1_000, pingMs: 100, silenceMs: 400, backoff: { minMs: 10, maxMs: 200, factor: 2 } };

let server: FakeServer;
let proxy: FaultProxy;
let pairs: Pair[] = [];

async function setup(sabotage: Sabotage = {}, seed = 7): Promise<ScenarioOptions> {
  server = await startFakeServer({ heartbeatMs: 1_000, sabotage });
  proxy = await startFaultProxy({ targetPort: server.port });
  return {
    wsOrigin: `ws://127.0.0.1:${proxy.port}`,
    origin: server.origin,
    session: createAgentSession(server.origin, 'demo', 'salasana123'),
    random: createRandom(seed),
    conversations: 3,
    messages: 40,
    messageEveryMs: 15,
    client: { link: FAST_LINK, ackTimeoutMs: 2_000 },
  };
}

const noBlackholes: MonkeyOptions['weights'] = { delay: 2, drop: 1, blackholeUp: 0, blackholeDown: 0, reset: 2 };

async function run(options: ScenarioOptions, weights: MonkeyOptions['weights']) {
  pairs = await openPairs(options);
  const monkey = startMonkey(proxy, { random: options.random.fork(), everyMs: [30, 80], delayMs: [5, 50], weights });
  await pump(pairs, options);
  monkey.stop();
  await waitSettled(pairs, 8_000);
  return tally(pairs);
}

afterEach(async () => {
  await closeAll(pairs);
  pairs = [];
  await proxy.close();
  await server.close();
});

describe('reliable chaos clients', () => {
  it('deliver every acknowledged message exactly once and in order through drops, resets and delays', async () => {
    const options = await setup();
    const result = await run(options, noBlackholes);
    expect(result.total).toMatchObject({ sent: 240, acked: 240, delivered: 240, duplicates: 0, reorderings: 0, missing: 0, misplaced: 0 });
    expect(result).toMatchObject({ unacked: 0, divergent: 0, seqConflicts: 0, ackConflicts: 0, anomalies: [] });
    expect(proxy.stats().faults.reset + proxy.stats().faults.drop).toBeGreaterThan(0);
    expect(result.resends).toBeGreaterThan(0);
  });

  it('notice a connection the server went silent on, and replace it', async () => {
    const options = await setup();
    pairs = await openPairs({ ...options, conversations: 1 });
    const { visitor, agent } = pairs[0]!;
    await waitUntil(() => visitor.connected && agent.connected, 2_000);
    expect(proxy.links()).toHaveLength(2);
    for (const link of proxy.links()) link.blackhole('down');
    visitor.send('v0-1', 'kuuleeko kukaan');
    agent.send('a0-1', 'täällä ollaan');
    expect(await waitSettled(pairs, 3_000)).toBe(true);
    expect(visitor.linkStats.silent + agent.linkStats.silent).toBe(2);
  });

  it('notice a connection whose way up is dead while the server still talks on it', async () => {
    const options = await setup();
    pairs = await openPairs({ ...options, conversations: 1 });
    const { visitor, agent } = pairs[0]!;
    await waitUntil(() => visitor.connected && agent.connected, 2_000);
    const [visitorLink] = proxy.links();
    visitorLink!.blackhole('up');
    visitor.send('v0-1', 'kuuleeko kukaan');
    // The agent keeps writing, so frames keep reaching the visitor over the half-dead link.
    for (let n = 1; n <= 8; n++) {
      agent.send(`a0-${n}`, `vastaus ${n}`);
      await new Promise((r) => setTimeout(r, 60));
    }
    expect(await waitSettled(pairs, 3_000)).toBe(true);
    expect(visitor.linkStats.silent).toBe(1);
    expect(tally(pairs).total).toMatchObject({ acked: 9, delivered: 9, duplicates: 0, missing: 0 });
  });

  it('resend a message whose ack never came on a connection that stayed up, and get its first seq', async () => {
    const options = await setup({ withholdAckEvery: 10 });
    pairs = await openPairs({ ...options, conversations: 1, client: { ...options.client, ackTimeoutMs: 300 } });
    await pump(pairs, { ...options, conversations: 1, messages: 20 });
    expect(await waitSettled(pairs, 5_000)).toBe(true);
    const result = tally(pairs);
    expect(result.ackTimeouts).toBeGreaterThan(0);
    expect(result.total).toMatchObject({ acked: 40, delivered: 40, duplicates: 0, reorderings: 0, missing: 0, misplaced: 0 });
  });

  it('count a message the server stored twice', async () => {
    const options = await setup({ duplicateResends: true });
    const result = await run(options, noBlackholes);
    expect(result.total.duplicates).toBeGreaterThan(0);
  });

  it('count an acknowledged message the server never stored', async () => {
    const options = await setup({ loseEvery: 50 });
    const result = await run(options, noBlackholes);
    expect(result.total.missing).toBeGreaterThan(0);
  });
});
