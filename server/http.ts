// HTTP: the JSON API (FAQ bundle, agent login) and static files (widget, console, the demo site or a home page).
// Expected failures are coded JSON errors; anything else is logged and becomes `unavailable` (the
// storage's) or `internal`. This file routes a request and answers its failures; the routes are
// the widget's FAQ (faq-http.ts), the console's (console-http.ts), files (files-http.ts) and the
// pages (static-http.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ERRORS } from '../protocol';
import { consoleRoutes, type ConsoleRouteOptions } from './console-http';
import { faqRoutes, type FaqRouteOptions } from './faq-http';
import { failureCode } from './failure-code';
import { HttpError, sendJson, type ApiRoute } from './http-kit';
import { requestPath } from './request-path';
import { staticFiles } from './static-http';
import { PROBE_EVERY_MS } from './store/write-health';

export interface HttpOptions extends FaqRouteOptions, ConsoleRouteOptions {
  root: string;
  /** Whether `/` is the demo store (with the demo FAQ, demo-site.ts); else a plain home page, and nothing else there. */
  demoSite: boolean;
  /** Whether this server can serve now: what a load balancer asks (`GET /api/health`). */
  health: () => Promise<Health>;
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

export function createHttpHandler(options: HttpOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const pages = staticFiles(options.root, options.demoSite);
  const now = options.now ?? Date.now;
  const healthCheck: ApiRoute = async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'bad_message', 'Use GET.');
    const health = await options.health();
    // 503 takes a server out of a load balancer's rotation: its database is out of reach (health.ts says why not Redis).
    return sendJson(res, health.ok ? 200 : 503, JSON.stringify(health));
  };
  const routes = new Map<string, ApiRoute>(Object.entries({ ...faqRoutes(options, now), '/api/health': healthCheck, ...consoleRoutes(options, now) }));

  const api = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const answer = routes.get(path);
    if (answer) return answer(req, res);
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
    pages(req, res, path);
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
