// After the run: a fresh reader per conversation, straight to the (just restarted) server,
// replays each conversation from seq 0. What the store holds must be exactly what both
// ends hold, and every acknowledged message must be in it once, at its acknowledged seq.
import { AgentClient } from './reliable-client';
import type { ClientOptions } from './chat-client';
import type { AgentSession } from './agent-session';
import type { Random } from './prng';
import { senderView, waitUntil, type Pair } from './scenario';
import { addCounts, checkDirection, divergence, ZERO_COUNTS, type DirectionCounts } from './verify';

export interface AuditOptions {
  /** ws:// origin of the server itself, not the proxy. */
  wsOrigin: string;
  session: AgentSession;
  random: Random;
  client?: Pick<ClientOptions, 'link'>;
  timeoutMs?: number;
}

export interface AuditResult {
  /** Every reader got exactly as many events as the two ends hold, no more, no fewer. */
  complete: boolean;
  /** Seqs where the store disagrees with the visitor's or the agent's copy. */
  divergent: number;
  /** Both directions checked against the store's copy. */
  total: DirectionCounts;
}

export async function audit(pairs: Pair[], options: AuditOptions): Promise<AuditResult> {
  const readers = pairs.map(
    ({ index, visitor }) =>
      new AgentClient({
        ...options.client,
        url: `${options.wsOrigin}/ws/agent`,
        random: options.random.fork(),
        name: `audit${index}`,
        conversationId: visitor.conversationId ?? '',
        session: options.session,
        claim: false,
      }),
  );
  for (const reader of readers) reader.start();
  const expected = pairs.map(({ visitor, agent }) => Math.max(visitor.transcript.lastSeq, agent.transcript.lastSeq));
  try {
    await waitUntil(() => readers.every((r, i) => r.transcript.lastSeq >= (expected[i] ?? 0)), options.timeoutMs ?? 20_000);
    // Anything beyond what the ends hold would be a message nobody was shown; give it a moment to show up.
    await new Promise((resolve) => setTimeout(resolve, 300));
    let total: DirectionCounts = { ...ZERO_COUNTS };
    let divergent = 0;
    let complete = true;
    pairs.forEach(({ visitor, agent }, i) => {
      const stored = readers[i]!.transcript.events;
      if (stored.length !== expected[i]) complete = false;
      divergent += divergence(stored, visitor.transcript.events) + divergence(stored, agent.transcript.events);
      total = addCounts(total, checkDirection(senderView(visitor), stored));
      total = addCounts(total, checkDirection(senderView(agent), stored));
    });
    return { complete, divergent, total };
  } finally {
    await Promise.all(readers.map((r) => r.stop()));
  }
}
