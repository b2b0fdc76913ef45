// How long visitors have lately waited for a person, so that one in the queue can be told what
// to expect: the median of the last waits (handoff → the first agent who takes them joins, as
// the report's "Wait for an agent"). Every process publishes the waits of the claims it makes on
// the agents' topic and hears everyone's, so a visitor hears the same figure wherever their
// socket is; a start is seeded from the store. A conversation taken again after it went back to
// the queue is not a first wait, and is left out.
//
// Only a finished wait is measured at the claim, so waits agents pass over would never count:
// on a busy day agents taking the newest at once fed the figure instant waits, and a visitor with
// 63 ahead read that the wait was typically under a minute, while those 63 had waited far longer.
// So the waits still under way count too, each as far as it has got, once that is longer than
// the median of the finished ones: whatever happens next, it will end longer than that. Those
// shorter say nothing yet (they may end either side), and are left out, so that an orderly
// queue's figure is its finished waits'.
import type { ConversationSummary } from '../protocol';
import { topics, type Bus } from './bus';

/** How many recent waits the figure is the median of. */
const SAMPLE = 20;
/** Fewer waits than this say too little to promise anything. */
const MIN_SAMPLE = 3;
/**
 * A wait under way counts in whole minutes, as the widget shows the figure: a waiting visitor is
 * sent a new figure at most once a minute for it, not at every change of the queue.
 */
const UNDER_WAY_STEP_MS = 60_000;

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

export type WaitEstimate = ReturnType<typeof createWaitEstimate>;

export function createWaitEstimate(bus: Bus, seed: readonly number[] = []) {
  const waits = seed.slice(-SAMPLE);
  const stop = bus.subscribe(topics.agents, (message) => {
    if (message.kind !== 'waited') return;
    waits.push(message.ms);
    if (waits.length > SAMPLE) waits.shift();
  });
  return {
    /**
     * The typical wait lately (ms), or null while too few visitors have been taken to say. `queue`:
     * the open conversations now, whose visitors who were never served yet are still waiting.
     */
    typical(queue: readonly ConversationSummary[] = [], now = Date.now()): number | null {
      if (waits.length < MIN_SAMPLE) return null;
      const finished = median(waits);
      const underWay = queue
        .filter((c) => c.status === 'queued' && !c.returned)
        .map((c) => Math.floor((now - c.createdAt) / UNDER_WAY_STEP_MS) * UNDER_WAY_STEP_MS)
        .filter((ms) => ms > finished);
      return underWay.length === 0 ? finished : median([...waits, ...underWay]);
    },
    dispose: stop,
  };
}
