// The agent console's API: login and logout, and what a logged-in console reads (the saved
// replies, the Report). Apart from the widget's routes (faq-http.ts) because these are an agent's,
// behind a session, and limit password guessing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import { LIMITS, type SessionEnd } from '../protocol';
import { perAddress } from './address-rate';
import { DEFAULTS } from './defaults';
import { bearer, HttpError, readJson, sendJson, sendJsonCompressed, sendPrecompressed, type ApiRoute, type PrecompressedJson } from './http-kit';
import { addressNetwork, createLoginLimit } from './login-limit';
import { limitRepeats } from './log-repeats';

export interface ConsoleRouteOptions {
  /** The agents' saved replies as a bundle like the FAQ's, compressed with it, or null when the site has none. */
  replies: () => PrecompressedJson | null;
  /** Why a console's token is no live agent session (agent-sessions.ts), or null while it is one. */
  sessionEnd: (token: string) => Promise<SessionEnd | null>;
  /** The site's figures for the last `days` days (site-report.ts), for the console's Report. */
  report: (days: number) => Promise<object>;
  bodyBytes: number;
  login: (login: string, password: string) => Promise<{ token: string; agent: { id: string; name: string } } | null>;
  /** Ends the session of this token at once (its consoles are logged out), so a logout is not just forgetting it. */
  logout: (token: string) => Promise<void>;
  /** Whom a request is from: the peer, or behind trusted proxies the client they name (client-address.ts). */
  clientAddress: (req: IncomingMessage) => string;
  /** Whether that address stands for many clients (a proxy's, not trusted to name them): it lets no login off its back-off (login-limit.ts). */
  sharedAddress: (req: IncomingMessage) => boolean;
  /** The server's log: here, that a login is being guessed at. */
  log: (entry: unknown) => void;
}

/**
 * A login begun to be held back, as an error of one kind for log-repeats.ts: the first in a minute
 * prints its own line, the others are counted into one (an attacker trying many made-up logins
 * gets no line for each).
 */
class LoginHeldBack extends Error {
  constructor(readonly line: string) {
    super('a login began to be held back');
    this.name = 'Password guessing';
  }
}

/** What the console's login sends: any other body, `null` too, is answered 400 `bad_message`. */
const loginBody = v.object({ login: v.pipe(v.string(), v.maxLength(LIMITS.name)), password: v.pipe(v.string(), v.maxLength(1024)) });
/** The console's Report looks back a year at most; `kohtaamo report --days` goes further. */
const MAX_REPORT_DAYS = 366;

/** The console's routes by path. `now` is the login limits' clock. */
export function consoleRoutes(options: ConsoleRouteOptions, now: () => number): Record<string, ApiRoute> {
  /**
   * Answers only a live console session. Another is answered 401 with why it ended (`ended`, as the
   * socket tells it), so the console can say whether a new password is needed; true when answered.
   */
  const refusedSession = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const ended = await options.sessionEnd(bearer(req));
    if (ended === null) return false;
    sendJson(res, 401, JSON.stringify({ error: { code: 'unauthorized', message: 'Log in to the console first: the session token has expired or was ended.', ended } }));
    return true;
  };
  const logins = perAddress(DEFAULTS.loginRate, () => false, options.clientAddress, now);
  const guesses = createLoginLimit();
  const told = limitRepeats((entry) => options.log(entry instanceof LoginHeldBack ? entry.line : entry));
  /** After a wrong password: says so if it started the login's waits. Never the password. */
  const tellIfHeldBack = (req: IncomingMessage, login: string) => {
    const held = guesses.heldBack(login);
    if (!held) return;
    const over = Math.round(held.overMs / 1000);
    const from = addressNetwork(options.clientAddress(req));
    told(new LoginHeldBack(`Login ${JSON.stringify(login)}: ${held.tries} wrong passwords in ${over} s; answering with waits of up to ${held.maxWaitMs / 1000} s (latest from ${from})`));
  };

  return {
    '/api/login': async (req, res) => {
      if (req.method !== 'POST') throw new HttpError(405, 'bad_message', 'Use POST.');
      if (!logins(req)) {
        // Its own words: the code's default (protocol/errors.ts) is the socket's, about frames.
        res.setHeader('Retry-After', String(Math.ceil(1 / DEFAULTS.loginRate.perSecond)));
        throw new HttpError(429, 'rate_limited', `Too many logins from this address; try again in ${Math.ceil(1 / DEFAULTS.loginRate.perSecond)} s.`);
      }
      // Checked, not cast: a body of `null` or `5` is the client's mistake, not the server's.
      const parsed = v.safeParse(loginBody, await readJson(req, options.bodyBytes, ['application/json']));
      if (!parsed.success) throw new HttpError(400, 'bad_message', 'Send {"login": string, "password": string}.');
      const { login, password } = parsed.output;
      const address = options.sharedAddress(req) ? null : options.clientAddress(req);
      const wait = guesses.attempt(login, address, now());
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        res.setHeader('Retry-After', String(seconds));
        throw new HttpError(429, 'rate_limited', `Too many wrong passwords for this login; try again in ${seconds} s.`);
      }
      const result = await options.login(login, password);
      if (!result) {
        tellIfHeldBack(req, login);
        throw new HttpError(401, 'unauthorized', 'Wrong login or password.');
      }
      guesses.succeeded(login, address, now());
      return sendJson(res, 200, JSON.stringify(result));
    },
    '/api/replies': async (req, res) => {
      if (req.method !== 'GET') throw new HttpError(405, 'bad_message', 'Use GET.');
      // How a team words its replies is its own business.
      if (await refusedSession(req, res)) return;
      const replies = options.replies();
      if (!replies) return sendJson(res, 200, '{"bundle":null}');
      // Compressed as the FAQ is (a team's hundred replies: tens of KB of JSON), at each login and
      // reload. Revalidated by ETag as the FAQ is, but only in the agent's browser (`private`), and
      // each time with the token: a logged-out token gets its 401, not the kept copy.
      res.setHeader('Cache-Control', 'private, no-cache');
      return sendPrecompressed(req, res, replies);
    },
    '/api/report': async (req, res) => {
      if (req.method !== 'GET') throw new HttpError(405, 'bad_message', 'Use GET.');
      if (await refusedSession(req, res)) return;
      const days = new URL(req.url ?? '/', 'http://x').searchParams.get('days') ?? '30';
      if (!/^\d{1,3}$/.test(days) || Number(days) < 1 || Number(days) > MAX_REPORT_DAYS) throw new HttpError(400, 'bad_message', `Send ?days= a number of days, 1 to ${MAX_REPORT_DAYS}.`);
      return sendJsonCompressed(req, res, JSON.stringify(await options.report(Number(days))));
    },
    '/api/logout': async (req, res) => {
      if (req.method !== 'POST') throw new HttpError(405, 'bad_message', 'Use POST.');
      const token = bearer(req);
      // Never refused for a rate: a logout refused would leave the session live until it expires.
      // A made-up token costs one read (agent-sessions.ts), as any other route's does.
      await options.logout(token);
      return void res.writeHead(204).end();
    },
  };
}
