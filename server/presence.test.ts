import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryBus, type Bus } from './bus';
import { createPresence } from './presence';
import type { AgentRef } from './store/types';

const aino = { id: 'aino', name: 'Aino' };
let away: AgentRef[];
beforeEach(() => {
  vi.useFakeTimers();
  away = [];
});
afterEach(() => vi.useRealTimers());

const presence = (awayMs = 60_000) => createPresence({ awayMs, onAway: (agent) => away.push(agent) });

describe('agent presence', () => {
  it('calls an agent away only when their last console has been gone for the whole grace', () => {
    const p = presence();
    const tab1 = p.connected(aino, 'laptop');
    const tab2 = p.connected(aino, 'laptop');
    tab1.close();
    vi.advanceTimersByTime(120_000);
    expect(away).toEqual([]);
    tab2.close();
    tab2.close(); // a close reported twice counts once
    vi.advanceTimersByTime(59_999);
    expect(away).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(away).toEqual([aino]);
  });

  it('forgets the grace when the agent reconnects (a reload, a network blip)', () => {
    const p = presence();
    p.connected(aino, 'laptop').close();
    vi.advanceTimersByTime(30_000);
    const again = p.connected(aino, 'laptop');
    vi.advanceTimersByTime(120_000);
    expect(away).toEqual([]);
    again.close();
    vi.advanceTimersByTime(60_000);
    expect(away).toEqual([aino]);
  });

  it('gives agents who hold conversations after a restart the same grace, and nothing with 0', () => {
    const p = presence();
    p.expect(aino);
    p.expect(aino);
    vi.advanceTimersByTime(60_000);
    expect(away).toEqual([aino]);
    const never = presence(0);
    never.connected(aino, 'laptop').close();
    never.expect(aino);
    vi.advanceTimersByTime(10 * 60_000);
    expect(away).toEqual([aino]);
  });

  it('says nobody is online only when the last console has been gone for the whole grace, and at once when one is back', () => {
    const p = createPresence({ awayMs: 0, onAway: () => {}, unstaffedGraceMs: 30_000 });
    const heard: boolean[] = [];
    p.onStaffed((on) => heard.push(on));
    // After a start, consoles get the grace to reconnect.
    expect(p.staffed()).toBe(true);
    vi.advanceTimersByTime(30_000);
    expect([p.staffed(), heard]).toEqual([false, [false]]);
    const tab = p.connected(aino, 'laptop');
    expect([p.staffed(), heard]).toEqual([true, [false, true]]);
    tab.close();
    vi.advanceTimersByTime(29_000);
    p.connected(aino, 'laptop');
    vi.advanceTimersByTime(60_000);
    expect(heard).toEqual([false, true]);
  });

  it('counts a paused console as nobody for visitors, but keeps its agent from being away', () => {
    const p = createPresence({ awayMs: 60_000, onAway: (agent) => away.push(agent), unstaffedGraceMs: 30_000 });
    const heard: boolean[] = [];
    p.onStaffed((on) => heard.push(on));
    const tab = p.connected(aino, 'laptop');
    tab.available(false);
    tab.available(false); // said twice counts once
    vi.advanceTimersByTime(30_000);
    expect([p.staffed(), heard, away]).toEqual([false, [false], []]);
    tab.available(true);
    expect([p.staffed(), heard]).toEqual([true, [false, true]]);
    // Another console of the same agent that still takes visitors keeps them staffed.
    const other = p.connected(aino, 'laptop');
    tab.available(false);
    vi.advanceTimersByTime(60_000);
    expect(p.staffed()).toBe(true);
    other.close();
    tab.close();
    vi.advanceTimersByTime(60_000);
    expect([p.staffed(), heard, away]).toEqual([false, [false, true, false], [aino]]);
  });

  it('stops every grace on dispose', () => {
    const p = presence();
    p.connected(aino, 'laptop').close();
    p.dispose();
    vi.advanceTimersByTime(120_000);
    expect(away).toEqual([]);
  });
});

describe('agent presence across processes', () => {
  const SYNC = 10_000;
  /** Two server processes on one bus; each counts the agents it calls away. */
  const cluster = (awayMs = 60_000) => {
    const bus = createMemoryBus();
    const awayA: AgentRef[] = [];
    const awayB: AgentRef[] = [];
    // B's link can go silent, as when its process dies without a goodbye.
    let silent = false;
    const busB: Bus = { ...bus, publish: (topic, message) => void (silent || bus.publish(topic, message)) };
    const a = createPresence({ awayMs, onAway: (agent) => awayA.push(agent), bus, syncMs: SYNC });
    const b = createPresence({ awayMs, onAway: (agent) => awayB.push(agent), bus: busB, syncMs: SYNC });
    disposers.push(a.dispose, b.dispose);
    return { a, b, awayA, awayB, silence: () => void (silent = true) };
  };
  const disposers: (() => void)[] = [];
  afterEach(() => disposers.splice(0).forEach((dispose) => dispose()));

  it('keeps A staffed and without an away grace while the agent is connected to B only', () => {
    const { a, b, awayA } = cluster();
    const heard: boolean[] = [];
    a.onStaffed((on) => heard.push(on));
    a.expect(aino); // A restarted and found Aino's conversations
    vi.advanceTimersByTime(20_000);
    b.connected(aino, 'laptop');
    a.expect(aino);
    vi.advanceTimersByTime(10 * 60_000);
    expect([a.staffed(), heard, awayA]).toEqual([true, [], []]);
  });

  it("lists on A the colleagues whose consoles are on B, and hears when they pause or go", () => {
    const { a, b } = cluster();
    let changes = 0;
    a.onColleagues(() => changes++);
    const tab = b.connected(aino, 'laptop');
    const eero = b.connected({ id: 'eero', name: 'Eero' }, 'eero');
    expect(a.colleagues()).toEqual([{ id: 'aino', name: 'Aino', available: true }, { id: 'eero', name: 'Eero', available: true }]);
    tab.available(false);
    expect(a.colleagues()[0]).toEqual({ id: 'aino', name: 'Aino', available: false });
    tab.close();
    eero.close();
    // Each console's coming and going, and each pause and resume, as it happened on B.
    expect([a.colleagues(), changes]).toEqual([[], 8]);
  });

  it("tells A whether an agent logging out there has a console on B logged in on another device", () => {
    const { a, b } = cluster();
    const phone = a.connected(aino, 'phone');
    expect(a.elsewhere('aino', 'phone')).toBe(false);
    const laptop = b.connected(aino, 'laptop');
    b.connected({ id: 'eero', name: 'Eero' }, 'eero');
    expect([a.elsewhere('aino', 'phone'), a.elsewhere('aino', 'laptop'), a.elsewhere('eero', 'eero')]).toEqual([true, true, false]);
    laptop.close();
    expect(a.elsewhere('aino', 'phone')).toBe(false);
    phone.close();
    expect(a.elsewhere('aino', 'laptop')).toBe(false);
  });

  it('counts the agent away on A the grace after they left B, and A unstaffed', () => {
    const { a, b, awayA, awayB } = cluster();
    const tab = b.connected(aino, 'laptop');
    vi.advanceTimersByTime(120_000);
    tab.close();
    vi.advanceTimersByTime(30_000);
    expect(a.staffed()).toBe(false);
    vi.advanceTimersByTime(29_999);
    expect(awayA).toEqual([]);
    vi.advanceTimersByTime(1);
    // Both processes release: the store refuses the second, which is harmless.
    expect([awayA, awayB]).toEqual([[aino], [aino]]);
  });

  it('drops the consoles of a process that stops heart-beating after three heartbeats', () => {
    const { b, awayA, silence } = cluster();
    b.connected(aino, 'laptop');
    vi.advanceTimersByTime(5 * SYNC);
    silence(); // just after a heartbeat
    vi.advanceTimersByTime(3 * SYNC + 60_000 - 1);
    expect(awayA).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(awayA).toEqual([aino]);
  });

  it('hears at once when a process stops, and leaves no timer once both have', () => {
    const { a, b, awayA } = cluster();
    b.connected(aino, 'laptop');
    vi.advanceTimersByTime(SYNC / 2);
    b.dispose(); // its consoles were closed at shutdown, or not: it holds nothing now
    vi.advanceTimersByTime(60_000);
    expect(awayA).toEqual([aino]);
    a.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('lets a process that starts see an agent connected elsewhere at once, before it expects them', async () => {
    const bus = createMemoryBus();
    const b = createPresence({ awayMs: 10_000, onAway: () => {}, bus, syncMs: 60_000 });
    b.connected(aino, 'laptop');
    const awayA: AgentRef[] = [];
    const a = createPresence({ awayMs: 10_000, onAway: (agent) => awayA.push(agent), bus, syncMs: 60_000 });
    disposers.push(a.dispose, b.dispose);
    await vi.advanceTimersByTimeAsync(0); // the hello waits for the bus to be ready
    a.expect(aino);
    vi.advanceTimersByTime(60_000);
    expect(awayA).toEqual([]);
  });
});
