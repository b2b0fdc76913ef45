// One agent login shared by many agent clients, as one person with many conversations open.
// The token survives server restarts (sessions are stored); when the server says it is no
// longer valid, the next client to ask logs in again, once for everyone.

export interface AgentSession {
  token(): Promise<string>;
  /** The server rejected this token; the next `token()` logs in again. */
  invalidate(token: string): void;
  readonly logins: number;
}

export function createAgentSession(origin: string, login: string, password: string): AgentSession {
  let current: Promise<string> | null = null;
  let logins = 0;
  const logIn = async (): Promise<string> => {
    logins++;
    const response = await fetch(`${origin}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password }),
      signal: AbortSignal.timeout(3_000),
    });
    if (!response.ok) throw new Error(`login failed: HTTP ${response.status}`);
    const body = (await response.json()) as { token?: unknown };
    if (typeof body.token !== 'string') throw new Error('login answered without a token');
    return body.token;
  };
  return {
    token() {
      // A failed login is forgotten, so the next attempt (after backoff) tries again.
      current ??= logIn().catch((error: unknown) => {
        current = null;
        throw error;
      });
      return current;
    },
    invalidate(token) {
      void current?.then((t) => {
        if (t === token) current = null;
      });
    },
    get logins() {
      return logins;
    },
  };
}
