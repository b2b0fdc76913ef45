// A reverse proxy that serves the chat server under a path of a site's own domain, as a site owner's
// `location /chat/ { proxy_pass http://127.0.0.1:8787/; … }` does: it strips the prefix from each
// request and WebSocket upgrade on the way in, and changes nothing on the way out (an absolute
// Location goes back as it is, where nginx would not rewrite it either). Anything outside the
// prefix is the site's, not the chat's: 404 here, unless `site` answers it.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';

export interface PrefixProxy {
  /** The proxy's origin, e.g. http://127.0.0.1:41234; the chat server is at `${origin}${prefix}`. */
  origin: string;
  /** Every request path the proxy was asked for, prefix included, in order. */
  requests: string[];
  close(): Promise<void>;
}

export interface PrefixProxyOptions {
  /** The chat server, e.g. http://127.0.0.1:8787. */
  target: string;
  /** The path it is served under, with both slashes: `/chat/`. */
  prefix: string;
  /** The site's own pages: answers a request outside the prefix, or returns false for a 404. */
  site?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

export async function startPrefixProxy({ target, prefix, site }: PrefixProxyOptions): Promise<PrefixProxy> {
  const upstream = new URL(target);
  const requests: string[] = [];
  /** Upgraded sockets, which the HTTP server no longer tracks, to end them at close. */
  const tunnels = new Set<{ destroy(): void }>();
  /** The path the chat server sees, or null for one outside the prefix. */
  const strip = (url: string | undefined): string | null => (url?.startsWith(prefix) ? `/${url.slice(prefix.length)}` : null);
  /** The headers passed on, as the README's nginx does: Host kept, the client added to X-Forwarded-For. */
  const forwarded = (req: IncomingMessage) => {
    const headers = { ...req.headers };
    const client = req.socket.remoteAddress ?? '';
    headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${String(headers['x-forwarded-for'])}, ${client}` : client;
    return headers;
  };

  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const path = strip(req.url);
    if (path === null) {
      if (site?.(req, res)) return;
      return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not the chat.');
    }
    const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path, headers: forwarded(req) }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(res);
    });
    out.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    req.pipe(out);
  });

  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    requests.push(req.url ?? '');
    socket.on('error', () => socket.destroy());
    const path = strip(req.url);
    if (path === null) return void socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    const server = connect(Number(upstream.port), upstream.hostname, () => {
      const headers = forwarded(req);
      const lines = Object.entries(headers).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${name}: ${v ?? ''}`));
      server.write(`${req.method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
      server.write(head);
      server.pipe(socket);
      socket.pipe(server);
    });
    server.on('error', () => socket.destroy());
    tunnels.add(socket);
    socket.on('close', () => (tunnels.delete(socket), server.destroy()));
    server.on('close', () => socket.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const tunnel of tunnels) tunnel.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
