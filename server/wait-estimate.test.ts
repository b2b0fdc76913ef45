import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../protocol';
import { createMemoryBus, topics } from './bus';
import { createConversations } from './conversations';
import { openSqliteStore } from './store/sqlite';
import { createWaitEstimate } from './wait-estimate';

const MIN = 60_000;
/** A conversation waiting since its handoff at `createdAt`. */
const waiting = (id: string, createdAt: number): ConversationSummary => ({
  id, status: 'queued', visitorId: `v-${id}`, visitor: {}, createdAt, queuedAt: createdAt, updatedAt: createdAt, lang: 'fi',
  page: { url: 'https://x.example/', title: 'X' }, reason: 'asked_for_person', questions: [], botAnswers: [], lastSeq: 1, previousConversations: 0,
});

describe('wait estimate', () => {
  it('promises nothing until three visitors have been taken, then says the median of the last twenty', () => {
    const bus = createMemoryBus();
    const estimate = createWaitEstimate(bus, [5 * MIN]);
    expect(estimate.typical()).toBeNull();
    bus.publish(topics.agents, { kind: 'waited', ms: 1 * MIN });
    bus.publish(topics.agents, { kind: 'waited', ms: 2 * MIN });
    expect(estimate.typical()).toBe(2 * MIN);
    // A busy hour: twenty quick takes push the old slow ones out.
    for (let i = 0; i < 20; i++) bus.publish(topics.agents, { kind: 'waited', ms: 30_000 });
    expect(estimate.typical()).toBe(30_000);
    estimate.dispose();
    bus.publish(topics.agents, { kind: 'waited', ms: 60 * MIN });
    expect(estimate.typical()).toBe(30_000);
  });

  it('counts the waits still under way that are already longer than the finished ones: a backlog agents pass over is not "under a minute"', () => {
    const now = Date.UTC(2026, 10, 24, 12, 0);
    // Agents took the newest at once, twenty times: finished waits of 46 ms.
    const estimate = createWaitEstimate(createMemoryBus(), Array.from({ length: 20 }, () => 46));
    // 63 passed over, handed off 1 to 63 minutes ago and still waiting.
    const backlog = Array.from({ length: 63 }, (_, i) => waiting(`c${i}`, now - (i + 1) * MIN));
    expect(estimate.typical([], now)).toBe(46);
    expect(estimate.typical(backlog, now)).toBe(22 * MIN);
    // Counted in whole minutes, as the widget says it: a second later, the same figure.
    expect(estimate.typical(backlog, now + 1000)).toBe(22 * MIN);
  });

  it('keeps an orderly queue’s figure its finished waits’, and leaves out who is being served or was returned to the queue', () => {
    const now = Date.UTC(2026, 10, 24, 12, 0);
    const estimate = createWaitEstimate(createMemoryBus(), Array.from({ length: 20 }, () => 4 * MIN));
    // Five waiting, none yet as long as the waits lately: they say nothing yet.
    const orderly = Array.from({ length: 5 }, (_, i) => waiting(`c${i}`, now - (i * 45_000)));
    expect(estimate.typical(orderly, now)).toBe(4 * MIN);
    const others = [
      { ...waiting('active', now - 60 * MIN), status: 'active' as const },
      // Served for an hour, then returned: its handoff says nothing of how long new visitors wait.
      { ...waiting('returned', now - 60 * MIN), queuedAt: now - MIN, returned: true as const },
    ];
    expect(estimate.typical([...orderly, ...others], now)).toBe(4 * MIN);
  });

  it('starts from the seed, keeping its newest twenty', () => {
    const seed = [...Array.from({ length: 30 }, () => 60 * MIN), ...Array.from({ length: 20 }, () => 2 * MIN)];
    expect(createWaitEstimate(createMemoryBus(), seed).typical()).toBe(2 * MIN);
  });

  it('is fed first waits only: not a takeover, nor a conversation taken again after it went back to the queue', async () => {
    const store = openSqliteStore(':memory:');
    const bus = createMemoryBus();
    let clock = Date.UTC(2026, 10, 24, 12, 0);
    const conversations = createConversations({ store, bus, queueDebounceMs: 60_000, queuePreviewMs: 60_000, now: () => clock });
    const waited: number[] = [];
    bus.subscribe(topics.agents, (m) => void (m.kind === 'waited' && waited.push(m.ms)));
    try {
      await store.createVisitor('v1', 'hash-1', 1);
      const handedOff = await conversations.handoff('v1', { type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'fi', page: { url: 'https://x.example/', title: 'X' }, steps: [] }).outcome;
      if (!handedOff.ok) throw new Error(handedOff.code);
      const id = handedOff.conversationId;
      const aino = { id: 'aino', name: 'Aino' };
      const eero = { id: 'eero', name: 'Eero' };
      clock += 2 * MIN;
      await conversations.claim(aino, 'k1', id).outcome;
      clock += 30 * MIN;
      await conversations.claim(eero, 'k2', id, true, 'aino').outcome;
      await conversations.release(eero, 'r1', id).outcome;
      clock += MIN;
      expect((await conversations.claim(aino, 'k3', id).outcome).ok).toBe(true);
      // The first claim's two minutes; not the 33 since the handoff of the one taken again.
      expect(waited).toEqual([2 * MIN]);
    } finally {
      await conversations.dispose();
      await store.close();
    }
  });
});
