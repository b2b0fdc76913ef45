// Agents: their logins, names and scrypt-hashed passwords, in an agent directory: the data
// directory's `agents.json` (agents-file.ts), or PostgreSQL when servers are scaled out
// (agents-postgres.ts). The list is read on every login, so `kohtaamo agent add` takes effect
// without a restart.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { agentByLogin } from './login-key';
import type { AgentRef } from './store/types';

export interface AgentRecord {
  id: string;
  login: string;
  name: string;
  /** `scrypt$N$r$p$salt$hash`, base64url salt and hash. */
  password: string;
  /** Only for the generated demo password, so every start with the demo FAQ can print it; dropped by `agent passwd`. */
  demoPassword?: string;
  /** When `agent add` or `agent passwd` last set the password (ms): sessions that began before it have ended. */
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

/** Where agents live. */
export interface AgentDirectory {
  /** For messages: the file, or the database's URL without its password. */
  where: string;
  list(): Promise<AgentRecord[]>;
  /** Reads, edits and writes the list as one step. */
  change(edit: (agents: AgentRecord[]) => AgentRecord[]): Promise<void>;
  /** Whether a list was ever written: the demo agent is made only when not (and only with the demo FAQ). */
  exists(): Promise<boolean>;
  /** Calls back when the list changes, also when another process changed it. */
  watch(onChange: () => void): { close(): void };
  close(): Promise<void>;
}

/**
 * What the start banner says about the demo login: null when this data has no demo agent (its
 * agents were added with `kohtaamo agent add`); the password only when it is known to be right,
 * and only with the demo FAQ.
 */
export type DemoLogin = {
  login: string;
  password: string | null;
  /** KOHTAAMO_DEMO_PASSWORD is set but is not the demo agent's password: it was given one before (at its first start, or with `agent passwd`). */
  passwordIgnored?: true;
} | null;

/**
 * Creates the demo agent when there are no agents yet and `create` (`kohtaamo serve` asks only
 * when it serves the demo FAQ: a site with its own starts with no agent that anyone could log in
 * as). Without `create`, a demo agent an earlier demo start made is reported, never its password.
 */
export async function ensureDemoAgent(directory: AgentDirectory, fixedPassword: string | undefined, { create = true } = {}): Promise<DemoLogin> {
  if (create && !(await directory.exists())) {
    const password = fixedPassword ?? generatePassword();
    const demo: AgentRecord = { id: 'demo', login: 'demo', name: 'Aino (demo)', password: await hashPassword(password) };
    if (!fixedPassword) demo.demoPassword = password;
    // Another server starting at the same moment may have made it first: keep theirs.
    await directory.change((agents) => (agents.length > 0 ? agents : [demo]));
  }
  const demo = (await directory.list()).find((a) => a.login === 'demo');
  if (!demo) return null;
  if (!create) return { login: demo.login, password: null };
  // KOHTAAMO_DEMO_PASSWORD sets the password only when it creates the agent; `agent passwd` may have changed it since.
  const known = fixedPassword !== undefined && (await verifyPassword(fixedPassword, demo.password)) ? fixedPassword : demo.demoPassword;
  const login: NonNullable<DemoLogin> = { login: demo.login, password: known ?? null };
  if (fixedPassword !== undefined && known !== fixedPassword) login.passwordIgnored = true;
  return login;
}

/**
 * Why a console session may not go on: its agent was removed (`kohtaamo agent remove`), or their
 * password changed since the session began; null while it may. Read each time, so an edit takes
 * effect without a restart.
 */
export async function agentSessionEnd(directory: AgentDirectory, agentId: string, startedAt: number): Promise<'removed' | 'password_changed' | null> {
  const record = (await directory.list()).find((a) => a.id === agentId);
  if (record === undefined) return 'removed';
  return (record.passwordChangedAt ?? 0) > startedAt ? 'password_changed' : null;
}

// A hash to check against when the login is unknown, so timing does not reveal which logins exist.
let decoy: Promise<string> | null = null;

export async function authenticate(directory: AgentDirectory, login: string, password: string): Promise<AgentRef | null> {
  const agents = await directory.list();
  const agent = agentByLogin(agents, login);
  decoy ??= hashPassword(generatePassword());
  const ok = await verifyPassword(password, agent?.password ?? (await decoy));
  return ok && agent ? { id: agent.id, name: agent.name } : null;
}
