// The scale-out store: PostgreSQL, shared by several server processes. The same contract as
// the SQLite store (types.ts, tested by store-contract.ts against both). Where SQLite has one
// writer for the whole file, here processes write side by side, so every write locks what it
// decides on: the visitor's row for a visitor's writes (one open conversation per visitor,
// whichever process their tabs reach), then their open conversation's row (an agent may be
// closing it), and the conversation's row for an agent's. Sequence numbers
// come from `UPDATE … last_seq + 1`, which holds the row until commit: no gaps, no twins.
// Locks are FOR NO KEY UPDATE, never FOR UPDATE: a conversation row updated twice in one
// transaction has its foreign key checked again (KEY SHARE on the visitor), and FOR UPDATE on
// the visitor would deadlock against that between two processes.
// This file opens the store and puts its parts together, owning their lifetime (health check,
// close): the SQL they share (postgres-sql.ts), the writes (postgres-writes.ts, adding events
// through postgres-append.ts) and the reads (postgres-reads.ts).
import type { Pool } from 'pg';
import { connectPostgres, type PostgresOptions } from './postgres-connect';
import { createPgGroupCommit } from './pg-group-commit';
import { createWriteHealth } from './write-health';
import { createStorageNews } from './storage-news';
import { withoutPassword } from '../shown-url';
import { postgresReads } from './postgres-reads';
import { postgresWrites } from './postgres-writes';
import type { Store, StoreReads } from './types';
import { printError } from '../operator-log';

/** Connects (creating the tables when missing) and returns the store. */
export async function openPostgresStore(url: string, options: PostgresOptions & { log?: (line: string) => void } = {}): Promise<Store> {
  const log = options.log ?? printError;
  return postgresStore(await connectPostgres(url, options), withoutPassword(url), log);
}

function postgresStore(pool: Pool, shownUrl: string, log: (line: string) => void): Store {
  // As SQLite's (sqlite.ts): once in words when writes start failing, once when they work again,
  // and the server's log leaves out the failed writes' own errors (toldOperator).
  const writes = createWriteHealth(Date.now, createStorageNews(shownUrl, log));
  const commit = createPgGroupCommit(pool, undefined, writes);

  // A read that meets the database out of reach is told as that outage is, once (write-health.ts).
  const reads = postgresReads(pool);
  for (const name of Object.keys(reads) as (keyof StoreReads)[]) {
    const read = reads[name] as (...args: unknown[]) => Promise<unknown>;
    Object.assign(reads, { [name]: (...args: unknown[]) => writes.read(read(...args)) });
  }

  return {
    ...postgresWrites(commit),
    ...reads,

    async ping() {
      await pool.query('SELECT 1');
      // A row rewritten in place: a write that needs the disk and a primary, and changes nothing.
      await writes.check(() => commit.run(async (q) => void (await q('UPDATE schema_version SET version = version'))));
    },

    async close() {
      await commit.drain();
      await pool.end();
    },
  };
}
