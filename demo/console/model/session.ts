// Logging in and remembering the token for this tab only.
import { signal } from '@preact/signals';
import { isSessionEnd } from '../../../protocol/errors';
import { serverUrl, type ConsoleEnv } from '../env';
import type { Problem } from '../strings';

export interface Agent {
  id: string;
  name: string;
}

export interface Session {
  token: string;
  agent: Agent;
}

/** The server ended the session, saying why (`ended`); said as expired when it did not (an older server, a close alone). */
export const sessionEnded = (ended?: unknown): Problem => ({ code: 'session_ended', ended: isSessionEnd(ended) ? ended : 'expired' });

export type LoginResult = { ok: true; session: Session } | { ok: false; problem: Problem };

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const { token, agent } = value as Partial<Session>;
  return typeof token === 'string' && typeof agent?.id === 'string' && typeof agent.name === 'string';
}

export function createSessionModel(env: ConsoleEnv, storageKey: string) {
  const session = signal<Session | null>(read());
  /** Why the agent is looking at the login form, when it is not a fresh start. */
  const notice = signal<Problem | null>(null);

  function read(): Session | null {
    try {
      const parsed: unknown = JSON.parse(env.storage.getItem(storageKey) ?? 'null');
      return isSession(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }

  async function login(login: string, password: string): Promise<LoginResult> {
    let response: Response;
    try {
      response = await env.fetch(serverUrl(env.pageUrl, '/api/login'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login, password }),
      });
    } catch {
      return { ok: false, problem: { code: 'unreachable' } };
    }
    if (response.status === 401) return { ok: false, problem: { code: 'wrong_login' } };
    if (response.status === 429) return { ok: false, problem: { code: 'too_many_attempts' } };
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok || !isSession(body)) return { ok: false, problem: { code: 'login_failed', status: response.status } };
    const next = { token: body.token, agent: { id: body.agent.id, name: body.agent.name } };
    env.storage.setItem(storageKey, JSON.stringify(next));
    notice.value = null;
    session.value = next;
    return { ok: true, session: next };
  }

  /** `reason`: why the agent is logged out (an expired session); none when they chose to, and then the server ends the session too. */
  function logout(reason: Problem | null = null): void {
    const token = session.value?.token;
    // Forgetting the token here is not enough: the server ends it, so a copy of it is worth nothing.
    if (token && reason === null) {
      env.fetch(serverUrl(env.pageUrl, '/api/logout'), { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
    }
    env.storage.removeItem(storageKey);
    notice.value = reason;
    session.value = null;
  }

  return { session, notice, login, logout };
}

export type SessionModel = ReturnType<typeof createSessionModel>;
