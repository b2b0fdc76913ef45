// The server's pages and files: the widget and console builds (dist/), the demo store or a plain
// home page at /, each with its Content-Security-Policy. Apart from the JSON API (http.ts) because
// these are files a browser loads, cached and framed by other rules.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';
import { HOME_PAGE } from './demo-site';
import { sendJson } from './http-kit';

/** Scripts, styles and the socket from this server only; the favicon is a data: URL, visitors' photos blob: URLs of what the console fetched. */
const CONSOLE_CSP = "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * A strict site's policy: scripts, styles and connections from the site itself (which is the chat
 * server here), and no other site's frames, as for the console and the home page.
 */
const DEMO_SITE_CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** The home page links to the console and loads nothing. */
const HOME_CSP = "default-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Answers any path outside /api/. `demoSite`: whether `/` is the demo store (demo-site.ts), else a plain home page. */
export function staticFiles(root: string, demoSite: boolean): (req: IncomingMessage, res: ServerResponse, path: string) => void {
  // dev mode: look files up per request, so rebuilding dist/ needs no restart.
  const dist = sirv(join(root, 'dist'), {
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
  const site = sirv(join(root, 'demo/site'), { dev: true, etag: true });

  return (req, res, path) => {
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
    if (!demoSite) return home(req, res, path, notFound());
    // The demo store runs under the strict policy many real sites have, to show the widget needs
    // no exception to it but the chat server's origin (here the same one). Never framed: its chat
    // under another site's decoy page could be clicked through (X-Frame-Options for browsers
    // that predate frame-ancestors, as the console's).
    res.setHeader('Content-Security-Policy', DEMO_SITE_CSP);
    res.setHeader('X-Frame-Options', 'DENY');
    site(req, res, notFound());
  };
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
