// HTTP: the JSON API (FAQ bundle, agent login) and static files (widget, console, the demo site or a home page).
// Expected failures are coded JSON errors; anything else is logged and becomes `unavailable` (the
// storage's) or `internal`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import sirv from 'sirv';
import * as v from 'valibot';
import { ERRORS, FAQ_STATS_PATH, faqStat, LIMITS } from '../protocol';
import type { FaqStat } from '../protocol';
import { addressKey } from './client-address';
import { bearer, HttpError, JSON_TYPE, sendJson } from './http-kit';
import { HOME_PAGE } from './demo-site';
import { failureCode } from './failure-code';
import { createLoginLimit } from './login-limit';
import { createTokenBucket } from './rate-limit';
import { requestPath } from './request-path';
import { PROBE_EVERY_MS } from './store/write-health';
import type { TokenBucket } from './rate-limit';

export interface HttpOptions {
  root: string;
  /** Whether `/` is the demo store (with the demo FAQ, demo-site.ts); else a plain home page, and nothing else there. */
  demoSite: boolean;
  /** The current FAQ bundle, serialised once per load, and its ETag. */
  faq: () => { json: string; etag: string };
  /** The agents' saved replies as a bundle like the FAQ's, or null when the site has none. */
  replies: () => { json: string } | null;
  /** Whether a console's token is a live agent session. */
  agentToken: (token: string) => Promise<boolean>;
  /** The site's figures for the last `days` days (site-report.ts), for the console's Report. */
  report: (days: number) => Promise<object>;
  bodyBytes: number;
  login: (login: string, password: string) => Promise<{ token: string; agent: { id: string; name: string } } | null>;
  /** Ends the session of this token at once (its consoles are logged out), so a logout is not just forgetting it. */
  logout: (token: string) => Promise<void>;
  /** Whether this server can serve now: what a load balancer asks (`GET /api/health`). */
  health: () => Promise<Health>;
  /** Whether a page of this Origin, sent to this Host, may send (origin undefined: not a browser), as on the visitor socket. */
  originAllowed: (origin: string | undefined, host: string | undefined) => boolean;
  /** Counts a widget's beacon of an FAQ answer shown or found helpful; false: the FAQ has no such entry. */
  faqStat: (stat: FaqStat) => boolean;
  /**
   * Client addresses whose beacons are not limited: loopback, a reverse proxy on the same host,
   * whose visitors all share its address (as for sockets, ip-limits.ts). Logins are limited even there.
   */
  unlimitedBeacons: (address: string) => boolean;
  /** Whom a request is from: the peer, or behind trusted proxies the client they name (client-address.ts). */
  clientAddress: (req: IncomingMessage) => string;
  /** Whether that address stands for many clients (a proxy's, not trusted to name them): it lets no login off its back-off (login-limit.ts). */
  sharedAddress: (req: IncomingMessage) => boolean;
  /** The files visitors send (files-http.ts): answers its routes, false for any other path. */
  files: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;
  log: (error: unknown) => void;
  /** The clock of the rate limits (tests move their own). */
  now?: () => number;
}

/** Each part of the server this one needs, 'ok' or what is wrong with it. */
export interface Health {
  ok: boolean;
  checks: Record<string, string>;
}

/** Scripts, styles and the socket from this server only; the favicon is a data: URL, visitors' photos blob: URLs of what the console fetched. */
const CONSOLE_CSP = "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** A strict site's policy: scripts, styles and connections from the site itself (which is the chat server here). */
const DEMO_SITE_CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

/** The home page links to the console and loads nothing. */
const HOME_CSP = "default-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Login attempts per client address: scrypt already slows guessing; this stops a flood (guesses at one login: login-limit.ts). */
const LOGIN_RATE = Object.freeze({ perSecond: 1, burst: 10 });
/** FAQ beacons per client address: a visitor reading answers sends a few a minute; more is someone inflating the counts. */
const FAQ_STAT_RATE = Object.freeze({ perSecond: 0.5, burst: 30 });
/** A beacon is about 60 bytes. */
const FAQ_STAT_BYTES = 512;
/** What the console's login sends: any other body, `null` too, is answered 400 `bad_message`. */
const loginBody = v.object({ login: v.pipe(v.string(), v.maxLength(LIMITS.name)), password: v.pipe(v.string(), v.maxLength(1024)) });
/** The console's Report looks back a year at most; `kohtaamo report --days` goes further. */
const MAX_REPORT_DAYS = 366;
/** How long a quiet client address's buckets are kept. */
const FORGET_ADDRESSES_MS = 10 * 60_000;

export function createHttpHandler(options: HttpOptions): (req: IncomingMessage, res: ServerResponse) => void {
  // dev mode: look files up per request, so rebuilding dist/ needs no restart.
  const dist = sirv(join(options.root, 'dist'), {
    dev: true,
    etag: true,
    // The build writes .br and .gz beside each file (vite.config.ts).
    brotli: true,
    gzip: true,
    setHeaders(res, pathname) {
      // The widget runs on other sites' pages and imports its app chunk cross-origin.
      res.setHeader('Access-Control-Allow-Origin', '*');
      // Hashed chunks never change; the entry points must be revalidated so updates reach visitors.
      if (pathname.startsWith('/widget/chunks/') || pathname.startsWith('/console/assets/')) {
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      }
    },
  });
  const site = sirv(join(options.root, 'demo/site'), { dev: true, etag: true });
  // The bundle compressed once per load and encoding (the demo's: 54 KB of JSON, 14 KB brotli).
  let cache: { etag: string; bodies: Map<Encoding, Promise<Buffer>> } = { etag: '', bodies: new Map() };
  const compressed = (faq: { json: string; etag: string }, encoding: Encoding): Promise<Buffer> => {
    if (cache.etag !== faq.etag) cache = { etag: faq.etag, bodies: new Map() };
    let body = cache.bodies.get(encoding);
    if (!body) cache.bodies.set(encoding, (body = COMPRESS[encoding](faq.json)));
    return body;
  };
  /** Answers only a live console session. */
  const agentOnly = async (req: IncomingMessage) => {
    if (!(await options.agentToken(bearer(req)))) throw new HttpError(401, 'unauthorized', 'Log in to the console first: the session token has expired or was ended.');
  };
  const now = options.now ?? Date.now;
  const logins = perAddress(LOGIN_RATE, () => false, options.clientAddress, now);
  const beacons = perAddress(FAQ_STAT_RATE, options.unlimitedBeacons, options.clientAddress, now);
  const guesses = createLoginLimit();

  const api = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (path === '/api/faq') {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'bad_message', 'Use GET.');
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('Vary', 'Accept-Encoding');
      const faq = options.faq();
      const encoding = pickEncoding(req.headers['accept-encoding']);
      // Each encoding is its own representation, so its own strong ETag.
      const etag = encoding ? `${faq.etag.slice(0, -1)}-${encoding}"` : faq.etag;
      res.setHeader('ETag', etag);
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
      if (!encoding) return sendJson(res, 200, faq.json);
      const body = await compressed(faq, encoding);
      res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Encoding': encoding, 'Content-Length': body.length });
      return void res.end(body);
    }
    if (path === '/api/health') {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'bad_message', 'Use GET.');
      const health = await options.health();
      // 503 takes a server out of a load balancer's rotation: its database is out of reach (health.ts says why not Redis).
      return sendJson(res, health.ok ? 200 : 503, JSON.stringify(health));
    }
    if (path === '/api/login') {
      if (req.method !== 'POST') throw new HttpError(405, 'bad_message', 'Use POST.');
      if (!logins(req)) throw new HttpError(429, 'rate_limited');
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
      if (!result) throw new HttpError(401, 'unauthorized', 'Wrong login or password.');
      guesses.succeeded(login, address, now());
      return sendJson(res, 200, JSON.stringify(result));
    }
    if (path === FAQ_STATS_PATH) {
      if (req.method !== 'POST') throw new HttpError(405, 'bad_message', 'Use POST.');
      if (!options.originAllowed(req.headers.origin, req.headers.host)) throw new HttpError(403, 'origin_not_allowed', 'This origin may not send FAQ figures here.');
      if (!beacons(req)) throw new HttpError(429, 'rate_limited');
      // navigator.sendBeacon sends a string as text/plain, which needs no CORS preflight.
      const parsed = v.safeParse(faqStat, await readJson(req, FAQ_STAT_BYTES, ['text/plain', 'application/json']));
      if (!parsed.success) throw new HttpError(400, 'bad_message', 'Send {"kind": "shown" or "helped", "faqId": an entry\'s id}.');
      if (!options.faqStat(parsed.output)) throw new HttpError(400, 'unknown_faq_entry');
      return void res.writeHead(204).end();
    }
    if (path === '/api/replies') {
      if (req.method !== 'GET') throw new HttpError(405, 'bad_message', 'Use GET.');
      // How a team words its replies is its own business.
      await agentOnly(req);
      return sendJson(res, 200, options.replies()?.json ?? '{"bundle":null}');
    }
    if (path === '/api/report') {
      if (req.method !== 'GET') throw new HttpError(405, 'bad_message', 'Use GET.');
      await agentOnly(req);
      const days = new URL(req.url ?? '/', 'http://x').searchParams.get('days') ?? '30';
      if (!/^\d{1,3}$/.test(days) || Number(days) < 1 || Number(days) > MAX_REPORT_DAYS) throw new HttpError(400, 'bad_message', `Send ?days= a number of days, 1 to ${MAX_REPORT_DAYS}.`);
      return sendJson(res, 200, JSON.stringify(await options.report(Number(days))));
    }
    if (path === '/api/logout') {
      if (req.method !== 'POST') throw new HttpError(405, 'bad_message', 'Use POST.');
      const token = bearer(req);
      await options.logout(token);
      return void res.writeHead(204).end();
    }
    if (await options.files(req, res, path)) return;
    throw new HttpError(404, 'not_found', 'No such API route.');
  };

  const route = (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const path = requestPath(req.url);
    if (path === null) return sendJson(res, 400, JSON.stringify({ error: { code: 'bad_message', message: 'The request target is not a URL.' } }));
    if (path.startsWith('/api/')) {
      res.setHeader('Cache-Control', 'no-store');
      api(req, res, path).catch((error: unknown) => {
        if (!(error instanceof HttpError)) options.log(error);
        if (res.headersSent) return void res.destroy();
        const known = error instanceof HttpError ? error : unexpected(error, res);
        // Refused before its body was read (a file over a limit, a login too many): the rest is not
        // waited for, so the connection is not kept for a body nobody will read.
        if (!req.complete) res.setHeader('Connection', 'close');
        sendJson(res, known.status, JSON.stringify({ error: { code: known.code, message: known.message } }));
      });
      return;
    }
    // Relative, so that behind a proxy serving the server under a path (`/chat/console`) the
    // browser stays under it; an absolute `/console/` would leave it for the site's own /console/.
    if (path === '/console') return void res.writeHead(301, { Location: 'console/' }).end();
    const notFound = (message = 'Not found.') => () => sendJson(res, 404, JSON.stringify({ error: { code: 'not_found', message } }));
    if (path.startsWith('/console/')) {
      // The page where agents are logged in: only its own scripts and server, and never inside
      // another site's frame (a hidden console under a decoy page could be clicked through).
      res.setHeader('Content-Security-Policy', CONSOLE_CSP);
      res.setHeader('X-Frame-Options', 'DENY');
    }
    if (path === '/widget.js' || path.startsWith('/widget/') || path.startsWith('/console/')) {
      return dist(req, res, notFound('Not found. If the widget or console is not built yet, run `npm run build`.'));
    }
    if (!options.demoSite) return home(req, res, path, notFound());
    // The demo store runs under the strict policy many real sites have, to show the widget needs
    // no exception to it but the chat server's origin (here the same one).
    res.setHeader('Content-Security-Policy', DEMO_SITE_CSP);
    site(req, res, notFound());
  };

  return (req, res) => {
    // A throw here would end the process: answer `internal` and log it instead.
    try {
      route(req, res);
    } catch (error) {
      options.log(error);
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, JSON.stringify({ error: { code: 'internal', message: ERRORS.internal.message } }));
    }
  };
}

/**
 * A failure no route expected. The storage's (a full disk, the database out of reach) is 503
 * `unavailable`, to be sent again shortly: an upload too big for the disk's last megabytes was
 * a 500 "service fault" the widget gave up on. Anything else is a bug's 500 `internal`.
 */
function unexpected(error: unknown, res: ServerResponse): HttpError {
  if (failureCode(error) === 'internal') return new HttpError(500, 'internal');
  // The health check tries a write of its own this often while writes fail: sooner, the answer would likely be the same.
  res.setHeader('Retry-After', String(PROBE_EVERY_MS / 1000));
  return new HttpError(503, 'unavailable');
}

/** A site's own chat server at `/`: what it is, for whoever opens the host, and no more (demo-site.ts). */
function home(req: IncomingMessage, res: ServerResponse, path: string, notFound: () => void): void {
  if (path !== '/' || (req.method !== 'GET' && req.method !== 'HEAD')) return notFound();
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(HOME_PAGE),
    'Content-Security-Policy': HOME_CSP,
    'X-Robots-Tag': 'noindex',
  });
  res.end(req.method === 'HEAD' ? undefined : HOME_PAGE);
}

type Encoding = 'br' | 'gzip';

const COMPRESS: Record<Encoding, (text: string) => Promise<Buffer>> = {
  br: (text) => promisify(brotliCompress)(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }),
  gzip: (text) => promisify(gzip)(text, { level: 9 }),
};

/** Brotli where the client takes it, else gzip, else none (q=0 refuses an encoding). */
function pickEncoding(accept: string | undefined): Encoding | undefined {
  const offered = new Set(
    (accept ?? '')
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter((part) => !/;\s*q=0(\.0*)?$/.test(part))
      .map((part) => part.split(';')[0]!),
  );
  return offered.has('br') ? 'br' : offered.has('gzip') ? 'gzip' : undefined;
}

/** A token bucket per client address (an IPv6 one's /64), forgotten after a quiet while; true when the request may go on. */
function perAddress(
  rate: { perSecond: number; burst: number },
  exempt: (address: string) => boolean,
  addressOf: (req: IncomingMessage) => string,
  now: () => number,
): (req: IncomingMessage) => boolean {
  let buckets = new Map<string, TokenBucket>();
  setInterval(() => (buckets = new Map()), FORGET_ADDRESSES_MS).unref();
  return (req) => {
    const address = addressOf(req);
    if (exempt(address)) return true;
    const key = addressKey(address);
    let bucket = buckets.get(key);
    if (!bucket) buckets.set(key, (bucket = createTokenBucket(rate.perSecond, rate.burst, now())));
    return bucket.take(now());
  };
}

async function readJson(req: IncomingMessage, limit: number, types: readonly string[]): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!types.some((t) => type.startsWith(t))) throw new HttpError(415, 'bad_message', `Send Content-Type: ${types.join(' or ')}.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, 'too_large', `The body is larger than ${limit} bytes.`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'bad_json', 'The body is not valid JSON.');
  }
}
