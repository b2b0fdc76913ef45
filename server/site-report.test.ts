import { describe, expect, it } from 'vitest';
import { createFaqStats } from './faq-stats';
import { siteReport } from './site-report';
import type { Store } from './store/types';
import { backends } from './store/test-backends';
import { handoffInput } from './test-support';

const HOUR = 3_600_000;
const HELSINKI = 'Europe/Helsinki';

/** Handoffs at these moments, and one FAQ answer shown at each (as the widgets' beacons add them). */
async function handoffsAt(store: Store, moments: number[]) {
  const stats = createFaqStats({ save: (counts) => store.addFaqStats(counts), flushMs: 60_000, log: () => {} });
  for (const at of moments) {
    await store.createVisitor(`v${at}`, `hash-v${at}`, at);
    await store.handoff(handoffInput(`v${at}`, `c${at}`, at));
    stats.count({ kind: 'shown', faqId: 'returns-fi' }, at);
  }
  await stats.dispose();
}

describe.each(backends.filter((b) => b.available))('the period of the site report, in $name', ({ make }) => {
  it("counts the site's own days from its midnight: a Helsinki shop's today begins at 00:00 there, not at 02:00", async () => {
    const backend = await make();
    const store = await backend.open();
    // 23:30 on the 24th and 00:30 on the 25th, Helsinki time (UTC+2); "the last day" asked for at 01:00.
    await handoffsAt(store, [Date.UTC(2026, 10, 24, 21, 30), Date.UTC(2026, 10, 24, 22, 30)]);
    const night = await siteReport(backend.maintenance, { days: 1, until: Date.UTC(2026, 10, 24, 23), timeZone: HELSINKI });
    // One more at 09:00, and the last day asked for again at 10:00.
    await handoffsAt(store, [Date.UTC(2026, 10, 25, 7)]);
    const morning = await siteReport(backend.maintenance, { days: 1, until: Date.UTC(2026, 10, 25, 8), timeZone: HELSINKI });
    await store.close();
    await backend.remove();

    expect(morning).toMatchObject({ since: Date.UTC(2026, 10, 24, 22), firstDay: '2026-11-25', lastDay: '2026-11-25', timeZone: HELSINKI, handedOff: 2, selfService: { shown: 2 } });
    expect(night).toMatchObject({ since: Date.UTC(2026, 10, 24, 22), firstDay: '2026-11-25', lastDay: '2026-11-25', handedOff: 1, selfService: { shown: 1 } });
  });

  it('counts the day the clocks go back as the 25 hours it has, and a week across it as seven days', async () => {
    const backend = await make();
    const store = await backend.open();
    // Helsinki, 2026-10-25: 04:00 summer time (UTC+3) is 03:00 winter time (UTC+2).
    // 23:45 on the 24th; 00:30 on the 25th (still summer time); 23:15 on the 25th (winter time).
    await handoffsAt(store, [Date.UTC(2026, 9, 24, 20, 45), Date.UTC(2026, 9, 24, 21, 30), Date.UTC(2026, 9, 25, 21, 15)]);
    const dayOfChange = await siteReport(backend.maintenance, { days: 1, until: Date.UTC(2026, 9, 25, 21, 30), timeZone: HELSINKI });
    // Two days asked for at noon on the 26th: the 25th and the 26th, from the 25th's midnight.
    const twoDays = await siteReport(backend.maintenance, { days: 2, until: Date.UTC(2026, 9, 26, 10), timeZone: HELSINKI });
    await store.close();
    await backend.remove();

    expect(dayOfChange).toMatchObject({ since: Date.UTC(2026, 9, 24, 21), firstDay: '2026-10-25', lastDay: '2026-10-25', handedOff: 2, selfService: { shown: 2 } });
    expect(twoDays).toMatchObject({ since: Date.UTC(2026, 9, 24, 21), firstDay: '2026-10-25', lastDay: '2026-10-26', handedOff: 2, selfService: { shown: 2 } });
  });

  it('reads the counts an earlier version kept per whole UTC day, and says from when they are counted', async () => {
    const backend = await make();
    const store = await backend.open();
    // Kept per UTC day before the upgrade at 10:00 UTC on the 25th, per hour after it.
    await store.addFaqStats([
      { day: '2026-11-24', faqId: 'returns-fi', shown: 100, helped: 0 },
      { day: '2026-11-25', faqId: 'returns-fi', shown: 10, helped: 1 },
      { day: '2026-11-25T10', faqId: 'returns-fi', shown: 3, helped: 0 },
    ]);
    const report = await siteReport(backend.maintenance, { days: 1, until: Date.UTC(2026, 10, 25, 12), timeZone: HELSINKI });
    // In UTC the period is whole UTC days: nothing is left out.
    const inUtc = await siteReport(backend.maintenance, { days: 1, until: Date.UTC(2026, 10, 25, 12), timeZone: 'UTC' });
    await store.close();
    await backend.remove();

    // The 24th (UTC) began before Helsinki's 25th did, and ended within it: left out, and said so.
    expect(report).toMatchObject({ since: Date.UTC(2026, 10, 24, 22), selfService: { shown: 13, helped: 1, since: Date.UTC(2026, 10, 25) } });
    expect(inUtc).toMatchObject({ since: Date.UTC(2026, 10, 25), selfService: { shown: 13, since: Date.UTC(2026, 10, 25) } });
  });
});
