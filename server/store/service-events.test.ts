import { describe, expect, it } from 'vitest';
import { backends } from './test-backends';
import { handoffInput } from '../test-support';
import { siteReport } from '../site-report';
import { waitsOf } from '../service-report';

const handoff = (visitorId: string, conversationId: string, at: number) =>
  handoffInput(visitorId, conversationId, at, [
    { clientId: `q-${conversationId}`, at: at - 1, role: 'visitor', body: { kind: 'bot.query', query: 'ihminen', decision: 'none', intent: 'handoff', results: [] } },
  ]);

describe.each(backends.filter((b) => b.available))('what a service report reads, in $name', ({ make }) => {
  it('reads handoffs, joins, agents’ messages, ratings and closes of conversations handed off since then, and no visitor text', async () => {
    const backend = await make();
    const store = await backend.open();
    const aino = { id: 'aino', name: 'Aino' };
    for (const v of ['v1', 'v2']) await store.createVisitor(v, `hash-${v}`, 1);
    await store.handoff(handoff('v1', 'old', 100));
    await store.closeConversation('old', 'visitor', null, 'x-old', 150);
    await store.handoff(handoff('v1', 'c1', 1_000));
    await store.visitorMessage('v1', { clientId: 'vm', at: 1_500, role: 'visitor', body: { kind: 'text', text: 'Yksityinen asia' } });
    await store.claim('c1', aino, 'k1', 2_000);
    await store.append('c1', { clientId: 'am', at: 3_000, role: 'agent', name: 'Aino', body: { kind: 'text', text: 'Hei!' } }, { agentId: 'aino' });
    await store.closeConversation('c1', 'agent', 'aino', 'x1', 4_000);
    await store.rate('v1', 5, 'Kiitos', 'r1', 5_000);
    await store.handoff(handoff('v2', 'c2', 2_000));

    const events = await backend.maintenance.serviceEvents(1_000);
    expect(events.map((e) => `${e.conversationId} ${e.body.kind} ${e.at}`)).toEqual([
      'c1 handoff 1000',
      'c1 joined 2000',
      'c1 text 3000',
      'c1 closed 4000',
      'c1 rating 5000',
      'c2 handoff 2000',
    ]);
    expect(events[2]).toMatchObject({ role: 'agent', name: 'Aino' });
    expect(events[4]!.body).toEqual({ kind: 'rating', score: 5, comment: 'Kiitos' });
    await store.close();
    await backend.remove();
  });
});

describe.each(backends.filter((b) => b.available))('an agent’s file is a reply in the report, in $name', ({ make }) => {
  const MIN = 60_000;
  const pdf = (id: string) => ({ id, type: 'application/pdf' as const, name: 'palautuslappu.pdf', bytes: Buffer.from('%PDF-1.4 x') });
  const file = (clientId: string, at: number, name: string, fileId: string) =>
    ({ clientId, at, role: 'agent', name, body: { kind: 'file', fileId, name: 'palautuslappu.pdf', type: 'application/pdf', size: 10 } }) as const;

  it('counts a file an agent sent as the first reply, and as writing last before a rating', async () => {
    const backend = await make();
    const store = await backend.open();
    const aino = { id: 'aino', name: 'Aino' };
    const eero = { id: 'eero', name: 'Eero' };
    // A morning: the report's period is whole days of the site's zone (site-report.ts), here UTC.
    const T = Date.UTC(2026, 10, 25, 9);
    await store.createVisitor('v1', 'hash-v1', 1);
    await store.handoff(handoffInput('v1', 'c1', T));
    await store.claim('c1', aino, 'k1', T + 1 * MIN);
    await store.append('c1', file('f1', T + 2 * MIN, 'Aino', 'f_1'), { agentId: 'aino' }, pdf('f_1'));
    await store.append('c1', { clientId: 'a1', at: T + 10 * MIN, role: 'agent', name: 'Aino', body: { kind: 'text', text: 'Tässä ohjeet.' } }, { agentId: 'aino' });
    await store.pass('c1', aino, eero, 'p1', T + 11 * MIN);
    await store.append('c1', file('f2', T + 12 * MIN, 'Eero', 'f_2'), { agentId: 'eero' }, pdf('f_2'));
    await store.closeConversation('c1', 'agent', 'eero', 'x1', T + 13 * MIN);
    await store.rate('v1', 5, undefined, 'r1', T + 14 * MIN);
    const report = await siteReport(backend.maintenance, { days: 1, until: T + 60 * MIN, timeZone: 'UTC' });
    await store.close();
    await backend.remove();

    expect(report.firstResponse).toMatchObject({ count: 1, median: 2 * MIN });
    expect(report.agents.map((a) => [a.name, a.firstResponse?.median, a.ratings.count])).toEqual([
      ['Aino', 2 * MIN, 0],
      ['Eero', undefined, 1],
    ]);
  });
});

describe.each(backends.filter((b) => b.available))('a queued conversation an agent closes, in $name', ({ make }) => {
  it('is "never reached: closed first" in the report, with no wait for an agent recorded', async () => {
    const backend = await make();
    const store = await backend.open();
    await store.createVisitor('v1', 'hash-v1', 1);
    await store.handoff(handoffInput('v1', 'c1', 1_000));
    const closed = await store.closeConversation('c1', 'agent', 'aino', 'x1', 5 * 3_600_000);
    const report = await siteReport(backend.maintenance, { days: 1, until: 6 * 3_600_000, timeZone: 'UTC' });
    const waits = waitsOf(await backend.maintenance.serviceEvents(0));
    await store.close();
    await backend.remove();

    expect(closed).toMatchObject({ ok: true });
    expect(report).toMatchObject({ handedOff: 1, reached: 0, unreached: { closed: 1, waiting: 0 }, wait: null });
    expect(waits).toEqual([]);
  });
});
