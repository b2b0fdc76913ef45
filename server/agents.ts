// Agents live in `<data>/agents.json`, passwords scrypt-hashed. The file is read on every
// login, so `kohtaamo agent add` takes effect without a restart.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AgentRef } from './store/types';

export interface AgentRecord {
  id: string;
  login: string;
  name: string;
  /** `scrypt$N$r$p$salt$hash`, base64url salt and hash. */
  password: string;
  /** Only for the generated demo password, so every start can print it; dropped by `agent passwd`. */
  demoPassword?: string;
  /** When `agent passwd` last changed the password (ms): sessions that began before it have ended. */
  passwordChangedAt?: number;
}

const SCRYPT = Object.freeze({ N: 16384, r: 8, p: 1, keyBytes: 32, saltBytes: 16 });

function scrypt(password: string, salt: Buffer, N: number, r: number, p: number, keyBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize('NFC'), salt, keyBytes, { N, r, p, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltBytes);
  const key = await scrypt(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyBytes);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !N || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), Number(N), Number(r), Number(p), expected.length);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

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

/**
 * What the start banner says about the demo login: null when this data has no demo agent (its
 * agents were added with `kohtaamo agent add`); the password only when it is known to be right.
 */
export type DemoLogin = { login: string; password: string | null } | null;

/** Creates the demo agent when there is no agents file yet. */
export async function ensureDemoAgent(dataDir: string, fixedPassword: string | undefined): Promise<DemoLogin> {
  const file = agentsFile(dataDir);
  let agents = await loadAgents(file);
  const exists = await readFile(file).then(() => true, () => false);
  if (!exists) {
    const password = fixedPassword ?? generatePassword();
    const demo: AgentRecord = { id: 'demo', login: 'demo', name: 'Aino (demo)', password: await hashPassword(password) };
    if (!fixedPassword) demo.demoPassword = password;
    agents = [demo];
    await saveAgents(file, agents);
  }
  const demo = agents.find((a) => a.login === 'demo');
  if (!demo) return null;
  // KOHTAAMO_DEMO_PASSWORD sets the password only when it creates the agent; `agent passwd` may have changed it since.
  const known = fixedPassword !== undefined && (await verifyPassword(fixedPassword, demo.password)) ? fixedPassword : demo.demoPassword;
  return { login: demo.login, password: known ?? null };
}

/**
 * Whether a console session may go on: its agent is still in the agents file (not removed with
 * `kohtaamo agent remove`) and their password has not changed since the session began.
 * Read from the file each time, so an edit takes effect without a restart.
 */
export async function agentSessionValid(dataDir: string, agentId: string, startedAt: number): Promise<boolean> {
  const record = (await loadAgents(agentsFile(dataDir))).find((a) => a.id === agentId);
  return record !== undefined && (record.passwordChangedAt ?? 0) <= startedAt;
}

// A hash to check against when the login is unknown, so timing does not reveal which logins exist.
let decoy: Promise<string> | null = null;

export async function authenticate(dataDir: string, login: string, password: string): Promise<AgentRef | null> {
  const agents = await loadAgents(agentsFile(dataDir));
  const agent = agents.find((a) => a.login === login);
  decoy ??= hashPassword(generatePassword());
  const ok = await verifyPassword(password, agent?.password ?? (await decoy));
  return ok && agent ? { id: agent.id, name: agent.name } : null;
}
