// How long visitors have lately waited for a person, so that one in the queue can be told what
// to expect: the median of the last waits (handoff → the agent who takes them joins). Every
// process publishes the waits of the claims it makes on the agents' topic and hears everyone's,
// so a visitor hears the same figure wherever their socket is; a start is seeded from the store.
// A conversation handed back to the queue counts from its handoff: rare enough for a median.
import { topics, type Bus } from './bus';

/** How many recent waits the figure is the median of. */
const SAMPLE = 20;
/** Fewer waits than this say too little to promise anything. */
const MIN_SAMPLE = 3;

export type WaitEstimate = ReturnType<typeof createWaitEstimate>;

export function createWaitEstimate(bus: Bus, seed: readonly number[] = []) {
  const waits = seed.slice(-SAMPLE);
  const stop = bus.subscribe(topics.agents, (message) => {
    if (message.kind !== 'waited') return;
    waits.push(message.ms);
    if (waits.length > SAMPLE) waits.shift();
  });
  return {
    /** The typical wait lately (ms), or null while too few visitors have been taken to say. */
    typical(): number | null {
      if (waits.length < MIN_SAMPLE) return null;
      const sorted = [...waits].sort((a, b) => a - b);
      return sorted[Math.floor((sorted.length - 1) / 2)]!;
    },
    dispose: stop,
  };
}
