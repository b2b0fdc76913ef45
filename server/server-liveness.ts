// Scaled out, whether another server process is alive, as the database sees it. Silence on Redis
// alone does not say so: a server cut off from Redis (its link down, a partition between it and
// Redis only) still serves its agents and visitors through the database, and its agents still
// answer. Taken for dead, its agents would count as away on the other servers, whose away grace
// would put their conversations back in the queue under them: the visitor told nobody is there,
// the agent's next reply refused as no longer hers. So each process writes a heartbeat row to
// PostgreSQL (`server_beats`) every `everyMs`, and reads whose rows are fresh: shared-count.ts drops
// a process silent on Redis only once its row is stale too (it crashed, was killed, or lost the
// database as well, and cannot serve anyway). The database's clock, not ours: servers' clocks may
// differ, and one clock decides.
import pg from 'pg';
import { connectPostgres } from './store/postgres-connect';
import type { Liveness } from './shared-count';
import { isStorageFailure } from './store/write-health';

/** Heartbeats a process may miss in the database before it counts as gone: a slow write is not a death. */
const MISSED_BEATS = 3;
/** How long a stop waits to delete our row: a database away must not hold up the shutdown (the row goes stale anyway). */
const GOODBYE_MS = 2_000;
/** Rows of processes gone this long are deleted by whoever beats next: a crashed server leaves one. */
const FORGET_MS = 24 * 60 * 60 * 1000;

/**
 * One round trip per beat: our row written, rows long gone deleted, and the processes whose row is
 * fresh read (from the statement's snapshot: our own new row is not in it, and need not be).
 */
const BEAT_SQL = `WITH clock AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms),
  beat AS (INSERT INTO server_beats (id, seen_at) SELECT $1, ms FROM clock ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at),
  forgotten AS (DELETE FROM server_beats WHERE seen_at < (SELECT ms FROM clock) - $3::bigint)
SELECT id FROM server_beats, clock WHERE seen_at >= clock.ms - $2::bigint`;

export interface ServerLiveness extends Liveness {
  /** Deletes our row: the others take us for gone at their next read, not after the missed beats. */
  stop(): Promise<void>;
}

/**
 * Beats as `process` every `everyMs` (at once, then on), and tells which processes beat within
 * the last MISSED_BEATS. A read that fails (the database away from us too) keeps the last one
 * known: what we cannot write, we could not release either, and the next read corrects it.
 */
export async function startServerLiveness(url: string, process: string, everyMs: number, log: (error: unknown) => void): Promise<ServerLiveness> {
  // One connection of its own: a beat never waits behind the store's writes.
  const pool: pg.Pool = await connectPostgres(url, { poolSize: 1 });
  let live = new Set<string>();
  let stopped = false;
  let beating: Promise<void> | null = null;
  const beat = () => {
    // A database slow to answer gets no second beat queued behind the first.
    if (beating) return beating;
    beating = pool
      .query<{ id: string }>(BEAT_SQL, [process, MISSED_BEATS * everyMs, FORGET_MS])
      .then(
        ({ rows }) => {
          if (!stopped) live = new Set(rows.map((row) => row.id));
        },
        (error: unknown) => {
          // The database out of reach is the store's to tell, in one line with its return
          // (store/write-health.ts): a beat's driver stack each minute would only bury it.
          if (!stopped && !isStorageFailure(error)) log(error);
        },
      )
      .finally(() => (beating = null));
    return beating;
  };
  await beat();
  const timer = setInterval(() => void beat(), everyMs).unref();
  return {
    process,
    alive: (other) => live.has(other),
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      const goodbye = Promise.resolve(beating)
        .then(() => pool.query('DELETE FROM server_beats WHERE id = $1', [process]))
        .catch(() => {});
      let waited: NodeJS.Timeout | undefined;
      await Promise.race([goodbye, new Promise((resolve) => (waited = setTimeout(resolve, GOODBYE_MS)))]);
      clearTimeout(waited);
      // Not awaited: with the database away, its connection attempt may take the query timeout to give up.
      void goodbye.then(() => pool.end()).catch(() => {});
    },
  };
}
