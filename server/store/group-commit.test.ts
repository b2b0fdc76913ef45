import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { createGroupCommit } from './group-commit';

it('commits a burst in bounded batches, in call order, and settles every write after its commit', async () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
  const commits: number[] = [];
  const commit = createGroupCommit(db, 100);
  const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
  const writes = Array.from({ length: 250 }, (_, n) =>
    commit.run(() => {
      insert.run(n);
      return n;
    }).then((value) => {
      // By the time a write resolves, its whole batch is visible outside the transaction.
      commits.push((db.prepare('SELECT count(*) AS c FROM t').get() as { c: number }).c);
      return value;
    }),
  );
  expect(await Promise.all(writes)).toEqual(Array.from({ length: 250 }, (_, n) => n));
  expect([...new Set(commits)]).toEqual([100, 200, 250]);
  db.close();
});

it('a failing write rejects alone; its neighbours commit', async () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
  const commit = createGroupCommit(db);
  const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
  const results = await Promise.allSettled([1, 1, 2].map((n) => commit.run(() => insert.run(n))));
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect(db.prepare('SELECT n FROM t ORDER BY n').all()).toEqual([{ n: 1 }, { n: 2 }]);
  db.close();
});

it('fails the writes queued behind a batch whose commit failed: committed, they would come before its resend', async () => {
  let commits = 0;
  // The first transaction fails as a whole (a disk error, a lock held past busy_timeout); the next ones would not.
  const db = {
    transaction: (fn: () => unknown) =>
      Object.assign(() => fn(), {
        immediate: () => {
          if (commits++ < 2) throw new Error('disk I/O error');
          return fn();
        },
      }),
  };
  const commit = createGroupCommit(db as unknown as Database.Database, 1);
  const results = await Promise.allSettled([1, 2, 3].map((n) => commit.run(() => n)));
  expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
  await commit.run(() => 4);
});

