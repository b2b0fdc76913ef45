import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryBus, type Bus, type BusMessage } from './bus';
import { createSharedCount, type SharedCount } from './shared-count';

const SYNC = 1_000;

beforeEach(() => void vi.useFakeTimers());
afterEach(() => {
  for (const count of made.splice(0)) count.dispose();
  vi.useRealTimers();
});

/** What a count's callbacks heard, e.g. 'first k K here', 'last k K there'. */
type Heard = string[];
const made: SharedCount[] = [];
const count = (bus: Bus | undefined, heard: Heard = []) => {
  const note = (what: string) => (key: string, change: { name: string; here: boolean }) =>
    void heard.push(`${what} ${key} ${change.name || '-'} ${change.here ? 'here' : 'there'}`);
  const c = createSharedCount({ set: 'agents', bus, syncMs: SYNC, first: note('first'), last: note('last') });
  made.push(c);
  return c;
};

/** One process's link to the shared bus: it can go silent (a crash, a lost connection) and come back. */
const link = (bus: Bus) => {
  let state: 'up' | 'down' | 'lose-one' = 'up';
  const linked: Bus = {
    ...bus,
    publish(topic, message) {
      if (state === 'lose-one') state = 'up';
      else if (state === 'up') bus.publish(topic, message);
    },
    subscribe: (topic, handler) => bus.subscribe(topic, (message) => void (state === 'down' || handler(message))),
  };
  return { bus: linked, down: () => void (state = 'down'), up: () => void (state = 'up'), loseNext: () => void (state = 'lose-one') };
};

/** A bus that delivers only when told, as Redis does a moment later: a process hears its own messages late too. */
const laterBus = () => {
  const bus = createMemoryBus();
  const queue: [string, BusMessage][] = [];
  return { bus: { ...bus, publish: (topic: string, message: BusMessage) => void queue.push([topic, message]) } as Bus, deliver: () => queue.splice(0).forEach(([t, m]) => bus.publish(t, m)) };
};

// The hello waits for bus.ready(), a promise.
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('shared count', () => {
  it('counts a key open on another process, and fires first and last once across the cluster', () => {
    const bus = createMemoryBus();
    const heardA: Heard = [];
    const heardB: Heard = [];
    const a = count(bus, heardA);
    const b = count(bus, heardB);
    const closeB = b.opened('k', 'K');
    expect([a.has('k'), a.size()]).toEqual([true, 1]);
    expect([heardA, heardB]).toEqual([['first k K there'], ['first k K here']]);
    const closeA = a.opened('k', 'K');
    const otherTabA = a.opened('k', 'K');
    closeB();
    closeA();
    expect([heardA.length, heardB.length, b.has('k'), b.size()]).toEqual([1, 1, true, 1]);
    otherTabA();
    expect([heardA.at(-1), heardB.at(-1), a.has('k'), b.has('k'), a.size(), b.size()]).toEqual(['last k K here', 'last k K there', false, false, 0, 0]);
  });

  it('does not count its own messages the bus echoes back, even when they arrive late', () => {
    const { bus, deliver } = laterBus();
    const heard: Heard = [];
    const a = count(bus, heard);
    const close = a.opened('k');
    deliver();
    close();
    // Counted as a holder of its own, the echo would keep `k` open until the `closed` came back.
    expect([heard, a.has('k')]).toEqual([['first k - here', 'last k - here'], false]);
    deliver();
    vi.advanceTimersByTime(10 * SYNC);
    deliver();
    expect([heard.length, a.size()]).toEqual([2, 0]);
  });

  it('keeps the keys of a process that heart-beats, and drops them three heartbeats after it falls silent', () => {
    const bus = createMemoryBus();
    const heard: Heard = [];
    const a = count(bus, heard);
    const b = link(bus);
    count(b.bus).opened('k', 'K');
    vi.advanceTimersByTime(10 * SYNC);
    expect(a.has('k')).toBe(true);
    b.down(); // its last heartbeat went out just now
    vi.advanceTimersByTime(3 * SYNC - 1);
    expect(a.has('k')).toBe(true);
    vi.advanceTimersByTime(1);
    expect([a.has('k'), heard]).toEqual([false, ['first k K there', 'last k K there']]);
  });

  it('keeps the keys of a process silent on the bus while it is alive elsewhere (its database heartbeat), and drops them a heartbeat after it is not', () => {
    const bus = createMemoryBus();
    const heard: Heard = [];
    const beating = new Set(['b']);
    const note = (what: string) => (key: string) => void heard.push(`${what} ${key}`);
    const a = createSharedCount({ set: 'agents', bus, syncMs: SYNC, liveness: { process: 'a', alive: (p) => beating.has(p) }, first: note('first'), last: note('last') });
    const b = link(bus);
    const other = createSharedCount({ set: 'agents', bus: b.bus, syncMs: SYNC, liveness: { process: 'b', alive: () => true }, first: () => {}, last: () => {} });
    made.push(a, other);
    other.opened('k', 'K');
    b.down(); // cut off from Redis, its agent still connected there
    vi.advanceTimersByTime(20 * SYNC);
    expect([a.has('k'), heard]).toEqual([true, ['first k']]);
    beating.delete('b'); // and now it crashed
    vi.advanceTimersByTime(SYNC);
    expect([a.has('k'), heard]).toEqual([false, ['first k', 'last k']]);
  });

  it('keeps sets apart: a visitor is not an agent', () => {
    const bus = createMemoryBus();
    const agents = count(bus);
    const visitors = createSharedCount({ set: 'visitors', bus, syncMs: SYNC, first() {}, last() {} });
    made.push(visitors);
    visitors.opened('k');
    vi.advanceTimersByTime(SYNC);
    expect([agents.has('k'), agents.size()]).toEqual([false, 0]);
  });

  it('keeps what it knew while it does not hear even itself (the bus is down here), and drops the dead once it does', () => {
    const bus = createMemoryBus();
    const a = link(bus);
    const heard: Heard = [];
    const countA = count(a.bus, heard);
    count(bus).opened('alive');
    const c = link(bus);
    count(c.bus).opened('dead');
    a.down();
    c.down();
    vi.advanceTimersByTime(20 * SYNC);
    expect([countA.has('alive'), countA.has('dead')]).toEqual([true, true]);
    a.up();
    vi.advanceTimersByTime(6 * SYNC);
    expect(heard).toEqual(['first alive - there', 'first dead - there', 'last dead - there']);
  });

  it('closes the keys of a process that stops at once: it says goodbye', () => {
    const bus = createMemoryBus();
    const heard: Heard = [];
    const a = count(bus, heard);
    const b = count(bus);
    b.opened('k');
    b.dispose();
    expect([a.has('k'), heard]).toEqual([false, ['first k - there', 'last k - there']]);
  });

  it('lets a process that starts learn every key at once, not at the next heartbeat', async () => {
    const bus = createMemoryBus();
    count(bus).opened('k', 'K');
    const heard: Heard = [];
    const late = count(bus, heard);
    await settle();
    expect([late.has('k'), heard]).toEqual([true, ['first k K there']]);
  });

  it('repairs a lost message with the next heartbeat', () => {
    const bus = createMemoryBus();
    const a = count(bus);
    const b = link(bus);
    const countB = count(b.bus);
    b.loseNext();
    const close = countB.opened('k');
    expect(a.has('k')).toBe(false);
    vi.advanceTimersByTime(SYNC);
    expect(a.has('k')).toBe(true);
    b.loseNext();
    close();
    vi.advanceTimersByTime(SYNC);
    expect(a.has('k')).toBe(false);
  });

  it('asks a process it had dropped for all its keys when it is heard again', () => {
    const bus = createMemoryBus();
    const a = count(bus);
    const b = link(bus);
    const countB = count(b.bus);
    countB.opened('k1');
    b.down();
    vi.advanceTimersByTime(3 * SYNC);
    expect(a.has('k1')).toBe(false);
    b.up();
    countB.opened('k2');
    expect([a.has('k1'), a.has('k2')]).toEqual([true, true]);
  });

  it('without a bus counts this process alone, and leaves no timer behind', () => {
    const heard: Heard = [];
    const alone = count(undefined, heard);
    alone.opened('k', 'K')();
    expect(heard).toEqual(['first k K here', 'last k K here']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops every timer on dispose, and fires nothing after it', () => {
    const bus = createMemoryBus();
    const heard: Heard = [];
    const a = count(bus, heard);
    count(bus).opened('k');
    const close = a.opened('j');
    for (const c of made) c.dispose();
    close();
    a.opened('late');
    expect(heard).toEqual(['first k - there', 'first j - here']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
