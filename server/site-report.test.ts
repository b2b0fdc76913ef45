import { describe, expect, it } from 'vitest';
import { siteReport } from './site-report';
import { backends } from './store/test-backends';
import { handoffInput } from './test-support';

const HOUR = 3_600_000;

describe.each(backends.filter((b) => b.available))('the period of the site report, in $name', ({ make }) => {
  it('counts FAQ answers shown and handoffs over the same whole UTC days', async () => {
    const backend = await make();
    const store = await backend.open();
    const now = Date.UTC(2026, 10, 25, 23);
    // "The last day" asked for at 23:00: today's answers, not the 24th's too.
    await store.addFaqStats([
      { day: '2026-11-24', faqId: 'returns-fi', shown: 100, helped: 0 },
      { day: '2026-11-25', faqId: 'returns-fi', shown: 10, helped: 0 },
    ]);
    for (const v of ['v1', 'v2']) await store.createVisitor(v, `hash-${v}`, 1);
    await store.handoff(handoffInput('v1', 'yesterday', now - 23.5 * HOUR));
    await store.handoff(handoffInput('v2', 'today', now - HOUR));
    const report = await siteReport(backend.maintenance, now - 24 * HOUR, now);
    await store.close();
    await backend.remove();

    expect(report).toMatchObject({ since: Date.UTC(2026, 10, 25), until: now, handedOff: 1, selfService: { shown: 10 } });
  });
});
