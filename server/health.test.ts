// What a load balancer is told: the store decides, the bus is reported.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { healthCheck } from './health';
import { WritesFailing } from './store/write-health';

afterEach(() => vi.useRealTimers());

describe('health check', () => {
  it('is ok with the store answering, also while the bus is unreachable', async () => {
    expect(await healthCheck({ ping: async () => {} }, { healthy: () => true })()).toEqual({ ok: true, checks: { store: 'ok', bus: 'ok' } });
    expect(await healthCheck({ ping: async () => {} }, { healthy: () => false })()).toEqual({ ok: true, checks: { store: 'ok', bus: 'unreachable' } });
  });

  it('says why the store cannot write, and calls a store that does not answer in 2 s unreachable', async () => {
    const failing = healthCheck({ ping: () => Promise.reject(new WritesFailing('writes fail: SQLITE_FULL')) }, { healthy: () => true });
    expect(await failing()).toEqual({ ok: false, checks: { store: 'writes fail: SQLITE_FULL', bus: 'ok' } });
    vi.useFakeTimers();
    const silent = healthCheck({ ping: () => new Promise<void>(() => {}) }, { healthy: () => true })();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await silent).toEqual({ ok: false, checks: { store: 'unreachable', bus: 'ok' } });
  });
});
