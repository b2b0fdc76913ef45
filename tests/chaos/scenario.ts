// The traffic of a chaos run: conversations between a visitor client and an agent client,
// each side writing numbered messages at a steady pace, then a settle phase that waits until
// everything is acknowledged and both sides hold the same transcript, then the tally.
import { AgentClient, VisitorClient } from './reliable-client';
import type { ClientOptions } from './chat-client';
import type { AgentSession } from './agent-session';
import type { Random } from './prng';
import { addCounts, checkDirection, divergence, ZERO_COUNTS, type DirectionCounts, type SenderView } from './verify';

export interface ScenarioOptions {
  /** ws:// origin the clients dial (the fault proxy). */
  wsOrigin: string;
  /** Where the agents dial, if not `wsOrigin`: another server's proxy, when scaled out. */
  agentWsOrigin?: string;
  /** Origin header for the visitor socket (one the server allows). */
  origin: string;
  session: AgentSession;
  random: Random;
  conversations: number;
  /** Messages per side per conversation. */
  messages: number;
  /** Mean pause between two messages of one side. */
  messageEveryMs: number;
  client?: Pick<ClientOptions, 'link' | 'outbox' | 'ackTimeoutMs'>;
}

export interface Pair {
  index: number;
  visitor: VisitorClient;
  agent: AgentClient;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts every visitor, waits for its handoff, then starts its agent, which claims it. */
export async function openPairs(options: ScenarioOptions, handoffTimeoutMs = 30_000): Promise<Pair[]> {
  const base = (random: Random) => ({ ...options.client, random, origin: options.origin });
  return Promise.all(
    Array.from({ length: options.conversations }, async (_, index) => {
      const visitor = new VisitorClient({ ...base(options.random.fork()), url: `${options.wsOrigin}/ws/visitor`, name: `k${index}` });
      visitor.start();
      const conversationId = await Promise.race([
        visitor.handedOff,
        sleep(handoffTimeoutMs).then(() => Promise.reject(new Error(`visitor ${index} got no conversation in ${handoffTimeoutMs} ms`))),
      ]);
      const agent = new AgentClient({
        ...base(options.random.fork()),
        url: `${options.agentWsOrigin ?? options.wsOrigin}/ws/agent`,
        name: `k${index}`,
        conversationId,
        session: options.session,
      });
      agent.start();
      return { index, visitor, agent };
    }),
  );
}

/** Both sides of every conversation write their messages; resolves when all are queued. */
export async function pump(pairs: Pair[], options: ScenarioOptions): Promise<void> {
  const side = async (write: (n: number) => void, random: Random) => {
    for (let n = 1; n <= options.messages; n++) {
      await sleep(options.messageEveryMs * (0.5 + random.next()));
      write(n);
    }
  };
  await Promise.all(
    pairs.flatMap(({ index, visitor, agent }) => [
      side((n) => visitor.send(`v${index}-${n}`, `Asiakas ${index}: viesti ${n}`), options.random.fork()),
      side((n) => agent.send(`a${index}-${n}`, `Agentti ${index}: vastaus ${n}`), options.random.fork()),
    ]),
  );
}

/** Everything acknowledged, and both sides hold every acknowledged seq. */
export function settled(pairs: Pair[]): boolean {
  return pairs.every(({ visitor, agent }) => {
    if (visitor.outbox.pending > 0 || agent.outbox.pending > 0) return false;
    const highest = Math.max(0, ...visitor.outbox.acked.values(), ...agent.outbox.acked.values());
    return visitor.transcript.lastSeq >= highest && agent.transcript.lastSeq >= highest;
  });
}

export async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (condition()) return true;
    await sleep(50);
  }
  return condition();
}

export const waitSettled = (pairs: Pair[], timeoutMs: number) => waitUntil(() => settled(pairs), timeoutMs);

export interface Tally {
  visitorToAgent: DirectionCounts;
  agentToVisitor: DirectionCounts;
  total: DirectionCounts;
  /** Seqs where the visitor's and the agent's copy of a conversation disagree. */
  divergent: number;
  /** Messages still waiting for an ack. */
  unacked: number;
  resends: number;
  gaps: number;
  redelivered: number;
  seqConflicts: number;
  /** A resent message acknowledged at another seq than the first time: stored twice. */
  ackConflicts: number;
  ackOutOfOrder: number;
  ackTimeouts: number;
  connects: number;
  connectTimeouts: number;
  silentDetected: number;
  errors: Record<string, number>;
  anomalies: string[];
}

/** What a client was told about the messages it sent. */
export function senderView(client: VisitorClient | AgentClient): SenderView {
  return { sent: client.outbox.stats.sent, acked: client.outbox.acked, order: client.outbox.order };
}

export function tally(pairs: Pair[]): Tally {
  let v2a: DirectionCounts = { ...ZERO_COUNTS };
  let a2v: DirectionCounts = { ...ZERO_COUNTS };
  const t = { divergent: 0, unacked: 0, resends: 0, gaps: 0, redelivered: 0, seqConflicts: 0, ackConflicts: 0, ackOutOfOrder: 0, ackTimeouts: 0 };
  const links = { connects: 0, connectTimeouts: 0, silentDetected: 0 };
  const errors: Record<string, number> = {};
  const anomalies: string[] = [];
  for (const { visitor, agent } of pairs) {
    v2a = addCounts(v2a, checkDirection(senderView(visitor), agent.transcript.events));
    a2v = addCounts(a2v, checkDirection(senderView(agent), visitor.transcript.events));
    t.divergent += divergence(visitor.transcript.events, agent.transcript.events);
    for (const c of [visitor, agent]) {
      t.unacked += c.outbox.pending;
      t.resends += c.outbox.stats.resends;
      t.gaps += c.transcript.stats.gaps;
      t.redelivered += c.transcript.stats.redelivered;
      t.seqConflicts += c.transcript.stats.conflicts;
      t.ackConflicts += c.outbox.stats.ackConflicts;
      t.ackOutOfOrder += c.outbox.stats.ackOutOfOrder;
      t.ackTimeouts += c.counters.ackTimeouts;
      links.connects += c.linkStats.ready;
      links.connectTimeouts += c.linkStats.connectTimeouts;
      links.silentDetected += c.linkStats.silent;
      for (const [code, n] of Object.entries(c.counters.errors)) errors[code] = (errors[code] ?? 0) + n;
      anomalies.push(...c.counters.anomalies);
    }
  }
  return { visitorToAgent: v2a, agentToVisitor: a2v, total: addCounts(v2a, a2v), ...t, ...links, errors, anomalies };
}

export async function closeAll(pairs: Pair[]): Promise<void> {
  await Promise.all(pairs.flatMap(({ visitor, agent }) => [visitor.stop(), agent.stop()]));
}
