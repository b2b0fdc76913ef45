// Which agent directory a server (or `kohtaamo agent`) uses: PostgreSQL when conversations are
// there (scaled out: every server must know the same agents), else the data directory's file.
import type { AgentDirectory } from './agents';
import { fileAgents } from './agents-file';
import { postgresAgents } from './agents-postgres';

/** `log` hears of an agents file broken (and mended) while the server runs. */
export function openAgentDirectory(where: { data: string; database?: string | undefined }, log?: (news: string) => void): Promise<AgentDirectory> {
  return where.database !== undefined ? postgresAgents(where.database, { importFrom: where.data }) : Promise.resolve(fileAgents(where.data, log));
}
