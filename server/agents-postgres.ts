// The scaled-out agent directory: a table in the servers' PostgreSQL, so every server, on any
// host, knows the same agents, and `kohtaamo agent add` run anywhere with KOHTAAMO_DATABASE_URL
// reaches them all. A change is one transaction that also NOTIFYs: every server LISTENs, and
// its open consoles check their sessions at once (a removed agent's, a changed password's).
import pg from 'pg';
import type { AgentDirectory, AgentRecord } from './agents';
import { agentsFile, loadAgents } from './agents-file';
import { connectionConfig, connectPostgres } from './store/postgres-connect';
import { withoutPassword } from './shown-url';

const CHANNEL = 'kohtaamo_agents';
/** How soon a lost LISTEN connection is tried again. */
const RELISTEN_MS = 1_000;

export interface PostgresAgentsOptions {
  /** A schema of its own (tests). */
  schema?: string;
  /**
   * A data directory whose agents.json is copied in before the agents were ever written here:
   * the agents a site had before it scaled out. Only then: the database is the list from there on.
   */
  importFrom?: string;
}

export async function postgresAgents(url: string, options: PostgresAgentsOptions = {}): Promise<AgentDirectory> {
  const pool = await connectPostgres(url, { ...(options.schema !== undefined ? { schema: options.schema } : {}), poolSize: 2 });
  const list = async (client: pg.Pool | pg.PoolClient = pool) =>
    (await client.query<{ record: AgentRecord }>('SELECT record FROM agents ORDER BY n')).rows.map((r) => r.record);

  const change = async (edit: (agents: AgentRecord[]) => AgentRecord[]) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // One change at a time, from any process: a second `agent add` reads the first one's result.
      await client.query('LOCK TABLE agents IN SHARE ROW EXCLUSIVE MODE');
      const next = edit(await list(client));
      await client.query('DELETE FROM agents');
      for (const agent of next) {
        await client.query('INSERT INTO agents (id, login, record) VALUES ($1, $2, $3::jsonb)', [agent.id, agent.login, JSON.stringify(agent)]);
      }
      await client.query('INSERT INTO agents_written DEFAULT VALUES ON CONFLICT DO NOTHING');
      await client.query(`NOTIFY ${CHANNEL}`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };

  const exists = async () => (await pool.query('SELECT 1 FROM agents_written')).rowCount !== 0;
  if (options.importFrom !== undefined && !(await exists())) {
    const before = await loadAgents(agentsFile(options.importFrom));
    if (before.length > 0) await change((agents) => (agents.length > 0 ? agents : before));
  }

  const listeners = new Set<{ close(): void }>();
  return {
    where: `${withoutPassword(url)} (table agents)`,
    list: () => list(),
    change,
    exists,
    watch(onChange) {
      let client: pg.Client | null = null;
      let closed = false;
      let retry: NodeJS.Timeout | undefined;
      const listen = () => {
        const next = new pg.Client(connectionConfig(url, options.schema));
        client = next;
        const again = () => {
          if (closed || client !== next) return;
          client = null;
          next.end().catch(() => {});
          retry = setTimeout(listen, RELISTEN_MS);
          retry.unref();
          // Changes made while not listening are not known: check as if there had been one.
          onChange();
        };
        next.on('notification', () => onChange());
        next.on('error', again);
        next.on('end', again);
        next.connect().then(() => next.query(`LISTEN ${CHANNEL}`)).catch(again);
      };
      listen();
      const handle = {
        close() {
          closed = true;
          clearTimeout(retry);
          client?.end().catch(() => {});
          listeners.delete(handle);
        },
      };
      listeners.add(handle);
      return handle;
    },
    async close() {
      for (const listener of [...listeners]) listener.close();
      await pool.end();
    },
  };
}
