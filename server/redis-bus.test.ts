import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Bus, BusMessage } from './bus';
import type { BusPing } from './defaults';
import { createRedisBus } from './redis-bus';
import { startServiceProxy } from './test-outage';
import type { ServiceProxy } from './test-outage';
import { servicesAvailable, TEST_REDIS_URL } from './test-services';

const available = await servicesAvailable();

describe.runIf(available)('Redis bus', () => {
  const open: Bus[] = [];
  afterEach(() => Promise.all(open.splice(0).map((bus) => bus.close())));
  const prefix = `kt-test-${randomBytes(4).toString('hex')}:`;
  const processes = async (count: number, log: (error: unknown) => void = (error) => expect.fail(String(error))) => {
    const buses: Bus[] = [];
    for (let i = 0; i < count; i++) buses.push(await createRedisBus(TEST_REDIS_URL, { prefix, log }));
    open.push(...buses);
    return buses;
  };
  const sessions: BusMessage = { kind: 'sessions' };
  /** Resolves with what the handler heard once `count` messages arrived. */
  const hear = (bus: Bus, topic: string, count: number) => {
    const heard: BusMessage[] = [];
    let done = () => {};
    const all = new Promise<BusMessage[]>((resolve) => (done = () => resolve(heard)));
    const stop = bus.subscribe(topic, (message) => {
      heard.push(message);
      if (heard.length === count) done();
    });
    return { all, heard, stop };
  };

  it("delivers one process's publish to every process, its own included, once each", async () => {
    const [a, b] = (await processes(2)) as [Bus, Bus];
    expect(a.healthy()).toBe(true);
    const onA = hear(a, 'agents', 2);
    const onB = hear(b, 'agents', 2);
    await Promise.all([a.ready(), b.ready()]);
    b.publish('agents', sessions);
    a.publish('agents', { kind: 'typing', conversationId: 'c1', from: 'visitor', name: '', on: true });
    expect(await onA.all).toEqual(await onB.all);
    expect(onA.heard.map((m) => m.kind).sort()).toEqual(['sessions', 'typing']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onA.heard).toHaveLength(2);
  });

  it('keeps topics apart and stops delivering after the last unsubscribe', async () => {
    const [a, b] = (await processes(2)) as [Bus, Bus];
    const first = hear(a, 'visitor:v1', 1);
    const second = hear(a, 'visitor:v1', 2);
    const other = hear(a, 'visitor:v2', 1);
    await a.ready();
    b.publish('visitor:v1', sessions);
    await first.all;
    first.stop();
    b.publish('visitor:v1', sessions);
    await second.all;
    second.stop();
    await a.ready();
    b.publish('visitor:v1', sessions);
    b.publish('visitor:v2', sessions);
    await other.all;
    expect([first.heard.length, second.heard.length]).toEqual([1, 2]);
  });

  it('drops a payload that is not JSON, says so, and goes on', async () => {
    const log = vi.fn();
    const [a] = (await processes(1, log)) as [Bus];
    const heard = hear(a, 'agents', 1);
    await a.ready();
    const raw = new Redis(TEST_REDIS_URL);
    try {
      await raw.publish(`${prefix}agents`, '{not json');
      await raw.publish(`${prefix}agents`, JSON.stringify(sessions));
    } finally {
      raw.disconnect();
    }
    expect(await heard.all).toEqual([sessions]);
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('goes on delivering to the other handlers when one throws, and says so', async () => {
    const log = vi.fn();
    const [a] = (await processes(1, log)) as [Bus];
    a.subscribe('agents', () => {
      throw new Error('a broken handler');
    });
    const heard = hear(a, 'agents', 1);
    await a.ready();
    a.publish('agents', sessions);
    expect(await heard.all).toEqual([sessions]);
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ message: 'a broken handler' }));
  });

  it('tells every handler to read the store again when its connection to Redis is back, and goes on delivering', async () => {
    const [a, b] = (await processes(2, () => {})) as [Bus, Bus];
    const heard: BusMessage[] = [];
    a.subscribe('agents', (message) => heard.push(message));
    a.subscribe('visitor:v1', (message) => heard.push(message));
    await a.ready();
    const raw = new Redis(TEST_REDIS_URL);
    try {
      const list = await raw.client('LIST');
      const id = /id=(\d+) [^\n]*name=(\S+)/g;
      // This file's subscribers (both processes'): not those of other tests running beside it.
      const ours = [...String(list).matchAll(id)].filter((m) => m[2] === `${prefix}subscriber`).map((m) => m[1] ?? '');
      expect(ours).toHaveLength(2);
      for (const client of ours) await raw.client('KILL', 'ID', client);
    } finally {
      raw.disconnect();
    }
    // Twice per topic: once when the connection goes (what was published just before it may never
    // have come back), once when it is back (what was published meanwhile never arrives).
    await expect.poll(() => heard.filter((m) => m.kind === 'resync').length, { timeout: 5000 }).toBe(4);
    await expect.poll(() => a.healthy()).toBe(true);
    b.publish('agents', sessions);
    await expect.poll(() => heard.at(-1)).toEqual(sessions);
  });

  it('refuses to start when Redis cannot be reached, saying why in its error alone', async () => {
    const log = vi.fn();
    await expect(createRedisBus('redis://127.0.0.1:1', { log })).rejects.toThrow(/^connect ECONNREFUSED 127\.0\.0\.1:1$/);
    expect(log).not.toHaveBeenCalled();
  });

  // Outages of a second or so, and ioredis's backoff after them.
  describe('through a proxy that goes down', { timeout: 20_000 }, () => {
    const proxies: ServiceProxy[] = [];
    afterEach(() => Promise.all(proxies.splice(0).map((proxy) => proxy.close())));
    /** A process whose Redis connections go through a proxy the test can take down, and what it logged. */
    const cutOff = async (ping?: BusPing) => {
      const proxy = await startServiceProxy(TEST_REDIS_URL);
      proxies.push(proxy);
      const logged: unknown[] = [];
      const bus = await createRedisBus(proxy.url(TEST_REDIS_URL), { prefix, log: (entry) => void logged.push(entry), ping });
      open.push(bus);
      /** Down until both connections have tried `attempts` times to reconnect. */
      const down = async (attempts: number) => {
        const before = proxy.attempts;
        proxy.down();
        await expect.poll(() => proxy.attempts - before, { timeout: 10_000 }).toBeGreaterThanOrEqual(2 * attempts);
        expect(bus.healthy()).toBe(false);
      };
      return { proxy, bus, logged, down };
    };

    it('subscribes a topic asked for while Redis was away once it is back, and says so once each way', async () => {
      const { proxy, bus, logged, down } = await cutOff();
      const [other] = (await processes(1)) as [Bus];
      await down(3);
      const heard: BusMessage[] = [];
      bus.subscribe('visitor:v9', (message) => heard.push(message));
      bus.publish('agents', sessions);
      // Nothing to wait for while cut off: the caller reads the store now, and hears `resync` later.
      await bus.ready();
      // ioredis gives up on what waits for a connection at its 4th attempt (3 retries).
      await down(2);
      proxy.up();
      await expect.poll(() => heard.some((m) => m.kind === 'resync'), { timeout: 10_000 }).toBe(true);
      // Its publisher reconnects on its own backoff.
      await expect.poll(() => bus.healthy(), { timeout: 10_000 }).toBe(true);
      other.publish('visitor:v9', sessions);
      await expect.poll(() => heard.at(-1)).toEqual(sessions);
      // Not a line per reconnection attempt or per publish that could not go.
      expect(logged).toEqual([expect.stringMatching(/^Redis lost: live delivery between servers paused \(/), expect.stringMatching(/^Redis back: resynced.*1 message could not be relayed/)]);
    });

    it("delivers its own publishes to its own handlers while cut off, but not its presence", async () => {
      const { bus, down } = await cutOff();
      const heard: BusMessage[] = [];
      bus.subscribe('conversation:c1', (message) => heard.push(message));
      bus.subscribe('presence', (message) => heard.push(message));
      await bus.ready();
      await down(1);
      const typing: BusMessage = { kind: 'typing', conversationId: 'c1', from: 'agent', name: 'Aino', on: true };
      bus.publish('conversation:c1', typing);
      bus.publish('presence', { kind: 'presence', process: 'p1', set: 'agents', all: [] });
      // `resync` as the connection went, then its own publish, from itself.
      expect(heard).toEqual([{ kind: 'resync' }, typing]);
    });

    it('finds within a second a Redis that stops answering without closing the connection, and is back once it answers', async () => {
      // Checked every 200 ms, dropped after 400 ms unanswered: the defaults (5 s, 2.5 s) made quick.
      const { proxy, bus, logged } = await cutOff({ everyMs: 200, timeoutMs: 400 });
      const [other] = (await processes(1)) as [Bus];
      const heard: BusMessage[] = [];
      bus.subscribe('visitor:v1', (message) => heard.push(message));
      await bus.ready();
      // Answered, the subscribed connection's PINGs too: nothing is dropped while Redis is there.
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect([logged, bus.healthy()]).toEqual([[], true]);
      // A network partition: nothing forwarded either way, and no FIN or RST to say so.
      proxy.freeze();
      const frozenAt = Date.now();
      await expect.poll(() => bus.healthy(), { timeout: 3_000, interval: 20 }).toBe(false);
      expect(Date.now() - frozenAt).toBeLessThan(1_500);
      proxy.up();
      await expect.poll(() => heard.some((m) => m.kind === 'resync'), { timeout: 10_000 }).toBe(true);
      await expect.poll(() => bus.healthy(), { timeout: 10_000 }).toBe(true);
      other.publish('visitor:v1', sessions);
      await expect.poll(() => heard.at(-1)).toEqual(sessions);
      // Said once each way, whatever the reconnection attempts into the silent network meanwhile.
      expect(logged).toEqual([expect.stringMatching(/^Redis lost: live delivery between servers paused \(Socket timeout/), expect.stringMatching(/^Redis back: resynced/)]);
    });

    it('tells its own handlers to read the store again as soon as a silent connection is dropped, not when Redis answers again', async () => {
      const { proxy, bus } = await cutOff({ everyMs: 200, timeoutMs: 400 });
      const heard: BusMessage[] = [];
      bus.subscribe('conversation:c1', (message) => heard.push(message));
      bus.subscribe('presence', (message) => heard.push(message));
      await bus.ready();
      // Silent before anything says so: the publish goes into the silence, and is not heard back.
      proxy.freeze();
      bus.publish('conversation:c1', { kind: 'typing', conversationId: 'c1', from: 'agent', name: 'Aino', on: true });
      await expect.poll(() => bus.healthy(), { timeout: 3_000, interval: 20 }).toBe(false);
      // Still silent: what its own sockets missed they read from the store now, not at Redis's return.
      await expect.poll(() => heard, { timeout: 1_000 }).toEqual([{ kind: 'resync' }]);
      // Once per loss, however often the reconnection into the silence fails; the presence topic learns nothing from it.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(heard).toEqual([{ kind: 'resync' }]);
    });

    it('tells the processes that never lost Redis to read the store again once what it published meanwhile could not go', async () => {
      const { proxy, bus, down } = await cutOff();
      const [other] = (await processes(1)) as [Bus];
      const heard: BusMessage[] = [];
      other.subscribe('visitor:v1', (message) => heard.push(message));
      await other.ready();
      await down(1);
      bus.publish('visitor:v1', { kind: 'typing', conversationId: 'c1', from: 'agent', name: 'Aino', on: true });
      proxy.up();
      await expect.poll(() => heard, { timeout: 10_000 }).toEqual([{ kind: 'resync' }]);
    });
  });
});
