// The parts a server opens before it listens, all or none, and the message a start stops with
// when one cannot be opened. app.ts wires them to the rest.
import { ensureDemoAgent } from './agents';
import { openAgentDirectory } from './agent-directory';
import { createMemoryBus, type Bus } from './bus';
import type { ServerConfig } from './config';
import { createRedisBus } from './redis-bus';
import { withoutPassword } from './shown-url';
import { StartError } from './start-error';
import { maintenanceFor } from './store/maintenance';
import { openPostgresStore } from './store/postgres';
import { deploymentId } from './store/postgres-connect';
import { openSqliteStore } from './store/sqlite';
import type { Store } from './store/types';

/** Parts given instead of opened, as tests do (app.ts's ServerParts). */
export interface GivenParts {
  store?: Store;
  bus?: Bus;
  demoAgent?: boolean;
}

/**
 * What the server keeps open: its agents, its store and its bus (files, or PostgreSQL and Redis
 * when scaled out). All or none: a part that cannot be opened closes those opened before it, and
 * the start stops with a message naming the part and where it was looked for.
 */
export async function openParts(config: ServerConfig, parts: GivenParts, log: (error: unknown) => void) {
  const opened: { close(): Promise<unknown> }[] = [];
  const step = async <T>(failure: string, run: () => T | Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      await Promise.all(opened.map((part) => part.close()));
      // With its cause, for what `kohtaamo serve` says of some (a damaged file: the backup).
      throw new StartError(`${failure}: ${(error as Error).message}`, { cause: error });
    }
  };
  const stored = maintenanceFor(config);
  // Scaled out, the agents are in the database: the first thing to reach it.
  const agentsFailure = config.database ? `Cannot open the database ${stored.where}` : `Cannot use the agents file in ${config.data}`;
  const agents = await step(agentsFailure, () => openAgentDirectory(config, log));
  opened.push(agents);
  const demo = await step(agentsFailure, () => ensureDemoAgent(agents, config.demoPassword, { create: parts.demoAgent !== false }));
  const store = await step(`Cannot open the database ${stored.where}`, () =>
    parts.store ?? (config.database ? openPostgresStore(config.database) : openSqliteStore(stored.where)),
  );
  opened.push(store);
  const redis = config.redis;
  const bus = await step(`Cannot connect to Redis at ${withoutPassword(redis ?? '')}`, async () => {
    if (parts.bus) return parts.bus;
    if (!redis || !config.database) return createMemoryBus();
    // Channels named after the database's deployment: another Kohtaamo on the same Redis is not heard.
    return createRedisBus(redis, { log, prefix: `kohtaamo:${await deploymentId(config.database)}:`, ping: config.busPing });
  });
  return { agents, demo, store, bus, stored };
}
