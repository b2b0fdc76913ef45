// Connecting to PostgreSQL: the settings every connection of ours uses, and the pool the store
// runs on, with the tables and functions created when missing.
import pg from 'pg';
import { PG_FUNCTIONS, PG_SCHEMA } from './postgres-schema';
import { checkPgSchema, PG_MARK_SCHEMA_VERSION, PG_SCHEMA_VERSION_TABLE } from './schema-version';

export interface PostgresOptions {
  /** A schema of its own (created when missing), e.g. one per test run; default: the connection's search_path. */
  schema?: string;
  /** Connections in the pool: one writes, the rest read. */
  poolSize?: number;
  /** How long a query may go unanswered before it fails and its connection is dropped (QUERY_TIMEOUT_MS). */
  queryTimeoutMs?: number;
}

/**
 * A query unanswered this long fails. A connection that stalls (a network that stops forwarding,
 * a hung server) would otherwise hold the one writer, and every write queued behind it, until TCP
 * gave up, many minutes on: no ack, no error, no welcome for a new visitor. The server gives up a
 * statement at the same time (statement_timeout), so a lock wait ends too, and rolls back a
 * transaction whose client went quiet in the middle (idle_in_transaction_session_timeout), so its
 * row locks do not hold up the other servers. Our statements take milliseconds, but on a loaded
 * machine a commit waiting for the disk, or a lock another server holds, took over 5 s: refused,
 * those writes made clients resend for nothing. 10 s still answers before the widget's 15 s ack timeout.
 */
export const QUERY_TIMEOUT_MS = 10_000;
/** A transaction left open by a client that went quiet is rolled back after this long (at least). */
const IDLE_IN_TRANSACTION_MS = 10_000;
/** How long creating the tables (waiting for another process creating them) may take. */
const MIGRATION_MS = 60_000;

/** BIGINT (times, counts) as numbers: milliseconds stay exact far beyond any date we store. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Refuses a schema name that would need quoting: it is written into SQL. */
function checkSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`schema "${schema}": use lower-case letters, digits and _`);
  return schema;
}

/** What a client or pool of ours connects with. */
export function connectionConfig(url: string, schema?: string): pg.ClientConfig {
  return { connectionString: url, types, ...(schema !== undefined ? { options: `-c search_path=${checkSchema(schema)}` } : {}) };
}

/** Databases (URL and schema) whose tables this process has made sure of. */
const migrated = new Set<string>();

export async function connectPostgres(url: string, options: PostgresOptions = {}): Promise<pg.Pool> {
  // A database out of reach fails a query within seconds rather than leaving it waiting for a connection.
  // TCP keepalive finds an idle connection whose other end is gone before a query is sent on it.
  const timeout = options.queryTimeoutMs ?? QUERY_TIMEOUT_MS;
  const pool = new pg.Pool({
    ...connectionConfig(url, options.schema),
    max: options.poolSize ?? 8,
    connectionTimeoutMillis: timeout,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    query_timeout: timeout,
    statement_timeout: timeout,
    idle_in_transaction_session_timeout: Math.max(IDLE_IN_TRANSACTION_MS, 2 * timeout),
  });
  // An idle connection that breaks (a database restart) is replaced on next use, not fatal.
  pool.on('error', () => {});
  // Nor one checked out (pg-pool listens only while a client is idle): its query fails, and the
  // 'error' pg also emits, unheard, would be thrown and end the process.
  pool.on('connect', (client) => client.on('error', () => {}));
  const key = `${url} ${options.schema ?? ''}`;
  try {
    const client = await pool.connect();
    try {
      // A server opens the database twice (its agents, its store): the tables are made once.
      if (migrated.has(key)) return pool;
      // Several processes may start at once: one creates the tables, the others wait for it. That
      // wait, and the creating, are not held to the query timeout (a minute on our side, none on the server's).
      const migrate = (text: string) => client.query({ text, query_timeout: MIGRATION_MS } as pg.QueryConfig);
      await client.query('BEGIN');
      await client.query('SET LOCAL statement_timeout = 0');
      await migrate(`SELECT pg_advisory_xact_lock(hashtext('kohtaamo schema'))`);
      if (options.schema !== undefined) await migrate(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
      // Before any table or function is touched: a newer release's are not ours to change.
      await checkPgSchema((text) => client.query(text)).catch(async (error: unknown) => {
        await client.query('ROLLBACK');
        throw error;
      });
      await migrate(PG_SCHEMA);
      await migrate(PG_FUNCTIONS);
      await migrate(PG_SCHEMA_VERSION_TABLE);
      await migrate(PG_MARK_SCHEMA_VERSION);
      await client.query('COMMIT');
      migrated.add(key);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}

/** The id the database's first server gave this deployment (postgres-schema.ts): what its Redis channels are named after. */
export async function deploymentId(url: string, schema?: string): Promise<string> {
  const client = new pg.Client(connectionConfig(url, schema));
  await client.connect();
  try {
    const row = (await client.query<{ id: string }>('SELECT id FROM deployment')).rows[0];
    if (!row) throw new Error('the deployment table is empty: start a server on this database first');
    return row.id;
  } finally {
    await client.end();
  }
}
