// A conversation as the console knows it: events ordered by seq, each seq once, whatever
// order frames arrive in and however often a replay repeats them.
import type { ConversationEvent } from '../../../protocol/events';

/** Merge new events into a sorted, deduplicated list. Returns the same array when nothing is new. */
export function mergeEvents(known: readonly ConversationEvent[], incoming: readonly ConversationEvent[]): readonly ConversationEvent[] {
  const seen = new Set(known.map((e) => e.seq));
  const fresh = incoming.filter((e) => !seen.has(e.seq) && (seen.add(e.seq), true));
  if (fresh.length === 0) return known;
  return [...known, ...fresh].sort((a, b) => a.seq - b.seq);
}

/** The seq to resume from: the end of the gap-free run from 1, so a missed event is asked for again. */
export function resumeSeq(events: readonly ConversationEvent[]): number {
  let last = 0;
  for (const e of events) {
    if (e.seq !== last + 1) break;
    last = e.seq;
  }
  return last;
}

/** Whether the visitor wrote or sent something to the agent: a message, or a file (counted as new, notified). */
export const isVisitorMessage = (e: ConversationEvent): boolean => e.role === 'visitor' && (e.body.kind === 'text' || e.body.kind === 'file');
