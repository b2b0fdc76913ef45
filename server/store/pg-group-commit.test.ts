// The PostgreSQL group commit against a fake connection: which failures end a whole batch at once.
import type { Pool } from 'pg';
import { expect, it } from 'vitest';
import { createPgGroupCommit } from './pg-group-commit';

/** A pool of one fake connection that fails every statement but BEGIN, ROLLBACK and savepoints with `error`; logs what it was asked. */
function failingPool(error: Error) {
  const asked: string[] = [];
  const released: (Error | undefined)[] = [];
  const client = {
    query: async (sql: string) => {
      asked.push(sql);
      if (/^(BEGIN|ROLLBACK|SAVEPOINT|RELEASE)/.test(sql)) return { rows: [] };
      throw error;
    },
    release: (broken?: Error) => void released.push(broken),
  };
  return { pool: { connect: async () => client } as unknown as Pool, asked, released };
}

const timedOut = (code: string) => Object.assign(new Error('canceling statement due to statement timeout'), { code });

it('refuses a batch whose statement the server gave up on once, without running each write again', async () => {
  const { pool, asked } = failingPool(timedOut('57014'));
  const commit = createPgGroupCommit(pool);
  const writes = ['a', 'b', 'c'].map((name) => commit.run((query) => query(`INSERT ${name}`)));
  for (const write of writes) await expect(write).rejects.toThrow('statement timeout');
  // One try of the first write: another, each waiting out the timeout again, would hold every write behind them.
  expect(asked.filter((sql) => sql.startsWith('INSERT'))).toEqual(['INSERT a']);
});

it('drops a connection that did not answer in time, without asking it to roll back', async () => {
  const { pool, asked, released } = failingPool(new Error('Query read timeout'));
  const commit = createPgGroupCommit(pool);
  await expect(commit.run((query) => query('INSERT a'))).rejects.toThrow('Query read timeout');
  expect(asked).toEqual(['BEGIN', 'INSERT a']);
  expect(released).toEqual([expect.objectContaining({ message: 'Query read timeout' })]);
});

it('fails the writes queued behind a batch whose commit failed: committed, they would come before its resend', async () => {
  // The first connection goes at its first COMMIT, and answers nothing after; the next ones work.
  let connections = 0;
  const connect = async () => {
    const dies = connections++ === 0;
    let dead = false;
    return {
      query: async (sql: string) => {
        if (dead || (dies && sql === 'COMMIT')) {
          dead = true;
          throw new Error('Connection terminated unexpectedly');
        }
        return { rows: [] };
      },
      release: () => {},
    };
  };
  const commit = createPgGroupCommit({ connect } as unknown as Pool, 1);
  const writes = ['m1', 'm2', 'm3'].map((name) => commit.run(async (query) => (await query(`INSERT ${name}`), name)));
  const results = await Promise.allSettled(writes);
  expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
});

