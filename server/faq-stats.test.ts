import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FaqStatCount } from '../protocol';
import { createFaqStats, type FaqStats } from './faq-stats';
import { backends, type Backend } from './store/test-backends';

const NOV_24 = Date.UTC(2026, 10, 24, 12);
const NOV_25 = Date.UTC(2026, 10, 25, 0, 30);

describe('FAQ answer counts', () => {
  let stats: FaqStats | undefined;
  afterEach(() => stats?.dispose());

  it('adds up beacons per UTC hour and entry, and writes each count once', async () => {
    const saved: FaqStatCount[][] = [];
    stats = createFaqStats({ save: async (counts) => void saved.push(counts), flushMs: 60_000, log: () => {} });
    for (let i = 0; i < 3; i++) stats.count({ kind: 'shown', faqId: 'returns-fi' }, NOV_24);
    stats.count({ kind: 'helped', faqId: 'returns-fi' }, NOV_24);
    stats.count({ kind: 'shown', faqId: 'returns-fi' }, NOV_25);
    await stats.flush();
    await stats.flush();
    expect(saved).toEqual([
      [
        { day: '2026-11-24T12', faqId: 'returns-fi', shown: 3, helped: 1 },
        { day: '2026-11-25T00', faqId: 'returns-fi', shown: 1, helped: 0 },
      ],
    ]);
  });

  it('keeps the counts for the next flush while the store is out of reach, and flushes on the way out', async () => {
    const saved: FaqStatCount[][] = [];
    const log = vi.fn();
    let down = true;
    stats = createFaqStats({
      save: async (counts) => {
        if (down) throw new Error('database out of reach');
        saved.push(counts);
      },
      flushMs: 60_000,
      log,
    });
    stats.count({ kind: 'shown', faqId: 'a' }, NOV_24);
    await stats.flush();
    expect(log).toHaveBeenCalledOnce();
    down = false;
    stats.count({ kind: 'shown', faqId: 'a' }, NOV_24);
    await stats.dispose();
    expect(saved).toEqual([[{ day: '2026-11-24T12', faqId: 'a', shown: 2, helped: 0 }]]);
    stats.count({ kind: 'shown', faqId: 'a' }, NOV_24);
    await stats.flush();
    expect(saved).toHaveLength(1);
  });
});

describe.each(backends.filter((b) => b.available))('FAQ answer counts stored in $name', ({ make }) => {
  let backend: Backend;
  afterEach(() => backend?.remove());

  it('adds counts up in the store, and sums them per entry from a day on, most shown first', async () => {
    backend = await make();
    const store = await backend.open();
    expect(await backend.maintenance.faqStats('2026-11-01')).toEqual([]);
    await store.addFaqStats([
      { day: '2026-11-23', faqId: 'old-fi', shown: 100, helped: 50 },
      { day: '2026-11-24', faqId: 'returns-fi', shown: 3, helped: 1 },
      { day: '2026-11-24', faqId: 'delivery-time-fi', shown: 4, helped: 0 },
    ]);
    // From another process's flush, or the next one of this: added, not replaced.
    await store.addFaqStats([
      { day: '2026-11-24', faqId: 'returns-fi', shown: 2, helped: 2 },
      { day: '2026-11-25', faqId: 'returns-fi', shown: 1, helped: 0 },
    ]);
    await store.close();
    expect(await backend.maintenance.faqStats('2026-11-24')).toEqual([
      { faqId: 'returns-fi', shown: 6, helped: 3 },
      { faqId: 'delivery-time-fi', shown: 4, helped: 0 },
    ]);
  });

  it("reads the hours from one on, and an earlier version's whole UTC days only where they begin after it", async () => {
    backend = await make();
    const store = await backend.open();
    await store.addFaqStats([
      { day: '2026-11-24', faqId: 'returns-fi', shown: 100, helped: 0 },
      { day: '2026-11-24T21', faqId: 'returns-fi', shown: 50, helped: 0 },
      { day: '2026-11-24T22', faqId: 'returns-fi', shown: 1, helped: 0 },
      { day: '2026-11-25', faqId: 'returns-fi', shown: 10, helped: 0 },
      { day: '2026-11-25T10', faqId: 'returns-fi', shown: 2, helped: 1 },
    ]);
    await store.close();
    // From 22:00 UTC on the 24th (Helsinki's midnight): the 24th's whole day began before it.
    expect(await backend.maintenance.faqStats('2026-11-24T22')).toEqual([{ faqId: 'returns-fi', shown: 13, helped: 1 }]);
    expect(await backend.maintenance.faqStats('2026-11-25T00')).toEqual([{ faqId: 'returns-fi', shown: 12, helped: 1 }]);
    expect(await backend.maintenance.faqStats('2026-11-24')).toEqual([{ faqId: 'returns-fi', shown: 163, helped: 1 }]);
    expect([await backend.maintenance.faqStatsKeptWhole('2026-11-24'), await backend.maintenance.faqStatsKeptWhole('2026-11-26')]).toEqual([true, false]);
  });
});
