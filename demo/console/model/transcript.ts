// A conversation as the console knows it: events ordered by seq, each seq once, whatever
// order frames arrive in and however often a replay repeats them.
import { isAgentReply, isVisitorMessage, type ConversationEvent, type EventKind } from '../../../protocol/events';

/** Merge new events into a sorted, deduplicated list. Returns the same array when nothing is new. */
export function mergeEvents(known: readonly ConversationEvent[], incoming: readonly ConversationEvent[]): readonly ConversationEvent[] {
  const seen = new Set(known.map((e) => e.seq));
  const fresh = incoming.filter((e) => !seen.has(e.seq) && (seen.add(e.seq), true));
  if (fresh.length === 0) return known;
  return [...known, ...fresh].sort((a, b) => a.seq - b.seq);
}

/**
 * Records the transcript draws nothing for: the console's own read marks echoed back (a third of
 * a long conversation's events), a server's claim on an email (its `emailed` line follows). A
 * `seen` draws nothing either, but places "Seen by the visitor", so it stays.
 */
const UNDRAWN: readonly EventKind[] = ['read', 'emailing'];

/**
 * The events a transcript shows: `previous` itself while the new ones are only records that
 * draw nothing, so the view has nothing to draw again. Events are only ever added, so the same
 * count is the same list.
 */
export function drawnEvents(events: readonly ConversationEvent[], previous: readonly ConversationEvent[]): readonly ConversationEvent[] {
  const drawn = events.filter((e) => !UNDRAWN.includes(e.body.kind));
  return drawn.length === previous.length ? previous : drawn;
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


/**
 * Where the console says "Seen by the visitor": the agent's last reply the visitor has had in
 * front of them, and when they first saw it. Nothing once the visitor has written since: their
 * answer says it better.
 */
export function seenMark(events: readonly ConversationEvent[]): { seq: number; at: number } | null {
  const replies = new Set(events.filter(isAgentReply).map((e) => e.seq));
  let mark: { seq: number; at: number } | null = null;
  let wrote = 0;
  for (const e of events) {
    if (e.body.kind === 'seen') {
      const through = e.body.through;
      if (through > Math.max(mark?.seq ?? 0, wrote) && replies.has(through)) mark = { seq: through, at: e.at };
    } else if (isVisitorMessage(e)) {
      wrote = e.seq;
      mark = null;
    }
  }
  return mark;
}

/**
 * Where the console says "Sent": under the agent's newest reply, while the visitor has neither
 * seen it ("Seen" says more) nor written since. Read from the stored events alone, so it is the
 * same before and after a reload, and one line, not one under every reply.
 */
export function sentMark(events: readonly ConversationEvent[]): number | null {
  const last = events.findLast((e) => isAgentReply(e) || isVisitorMessage(e));
  if (!last || !isAgentReply(last) || (seenMark(events)?.seq ?? 0) >= last.seq) return null;
  return last.seq;
}

/**
 * Whether the visitor's newest message or file has no agent's reply after it: closing now would
 * leave it unanswered (the agent's notes are no reply, the visitor never sees them).
 */
export function awaitsReply(events: readonly ConversationEvent[]): boolean {
  const last = events.findLast((e) => isAgentReply(e) || isVisitorMessage(e));
  return last !== undefined && isVisitorMessage(last);
}
