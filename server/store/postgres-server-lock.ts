// Servers on one database without Redis would not hear each other: a visitor on one and an agent
// on the other never meet. So a server without Redis holds the database (its schema) alone, and
// servers with Redis hold it together: a session-level advisory lock, exclusive without Redis and
// shared with it, on a connection kept for the server's life. PostgreSQL drops it when that
// connection ends, so a crashed server blocks nobody; and, by its keepalive (DEAD_HOLDER), within
// about a minute when the server's machine vanished without closing it (power, a partition).
import { hostname } from 'node:os';
import pg from 'pg';
import type { DataLock } from '../data-lock';
import { withoutPassword } from '../shown-url';
import { StartError } from '../start-error';
import { connectionConfig } from './postgres-connect';

/** Whether the server runs without Redis (the database is its alone) or with it (shared with others with Redis). */
export type ServerLockMode = 'alone' | 'with-redis';

export interface ServerLock {
  release(): Promise<void>;
}

/**
 * Two 32-bit keys, apart from the migrations' one 64-bit key: one lock per schema. (A search_path
 * naming no existing schema has no current_schema(); such a start fails at the tables anyway.)
 */
const SCHEMA = `coalesce(current_schema(), current_setting('search_path'))`;
const KEY = `hashtext('kohtaamo server'), hashtext(${SCHEMA})`;
/**
 * PostgreSQL's keepalive on the lock connection: a holder whose machine vanished answers no probe,
 * and its connection, and the lock, go after idle + interval × count seconds (here 60), not the
 * system's default two hours and more during which a replacement server is refused. Set on the
 * session (SET), not in the URL's `options`, which stays the operator's (a search_path). Nothing on
 * a Unix socket, whose other end cannot vanish.
 */
export const DEAD_HOLDER = { idle: 30, interval: 10, count: 3 } as const;
const KEEPALIVE_SQL = `SET tcp_keepalives_idle = ${DEAD_HOLDER.idle}; SET tcp_keepalives_interval = ${DEAD_HOLDER.interval}; SET tcp_keepalives_count = ${DEAD_HOLDER.count}`;
/** How soon a lost lock connection (a database restart) is made again. */
const RETAKE_MS = 5_000;

/** Who holds the lock besides us, as the lock connection names itself, for the message. */
async function holders(client: pg.Client): Promise<string> {
  const { rows } = await client
    .query<{ name: string | null; addr: string | null }>(
      `SELECT a.application_name AS name, host(a.client_addr) AS addr FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.pid <> pg_backend_pid() AND l.objsubid = 2
         AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND l.classid = hashtext('kohtaamo server')::oid AND l.objid = hashtext(${SCHEMA})::oid`,
    )
    .catch(() => ({ rows: [] }));
  const named = rows.map((row) => row.name || (row.addr ? `from ${row.addr}` : '')).filter(Boolean);
  return named.length > 0 ? ` (${[...new Set(named)].join(', ')})` : '';
}

/** The connection the lock is held on, named for the others' message, and dropped by PostgreSQL soon if its machine vanishes. */
export async function lockConnection(url: string, schema: string | undefined): Promise<pg.Client> {
  const client = new pg.Client({ ...connectionConfig(url, schema), keepAlive: true, application_name: `kohtaamo on ${hostname()}, pid ${process.pid}` });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(KEEPALIVE_SQL);
    // Unacknowledged data (the lock's rare answers) gives up as soon too: PostgreSQL 12 and later.
    await client.query(`SET tcp_user_timeout = ${(DEAD_HOLDER.idle + DEAD_HOLDER.interval * DEAD_HOLDER.count) * 1000}`).catch(() => {});
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
}

/** Another server holds the lock: said as an error, every time (repeat-limited by the log), until one of them stops. */
class LockHeld extends Error {}

async function take(url: string, schema: string | undefined, mode: ServerLockMode): Promise<pg.Client> {
  const client = await lockConnection(url, schema);
  try {
    const sql = mode === 'alone' ? `SELECT pg_try_advisory_lock(${KEY}) AS ok` : `SELECT pg_try_advisory_lock_shared(${KEY}) AS ok`;
    if ((await client.query<{ ok: boolean }>(sql)).rows[0]?.ok) return client;
    const who = await holders(client);
    throw new LockHeld(
      mode === 'alone'
        ? `another Kohtaamo server${who} is using it; without --redis a server must be the only one on its database: stop the other, or give every server --redis (KOHTAAMO_REDIS_URL)`
        : `a Kohtaamo server without --redis${who} is using it, and would not hear the others: stop it, or restart it with --redis (KOHTAAMO_REDIS_URL) as this one`,
    );
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
}

/**
 * Takes the server's lock on the database, or fails saying who holds it. Lost with its connection
 * (a database restart, an outage), it is taken again every RETAKE_MS: the log says so once when
 * lost and once when back, as news (strings), not a stack per try. Should another server have
 * taken it meanwhile, that is logged as an error until one of them stops.
 */
export async function lockServer(url: string, schema: string | undefined, mode: ServerLockMode, log: (error: unknown) => void): Promise<ServerLock> {
  let client: pg.Client | null = await take(url, schema, mode);
  let released = false;
  let timer: NodeJS.Timeout | undefined;
  let lostAt = 0;
  const watch = (held: pg.Client) =>
    held.once('end', () => {
      if (released) return;
      client = null;
      lostAt = Date.now();
      log(`The database's server lock was lost with its connection; retrying every ${RETAKE_MS / 1000} s.`);
      timer = setTimeout(retake, RETAKE_MS);
    });
  const retake = () => {
    take(url, schema, mode).then(
      (taken) => {
        if (released) return void taken.end().catch(() => {});
        client = taken;
        log(`The database's server lock is back after ${Math.max(1, Math.round((Date.now() - lostAt) / 1000))} s.`);
        watch(taken);
      },
      (error: unknown) => {
        if (released) return;
        // The database still down is what the line at the loss said; another holder is news.
        if (error instanceof LockHeld) log(new Error(`The database's server lock cannot be taken again: ${error.message}`));
        timer = setTimeout(retake, RETAKE_MS);
      },
    );
  };
  watch(client);
  return {
    async release() {
      released = true;
      clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}

/** The server's start: the lock for its Redis setting (`redis` set or not), or a StartError saying what to do. */
export async function lockDatabase(url: string, redis: string | undefined, log: (error: unknown) => void): Promise<DataLock> {
  try {
    return await lockServer(url, undefined, redis ? 'with-redis' : 'alone', log);
  } catch (error) {
    throw new StartError(`Cannot open the database ${withoutPassword(url)}: ${(error as Error).message}`);
  }
}
