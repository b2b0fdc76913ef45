import { describe, expect, it } from 'vitest';
import { createMemoryBus, topics } from './bus';
import { createWaitEstimate } from './wait-estimate';

const MIN = 60_000;

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

  it('starts from the seed, keeping its newest twenty', () => {
    const seed = [...Array.from({ length: 30 }, () => 60 * MIN), ...Array.from({ length: 20 }, () => 2 * MIN)];
    expect(createWaitEstimate(createMemoryBus(), seed).typical()).toBe(2 * MIN);
  });
});
