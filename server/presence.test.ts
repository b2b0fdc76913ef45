import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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
    const tab1 = p.connected(aino);
    const tab2 = p.connected(aino);
    tab1();
    vi.advanceTimersByTime(120_000);
    expect(away).toEqual([]);
    tab2();
    tab2(); // a close reported twice counts once
    vi.advanceTimersByTime(59_999);
    expect(away).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(away).toEqual([aino]);
  });

  it('forgets the grace when the agent reconnects (a reload, a network blip)', () => {
    const p = presence();
    p.connected(aino)();
    vi.advanceTimersByTime(30_000);
    const again = p.connected(aino);
    vi.advanceTimersByTime(120_000);
    expect(away).toEqual([]);
    again();
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
    never.connected(aino)();
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
    const tab = p.connected(aino);
    expect([p.staffed(), heard]).toEqual([true, [false, true]]);
    tab();
    vi.advanceTimersByTime(29_000);
    p.connected(aino);
    vi.advanceTimersByTime(60_000);
    expect(heard).toEqual([false, true]);
  });

  it('stops every grace on dispose', () => {
    const p = presence();
    p.connected(aino)();
    p.dispose();
    vi.advanceTimersByTime(120_000);
    expect(away).toEqual([]);
  });
});
