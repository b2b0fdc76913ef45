// How visitors handed to a person were served (`kohtaamo report`): why the bot handed them
// over, how many an agent reached, how long they waited for one and for the first reply, and
// how they rated it, overall and per agent. Computed from the stored events alone
// (store/service-events.ts), so it works on any store and beside a running server.
import { HANDOFF_REASONS, isAgentReply, LANGS, type HandoffReason, type Lang } from '../protocol';
import type { ServiceEvent } from './store/service-events';

/** How long something took, over the conversations it happened in (milliseconds). */
export interface Durations {
  count: number;
  median: number;
  /** Nine in ten took at most this long. */
  p90: number;
}

export interface Ratings {
  count: number;
  /** Mean score, 1–5; null without ratings. */
  average: number | null;
  /** How many gave 1, 2, 3, 4 and 5. */
  scores: [number, number, number, number, number];
  /** Share of ratings that are 4 or 5 (CSAT), 0–1; null without ratings. */
  satisfied: number | null;
}

export interface AgentFigures {
  name: string;
  /** Conversations the agent joined (took, or took over). */
  conversations: number;
  /** Handoff → this agent's first message or file, where theirs was the first reply. */
  firstResponse: Durations | null;
  /** Ratings given after this agent wrote (or sent a file) last. */
  ratings: Ratings;
}

export interface ServiceReport {
  since: number;
  until: number;
  /** Conversations handed to a person in the period. */
  handedOff: number;
  reasons: Record<HandoffReason, number>;
  langs: Record<Lang, number>;
  /** Handed-off conversations an agent joined. */
  reached: number;
  /** Never joined by an agent: closed by the visitor (or while unstaffed), or still in the queue. */
  unreached: { closed: number; waiting: number };
  /** Handoff → an agent joins. */
  wait: Durations | null;
  /** Handoff → an agent's first message or file: what the visitor waits for. */
  firstResponse: Durations | null;
  ratings: Ratings;
  agents: AgentFigures[];
  /** Conversations whose visitor had left and got the replies they missed by email (email-follow-up.ts), and those where a send failed. */
  emailed: { conversations: number; failed: number };
}

/** The nearest-rank percentile of ascending `sorted`: a value that was really measured. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

function durations(values: number[]): Durations | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, median: percentile(sorted, 0.5), p90: percentile(sorted, 0.9) };
}

function ratings(scores: number[]): Ratings {
  const counts: Ratings['scores'] = [0, 0, 0, 0, 0];
  for (const s of scores) counts[s - 1]!++;
  const count = scores.length;
  return {
    count,
    average: count === 0 ? null : scores.reduce((a, b) => a + b, 0) / count,
    scores: counts,
    satisfied: count === 0 ? null : (counts[3] + counts[4]) / count,
  };
}

interface Served {
  handoff?: { at: number; reason: HandoffReason; lang: Lang };
  joined?: number;
  firstReply?: { at: number; agent: string };
  agents: Set<string>;
  ratings: { score: number; agent: string | undefined }[];
  closed: boolean;
  emailed: { sent: boolean; failed: boolean };
}

/** What happened to each conversation, from `events` in each conversation's order (store/service-events.ts reads them so). */
function servedOf(events: readonly ServiceEvent[]): Served[] {
  const conversations = new Map<string, Served>();
  const lastWriter = new Map<string, string>();
  for (const event of events) {
    let c = conversations.get(event.conversationId);
    if (!c) conversations.set(event.conversationId, (c = { agents: new Set(), ratings: [], closed: false, emailed: { sent: false, failed: false } }));
    const { body } = event;
    if (body.kind === 'handoff') c.handoff ??= { at: event.at, reason: body.reason, lang: body.lang };
    else if (body.kind === 'joined') {
      c.joined ??= event.at;
      c.agents.add(body.agent);
    } else if (isAgentReply(event)) {
      const agent = event.name ?? '?';
      c.firstReply ??= { at: event.at, agent };
      lastWriter.set(event.conversationId, agent);
    } else if (body.kind === 'rating') c.ratings.push({ score: body.score, agent: lastWriter.get(event.conversationId) });
    else if (body.kind === 'closed') c.closed = true;
    else if (body.kind === 'emailed') c.emailed[body.failed === undefined ? 'sent' : 'failed'] = true;
  }
  return [...conversations.values()];
}

/** Each reached visitor's wait for an agent (handoff → joined), oldest handoff first: wait-estimate.ts's seed. */
export function waitsOf(events: readonly ServiceEvent[]): number[] {
  return servedOf(events)
    .flatMap((c) => (c.handoff && c.joined !== undefined ? [{ at: c.handoff.at, wait: c.joined - c.handoff.at }] : []))
    .sort((a, b) => a.at - b.at)
    .map((c) => c.wait);
}

export function serviceReport(events: readonly ServiceEvent[], period: { since: number; until: number }): ServiceReport {
  const served = servedOf(events).filter(
    (c): c is Served & { handoff: NonNullable<Served['handoff']> } => c.handoff !== undefined && c.handoff.at >= period.since && c.handoff.at <= period.until,
  );
  const reasons = Object.fromEntries(HANDOFF_REASONS.map((r) => [r, 0])) as Record<HandoffReason, number>;
  const langs = Object.fromEntries(LANGS.map((l) => [l, 0])) as Record<Lang, number>;
  for (const c of served) {
    reasons[c.handoff.reason]++;
    langs[c.handoff.lang]++;
  }
  const reached = served.filter((c) => c.joined !== undefined);
  const names = [...new Set(served.flatMap((c) => [...c.agents]))].sort((a, b) => a.localeCompare(b));
  return {
    ...period,
    handedOff: served.length,
    reasons,
    langs,
    reached: reached.length,
    unreached: {
      closed: served.filter((c) => c.joined === undefined && c.closed).length,
      waiting: served.filter((c) => c.joined === undefined && !c.closed).length,
    },
    wait: durations(reached.map((c) => c.joined! - c.handoff.at)),
    firstResponse: durations(served.flatMap((c) => (c.firstReply ? [c.firstReply.at - c.handoff.at] : []))),
    ratings: ratings(served.flatMap((c) => c.ratings.map((r) => r.score))),
    agents: names.map((name) => ({
      name,
      conversations: served.filter((c) => c.agents.has(name)).length,
      firstResponse: durations(served.flatMap((c) => (c.firstReply?.agent === name ? [c.firstReply.at - c.handoff.at] : []))),
      ratings: ratings(served.flatMap((c) => c.ratings.filter((r) => r.agent === name).map((r) => r.score))),
    })),
    emailed: { conversations: served.filter((c) => c.emailed.sent).length, failed: served.filter((c) => c.emailed.failed).length },
  };
}
