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
