import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryBus, type Bus } from './bus';
import { createVisitorPresence, type VisitorState } from './visitor-presence';

let heard: [string, VisitorState][];
beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  heard = [];
});
afterEach(() => vi.useRealTimers());

describe('visitor presence', () => {
  it('says a visitor is here at once, and gone only after the grace, from the moment they left', async () => {
    const p = createVisitorPresence((id, state) => heard.push([id, state]), 15_000);
    const tab1 = p.connected('v1');
    const tab2 = p.connected('v1');
    expect(heard).toEqual([['v1', { online: true, since: 1_000_000 }]]);
    tab1();
    vi.advanceTimersByTime(60_000);
    tab2();
    // The next page reconnects within the grace: nothing to tell.
    vi.advanceTimersByTime(1_000);
    const next = p.connected('v1');
    vi.advanceTimersByTime(60_000);
    expect(heard).toHaveLength(1);
    next();
    vi.advanceTimersByTime(15_000);
    expect(heard.at(-1)).toEqual(['v1', { online: false, since: 1_121_000 }]);
    expect(p.state('v1')).toEqual({ online: false, since: 1_121_000 });
    // Long gone, with no conversation open, is forgotten: the map does not grow with every visitor ever seen.
    await vi.advanceTimersByTimeAsync(60 * 60 * 1000);
    expect(p.state('v1')).toBeUndefined();
    p.dispose();
  });
});

describe('visitor presence, remembered while their conversation is open', () => {
  it('keeps a gone visitor with an open conversation gone past the hour, and forgets them once it is not', async () => {
    const open = new Set(['v1']);
    const p = createVisitorPresence((id, state) => heard.push([id, state]), 15_000, { remember: async (id) => open.has(id) });
    p.connected('v1')();
    p.connected('v2')();
    await vi.advanceTimersByTimeAsync(15_000 + 3 * 60 * 60 * 1000);
    // Still gone, since when they left: not "no state", which would count them as on the site.
    expect([p.state('v1'), p.state('v2')]).toEqual([{ online: false, since: 1_000_000 }, undefined]);
    open.delete('v1'); // claimed and closed
    await vi.advanceTimersByTimeAsync(60 * 60 * 1000);
    expect(p.state('v1')).toBeUndefined();
    p.dispose();
  });

  it('keeps a visitor gone when the store does not answer, and leaves one who came back meanwhile alone', async () => {
    let answer: (keep: boolean) => void = () => {};
    const p = createVisitorPresence((id, state) => heard.push([id, state]), 15_000, {
      remember: (id) => (id === 'v1' ? Promise.reject(new Error('store down')) : new Promise((resolve) => (answer = resolve))),
    });
    p.connected('v1')();
    p.connected('v2')();
    await vi.advanceTimersByTimeAsync(15_000 + 60 * 60 * 1000);
    expect(p.state('v1')).toEqual({ online: false, since: 1_000_000 });
    const back = p.connected('v2'); // while the store is asked
    answer(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(p.state('v2')?.online).toBe(true);
    back();
    p.dispose();
  });
});

describe('visitor presence across processes', () => {
  const SYNC = 10_000;
  const disposers: (() => void)[] = [];
  afterEach(() => disposers.splice(0).forEach((dispose) => dispose()));
  /** A server process on the shared bus, with what it announced. */
  const server = (bus: Bus) => {
    const announced: [string, VisitorState][] = [];
    const p = createVisitorPresence((id, state) => announced.push([id, state]), 15_000, { bus, syncMs: SYNC });
    disposers.push(p.dispose);
    return { p, announced };
  };

  it('has a visitor whose socket is on B online on A; B announces them, and both their leaving', () => {
    const bus = createMemoryBus();
    const [a, b] = [server(bus), server(bus)];
    const leave = b.p.connected('v1');
    expect(a.p.state('v1')).toEqual({ online: true, since: 1_000_000 });
    expect([a.announced, b.announced]).toEqual([[], [['v1', { online: true, since: 1_000_000 }]]]);
    vi.advanceTimersByTime(5 * SYNC);
    leave();
    vi.advanceTimersByTime(15_000);
    const gone: [string, VisitorState] = ['v1', { online: false, since: 1_050_000 }];
    expect([a.announced, b.announced.at(-1), a.p.state('v1')]).toEqual([[gone], gone, gone[1]]);
  });

  it('has a process that announced a visitor gone announce their return, heard from another', () => {
    const bus = createMemoryBus();
    const [a, b] = [server(bus), server(bus)];
    b.p.connected('v1')();
    vi.advanceTimersByTime(15_000);
    expect(a.announced.at(-1)).toEqual(['v1', { online: false, since: 1_000_000 }]);
    // Back on B. If B's "here" is lost on the way (Redis out of reach), A's consoles would keep "gone".
    b.p.connected('v1');
    const back: [string, VisitorState] = ['v1', { online: true, since: 1_015_000 }];
    expect([a.announced.at(-1), b.announced.at(-1)]).toEqual([back, back]);
  });

  it('takes a next page that lands on another process for a reconnect, not a leave', () => {
    const bus = createMemoryBus();
    const [a, b] = [server(bus), server(bus)];
    b.p.connected('v1')();
    vi.advanceTimersByTime(1_000);
    a.p.connected('v1');
    vi.advanceTimersByTime(60_000);
    expect([a.announced, b.announced.length, b.p.state('v1')]).toEqual([[], 1, { online: true, since: 1_000_000 }]);
  });

  it('lets a process that starts know who is here, without announcing them again', async () => {
    const bus = createMemoryBus();
    server(bus).p.connected('v1');
    const late = server(bus);
    await vi.advanceTimersByTimeAsync(0); // the hello waits for the bus to be ready
    expect([late.p.state('v1')?.online, late.announced]).toEqual([true, []]);
  });

  it('hears at once when a process stops, and leaves no timer once both have', () => {
    const bus = createMemoryBus();
    const [a, b] = [server(bus), server(bus)];
    b.p.connected('v1');
    b.p.dispose();
    vi.advanceTimersByTime(15_000);
    expect(a.announced).toEqual([['v1', { online: false, since: 1_000_000 }]]);
    a.p.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('counts a process that falls silent as left by its visitors: three heartbeats, then the grace', () => {
    const bus = createMemoryBus();
    const a = server(bus);
    let silent = false;
    const b = server({ ...bus, publish: (topic, message) => void (silent || bus.publish(topic, message)) });
    b.p.connected('v1');
    silent = true; // no heartbeat since it connected
    vi.advanceTimersByTime(3 * SYNC + 15_000 - 1);
    expect(a.p.state('v1')?.online).toBe(true);
    vi.advanceTimersByTime(1);
    expect(a.announced).toEqual([['v1', { online: false, since: 1_000_000 + 3 * SYNC }]]);
  });
});
