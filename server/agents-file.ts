// The embedded agent directory: `<data>/agents.json`, written whole (write, then rename), 0600.
// Watched, so a server hears of `kohtaamo agent remove` run beside it.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AgentDirectory, AgentRecord } from './agents';
import { watchFile } from './file-watch';

export const agentsFile = (dataDir: string) => join(dataDir, 'agents.json');

export async function loadAgents(file: string): Promise<AgentRecord[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const data = JSON.parse(text) as { agents?: unknown };
  if (!Array.isArray(data.agents)) throw new Error(`${file}: expected {"agents": [...]}`);
  return data.agents.map((a: Partial<AgentRecord>, i: number) => {
    if (typeof a.id !== 'string' || typeof a.login !== 'string' || typeof a.name !== 'string' || typeof a.password !== 'string') {
      throw new Error(`${file}: agent ${i} needs string id, login, name and password`);
    }
    return a as AgentRecord;
  });
}

export async function saveAgents(file: string, agents: AgentRecord[]): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  // Write then rename, so a crash never leaves half a file; 0600 because it holds hashes.
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify({ agents }, null, 2) + '\n', { mode: 0o600 });
  await rename(temp, file);
}

export function fileAgents(dataDir: string): AgentDirectory {
  const file = agentsFile(dataDir);
  return {
    where: file,
    list: () => loadAgents(file),
    async change(edit) {
      await saveAgents(file, edit(await loadAgents(file)));
    },
    exists: () => readFile(file).then(() => true, () => false),
    watch: (onChange) => watchFile(file, onChange),
    close: async () => {},
  };
}
