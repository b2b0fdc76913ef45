// Retention prunes at start and daily after, and tells the operator what it deleted.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startRetention } from './retention-schedule';

afterEach(() => vi.useRealTimers());

const DAY = 24 * 60 * 60 * 1000;

describe('retention schedule', () => {
  it('prunes at start and every day what is older than the days kept, and stops', async () => {
    vi.useFakeTimers({ now: 100 * DAY });
    const cutoffs: number[] = [];
    const told: string[] = [];
    const stored = { prune: async (before: number) => (cutoffs.push(before), { conversations: cutoffs.length === 1 ? 2 : 0, events: 0, visitors: 1, stillOpen: 0 }) };
    const stop = await startRetention({ retentionDays: 30, stored, now: Date.now, info: (line) => told.push(line), log: () => {} });
    expect(cutoffs).toEqual([70 * DAY]);
    expect(told).toEqual(['Retention (30 days): deleted 2 closed conversations and 1 visitors']);
    await vi.advanceTimersByTimeAsync(DAY);
    expect(cutoffs).toEqual([70 * DAY, 71 * DAY]);
    stop();
    await vi.advanceTimersByTimeAsync(2 * DAY);
    expect(cutoffs).toHaveLength(2);
  });

  it('keeps everything with 0 days, and logs a prune that fails', async () => {
    const prune = vi.fn(async () => ({ conversations: 0, events: 0, visitors: 0, stillOpen: 0 }));
    (await startRetention({ retentionDays: 0, stored: { prune }, now: Date.now, info: () => {}, log: () => {} }))();
    expect(prune).not.toHaveBeenCalled();
    const logged: unknown[] = [];
    const failure = new Error('disk gone');
    const stop = await startRetention({ retentionDays: 1, stored: { prune: () => Promise.reject(failure) }, now: Date.now, info: () => {}, log: (e) => logged.push(e) });
    stop();
    expect(logged).toEqual([failure]);
  });
});
