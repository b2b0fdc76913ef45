// Group commit for PostgreSQL (the SQLite one is group-commit.ts): writes run one after another,
// in the order they were asked for, and those waiting when a transaction starts share it and
// its one commit. One writer per process keeps a connection's writes in order; row locks keep
// writers of different processes apart.
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { WriteHealth } from './write-health';

/** A query inside the current write's transaction. */
export type Query = <R extends QueryResultRow = QueryResultRow>(sql: string, params?: unknown[]) => Promise<R[]>;

export interface PgGroupCommit {
  run<T>(fn: (query: Query) => Promise<T>): Promise<T>;
  /** Resolves when everything queued so far is committed. */
  drain(): Promise<void>;
}

interface Pending {
  fn: (query: Query) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Result = { ok: true; value: unknown } | { ok: false; error: unknown };

export const PG_MAX_BATCH = 256;
/** Deadlock and serialization failures: another process's writer got in the way; the batch runs again. */
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_RETRIES = 5;

/** The server gave up on a statement (statement_timeout, lock_timeout): run again, the batch would only wait again. */
const GAVE_UP = new Set(['57014', '55P03']);

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;
/** The connection did not answer in time (pg's query_timeout): it is asked nothing more. */
const stalled = (error: unknown) => error instanceof Error && error.message === 'Query read timeout';
/** Ends the whole batch, not only the write it came up in: each write after it would fail the same way, one timeout after another. */
const endsBatch = (error: unknown) => stalled(error) || RETRYABLE.has(String(codeOf(error))) || GAVE_UP.has(String(codeOf(error)));

/** `writes` hears how each write went, for the health check (write-health.ts). */
export function createPgGroupCommit(pool: Pool, maxBatch = PG_MAX_BATCH, writes?: WriteHealth): PgGroupCommit {
  const queue: Pending[] = [];
  let running: Promise<void> | null = null;

  const runBatch = async (client: PoolClient, batch: Pending[], savepoints: boolean): Promise<Result[]> => {
    const query: Query = async (sql, params) => (await client.query(sql, params)).rows;
    await client.query('BEGIN');
    const results: Result[] = [];
    for (const op of batch) {
      if (!savepoints) {
        results.push({ ok: true, value: await op.fn(query) });
        continue;
      }
      await client.query('SAVEPOINT write');
      try {
        results.push({ ok: true, value: await op.fn(query) });
        await client.query('RELEASE SAVEPOINT write');
      } catch (error) {
        if (endsBatch(error)) throw error;
        await client.query('ROLLBACK TO SAVEPOINT write');
        results.push({ ok: false, error });
      }
    }
    await client.query('COMMIT');
    return results;
  };

  /** Fast path first, without savepoints (they cost a round trip each); after a failure, one per write, so only the failing one is refused. */
  const commit = async (batch: Pending[]): Promise<Result[]> => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      for (let attempt = 0, savepoints = false; ; attempt++) {
        try {
          return await runBatch(client, batch, savepoints);
        } catch (error) {
          // A stalled connection would not answer a ROLLBACK either: it is dropped, its writes are
          // refused (not acked; a resend with the same client id is stored once), and PostgreSQL
          // rolls back what it had begun, or has committed it: then the resend finds it.
          if (stalled(error)) {
            broken = error as Error;
            throw error;
          }
          await client.query('ROLLBACK').catch((e: Error) => void (broken = e));
          if (broken) throw error;
          if (RETRYABLE.has(String(codeOf(error)))) {
            if (attempt >= MAX_RETRIES) throw error;
          } else if (savepoints || GAVE_UP.has(String(codeOf(error)))) throw error;
          else savepoints = true;
        }
      }
    } finally {
      client.release(broken);
    }
  };

  const flushAll = async () => {
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      let results: Result[];
      try {
        results = await commit(batch);
      } catch (error) {
        // The commit itself failed (or the connection did): nothing in the batch is durable. The
        // writes queued behind it fail with it: committed, a visitor's next message would come
        // before the resend of the one that failed. Their connections end; all are resent in order.
        for (const op of [...batch, ...queue.splice(0)]) op.reject(error);
        continue;
      }
      batch.forEach((op, i) => {
        const result = results[i];
        if (result?.ok) op.resolve(result.value);
        else op.reject(result?.error);
      });
    }
    running = null;
  };

  return {
    run<T>(fn: (query: Query) => Promise<T>): Promise<T> {
      const done = new Promise<T>((resolve, reject) => {
        queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
        // Started on the next turn, so the writes asked for in this one share the transaction.
        running ??= new Promise<void>((started) => setImmediate(started)).then(flushAll);
      });
      return writes ? writes.track(done) : done;
    },
    async drain() {
      while (running) await running;
    },
  };
}
