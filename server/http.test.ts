import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaqStat } from '../protocol';
import { createServer, type RunningServer } from './app';
import { createHttpHandler } from './http';
import { HOME_PAGE } from './demo-site';
import { isLoopback } from './ip-limits';
import { createMemoryBus } from './bus';
import { maintenanceFor } from './store/maintenance';
import { openSqliteStore } from './store/sqlite';
import { clientAddress, parseTrustProxy, type TrustProxy } from './client-address';
import { FAQ, login, startTestServer, tempDir, testConfig } from './test-support';

const trustLoopback = () => parseTrustProxy('loopback') as TrustProxy;

let dir: { dir: string; remove(): Promise<void> };
let server: RunningServer;

const FILES: Record<string, string> = {
  'demo/site/index.html': '<h1>Kotipesä</h1>',
  'demo/site/en/index.html': '<h1>Kotipesä in English</h1>',
  // The demo store is served with the demo FAQ only: this root's.
  'demo/faq.json': JSON.stringify(FAQ),
  'dist/widget.js': 'console.log("loader")',
  'dist/widget.js.br': 'brotli bytes',
  'dist/widget/app.js': 'export function mount() {}',
  'dist/widget/chunks/panel-abc123.js': 'export const x = 1',
  'dist/console/index.html': '<title>Console</title>',
};

beforeAll(async () => {
  dir = await tempDir();
  for (const [path, text] of Object.entries(FILES)) {
    await mkdir(join(dir.dir, path, '..'), { recursive: true });
    await writeFile(join(dir.dir, path), text);
  }
  server = await startTestServer(dir.dir, { faq: join(dir.dir, 'demo/faq.json') });
});
afterAll(async () => {
  await server.close();
  await dir.remove();
});

const get = (path: string, init?: RequestInit) => fetch(server.url + path, init);

describe('static files', () => {
  it.each([
    ['/', 'Kotipesä'],
    ['/en/', 'in English'],
    ['/console/', 'Console'],
  ])('serves %s', async (path, text) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain(text);
  });

  it('serves the widget cross-origin: entry points revalidated, hashed chunks immutable', async () => {
    for (const path of ['/widget.js', '/widget/app.js']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
    const chunk = await get('/widget/chunks/panel-abc123.js');
    expect(chunk.headers.get('cache-control')).toMatch(/immutable/);
  });

  it("keeps the agents' console to its own scripts and server, and out of other sites' frames", async () => {
    const res = await get('/console/');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    // The widget runs on the site owner's pages, under their policy, not this one.
    expect((await get('/widget.js')).headers.get('content-security-policy')).toBeNull();
    // The demo store is one such page: a strict site's policy (the end-to-end tests run the widget under it).
    expect((await get('/')).headers.get('content-security-policy')).toMatch(/^default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'/);
  });

  it("keeps the demo store out of other sites' frames, as the console: a hidden chat under a decoy page could be clicked through", async () => {
    for (const path of ['/', '/en/']) {
      const res = await get(path);
      expect([path, res.headers.get('content-security-policy'), res.headers.get('x-frame-options')]).toEqual([
        path,
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
        'DENY',
      ]);
    }
  });

  it('sends /console on to /console/ and links the home page to it by relative addresses, which a proxy serving the server under a path keeps', async () => {
    const res = await get('/console?from=bookmark', { redirect: 'manual' });
    expect(res.status).toBe(301);
    // As the browser resolves it, on the address it asked for: the proxy's, with its path.
    expect(new URL(res.headers.get('location')!, 'https://shop.example/chat/console').href).toBe('https://shop.example/chat/console/');
    const link = /href="([^"]*)"/.exec(HOME_PAGE)?.[1];
    expect(new URL(link!, 'https://shop.example/chat/').href).toBe('https://shop.example/chat/console/');
  });

  it('answers an unknown path with a coded 404 and refuses to leave the root', async () => {
    const res = await get('/nope.html');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await get('/widget/..%2f..%2fdata/agents.json')).status).toBe(404);
  });
});

it('survives request targets that are not URLs, on HTTP and on upgrade', async () => {
  const { connect: tcp } = await import('node:net');
  const port = Number(new URL(server.url).port);
  const ask = (head: string) =>
    new Promise<string>((resolve) => {
      const socket = tcp(port, '127.0.0.1', () => socket.write(head));
      let text = '';
      socket.on('data', (d) => (text += d.toString()));
      socket.on('close', () => resolve(text.split('\r\n')[0] ?? ''));
      socket.on('error', () => resolve('error'));
      setTimeout(() => socket.end(), 300);
    });
  expect(await ask('GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n')).toMatch(/^HTTP\/1.1 400/);
  const upgrade = 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n';
  expect(await ask(`GET http://[ HTTP/1.1\r\nHost: x\r\n${upgrade}\r\n`)).toMatch(/^HTTP\/1.1 404/);
  expect((await get('/api/faq')).status).toBe(200);
});

it('sends the build\'s precompressed file to a browser that accepts it', async () => {
  const res = await new Promise<{ encoding: string | undefined; body: string }>((resolve, reject) => {
    request(server.url + '/widget.js', { headers: { 'accept-encoding': 'br' } }, (r) => {
      let body = '';
      r.on('data', (c: Buffer) => (body += c.toString()));
      r.on('end', () => resolve({ encoding: r.headers['content-encoding'], body }));
    })
      .on('error', reject)
      .end();
  });
  expect(res).toEqual({ encoding: 'br', body: 'brotli bytes' });
});

describe('API', () => {
  it('serves the FAQ to any origin and supports revalidation', async () => {
    const res = await get('/api/faq');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const etag = res.headers.get('etag') ?? '';
    expect((await get('/api/faq', { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('compresses the FAQ for clients that take brotli or gzip, and sends it plain to others', async () => {
    const raw = (acceptEncoding: string) =>
      new Promise<{ encoding: string | undefined; etag: string; body: Buffer }>((resolve, reject) => {
        const req = request(server.url + '/api/faq', { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ encoding: res.headers['content-encoding'], etag: String(res.headers.etag), body: Buffer.concat(chunks) }));
        });
        req.on('error', reject).end();
      });
    const plain = await raw('identity');
    expect(plain.encoding).toBeUndefined();
    const br = await raw('gzip, deflate, br');
    expect(br.encoding).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length);
    const gz = await raw('gzip;q=1, br;q=0');
    expect(gz.encoding).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    // A cache must not serve one representation for another.
    expect(new Set([plain.etag, br.etag, gz.etag]).size).toBe(3);
  });

  it('serves an edited FAQ without a restart, and keeps the old one when the edit is broken', async () => {
    const faqText = async () => JSON.stringify(await (await get('/api/faq')).json());
    const until = async (check: (text: string) => boolean) => {
      for (let i = 0; i < 60 && !check(await faqText()); i++) await new Promise((r) => setTimeout(r, 50));
      return faqText();
    };
    const edited = [...FAQ, { id: 'aukiolo', lang: 'fi', question: 'Milloin myymälä on auki?', answer: 'Ma–pe 10–18.' }];
    await writeFile(join(dir.dir, 'demo/faq.json'), JSON.stringify(edited));
    expect(await until((t) => t.includes('aukiolo'))).toContain('Milloin myymälä on auki?');
    await writeFile(join(dir.dir, 'demo/faq.json'), '[{"id": 1}]');
    await new Promise((r) => setTimeout(r, 500));
    expect(await faqText()).toContain('aukiolo');
  });

  it('serves a FAQ written in Markdown, and says by line what is wrong with a broken one', async () => {
    const own = await tempDir();
    const md = join(own.dir, 'faq.md');
    await writeFile(md, '# Milloin myymälä on auki?\nid: hours-fi\nkeywords: aukiolo\n\nArkisin **9–18**.\n');
    const shop = await startTestServer(own.dir, { faq: md });
    try {
      const text = await (await fetch(`${shop.url}/api/faq`)).text();
      expect(text).toContain('Milloin myymälä on auki?');
      expect(text).toContain('Arkisin **9–18**.');
    } finally {
      await shop.close();
    }
    await writeFile(md, '# Milloin myymälä on auki?\nid: hours-fi\nArkisin.\n');
    await expect(startTestServer(own.dir, { faq: md })).rejects.toThrow(/faq\.md:3: expected "id:", "lang:" or "keywords:" under the question/);
    await own.remove();
  });

  it("gives a logged-in console the team's saved replies, and nobody else", async () => {
    const own = await tempDir();
    const md = join(own.dir, 'replies.md');
    await writeFile(md, '# Tervehdys\nid: greeting-fi\n\nHei! Katson asiaasi heti.\n');
    const shop = await startTestServer(own.dir, { replies: md });
    try {
      const token = await login(shop);
      const replies = await fetch(`${shop.url}/api/replies`, { headers: { authorization: `Bearer ${token}` } });
      expect(replies.status).toBe(200);
      expect(await replies.text()).toContain('Hei! Katson asiaasi heti.');
      const refused = async (init?: RequestInit) => {
        const res = await fetch(`${shop.url}/api/replies`, init);
        return [res.status, ((await res.json()) as { error: { code: string } }).error.code];
      };
      expect(await refused()).toEqual([401, 'unauthorized']);
      expect(await refused({ headers: { authorization: 'Bearer not-a-session-token-at-all' } })).toEqual([401, 'unauthorized']);
      // Logged out: the token opens nothing any more.
      await fetch(`${shop.url}/api/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      expect(await refused({ headers: { authorization: `Bearer ${token}` } })).toEqual([401, 'unauthorized']);
    } finally {
      await shop.close();
    }
    // A site without saved replies says so, rather than failing.
    const plain = await startTestServer(own.dir);
    try {
      const res = await fetch(`${plain.url}/api/replies`, { headers: { authorization: `Bearer ${await login(plain)}` } });
      expect(await res.json()).toEqual({ bundle: null });
    } finally {
      await plain.close();
    }
    await own.remove();
  });

  it('compresses the saved replies for a console that takes brotli or gzip, as the FAQ, revalidated by ETag in its browser only', async () => {
    const own = await tempDir();
    const md = join(own.dir, 'replies.md');
    const replies = Array.from({ length: 20 }, (_, i) => `# Vastaus ${i}\nid: reply-${i}\nlang: fi\n\nHei! Katson tilauksesi ${i} tilanteen heti ja palaan asiaan.\n`).join('\n');
    await writeFile(md, replies);
    const shop = await startTestServer(own.dir, { replies: md });
    try {
      const token = await login(shop);
      const raw = (headers: Record<string, string>) =>
        new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
          request(`${shop.url}/api/replies`, { headers: { authorization: `Bearer ${token}`, ...headers } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          })
            .on('error', reject)
            .end();
        });
      const plain = await raw({ 'accept-encoding': 'identity' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString()).toContain('Katson tilauksesi 19 tilanteen');
      const br = await raw({ 'accept-encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
      expect(br.body.length).toBeLessThan(plain.body.length / 2);
      const gz = await raw({ 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
      for (const res of [plain, br, gz]) {
        // A cache must not hand one encoding to a client that asked for another, nor keep the team's words for others.
        expect(res.headers.vary).toBe('Accept-Encoding');
        expect(res.headers['cache-control']).toBe('private, no-cache');
      }
      expect(new Set([plain, br, gz].map((r) => r.headers.etag)).size).toBe(3);
      const again = await raw({ 'accept-encoding': 'gzip, deflate, br', 'if-none-match': String(br.headers.etag) });
      expect([again.status, again.body.length]).toEqual([304, 0]);
      // Without the session, no copy and no 304: the refusal, kept by nobody.
      const refused = await fetch(`${shop.url}/api/replies`, { headers: { 'if-none-match': String(br.headers.etag) } });
      expect([refused.status, refused.headers.get('cache-control')]).toEqual([401, 'no-store']);
    } finally {
      await shop.close();
    }
    await own.remove();
  });

  it("gives a logged-in console the site's report for the days it asks, and nobody else", async () => {
    const own = await tempDir();
    const shop = await startTestServer(own.dir, { faqStatsFlushMs: 20 });
    try {
      await fetch(`${shop.url}/api/faq-stats`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"kind":"shown","faqId":"toimitus"}' });
      await new Promise((r) => setTimeout(r, 100));
      const token = await login(shop);
      const report = async (query: string, auth = `Bearer ${token}`) => {
        const res = await fetch(`${shop.url}/api/report${query}`, { headers: { authorization: auth } });
        return [res.status, await res.json()] as [number, { handedOff?: number; selfService?: { shown: number }; error?: { code: string } }];
      };
      const [status, body] = await report('?days=7');
      expect(status).toBe(200);
      expect(body).toMatchObject({ handedOff: 0, selfService: { shown: 1, helped: 0, entries: [{ faqId: 'toimitus', shown: 1 }] } });
      expect((await report(''))[0]).toBe(200);
      expect(await report('?days=0')).toMatchObject([400, { error: { code: 'bad_message' } }]);
      expect(await report('?days=week')).toMatchObject([400, { error: { code: 'bad_message' } }]);
      expect(await report('?days=7', 'Bearer not-a-session-token-at-all')).toMatchObject([401, { error: { code: 'unauthorized' } }]);
    } finally {
      await shop.close();
    }
    await own.remove();
  });

  it('logs an agent in and caps the body size', async () => {
    const ok = await get('/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'demo', password: 'demo-password-123' }) });
    expect(await ok.json()).toMatchObject({ token: expect.any(String), agent: { id: 'demo', name: 'Aino (demo)' } });
    const big = await get('/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'x'.repeat(20_000), password: 'y' }) });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: 'too_large' } });
    const method = await get('/api/login');
    expect(method.status).toBe(405);
  });
});

describe('the report', () => {
  /** The console's routes with any token an agent's, answering `report` as /api/report. */
  const serving = async (report: object) => {
    const http = createHttpServer(
      createHttpHandler({
        root: dir.dir,
        demoSite: false,
        faq: () => ({ json: '{}', etag: '"x"', bodies: new Map() }),
        replies: () => null,
        sessionEnd: async () => null,
        report: async () => report,
        bodyBytes: 1024,
        login: async () => null,
        logout: async () => {},
        health: async () => ({ ok: true, checks: {} }),
        originAllowed: () => true,
        faqStat: () => true,
        unlimitedBeacons: isLoopback,
        clientAddress: (req) => req.socket.remoteAddress ?? '',
        sharedAddress: () => false,
        files: async () => false,
        log: () => {},
      }),
    );
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const get = (acceptEncoding: string) =>
      new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/report?days=30`;
        request(url, { headers: { authorization: `Bearer ${'t'.repeat(32)}`, 'accept-encoding': acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        })
          .on('error', reject)
          .end();
      });
    return { get, close: () => new Promise<void>((resolve) => http.close(() => resolve())) };
  };

  it('is compressed for a console that takes brotli or gzip, as the FAQ and the replies are', async () => {
    // A site with a large FAQ and team: a line for each entry, and for each agent.
    const report = {
      handedOff: 412,
      selfService: { shown: 9000, helped: 3100, entries: Array.from({ length: 150 }, (_, i) => ({ faqId: `kysymys-${i}`, shown: 60 + i, helped: 20 + (i % 7), notHelped: i % 5 })) },
      agents: Array.from({ length: 30 }, (_, i) => ({ id: `agent-${i}`, name: `Agentti ${i}`, conversations: 10 + i, wait: { median: 40_000 + i, p90: 190_000 + i, count: 10 + i } })),
    };
    const server = await serving(report);
    try {
      const plain = await server.get('identity');
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(plain.body.toString())).toEqual(report);
      const br = await server.get('gzip, deflate, br');
      expect([br.status, br.headers['content-encoding']]).toEqual([200, 'br']);
      expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
      expect(br.body.length).toBeLessThan(plain.body.length / 4);
      expect(Number(br.headers['content-length'])).toBe(br.body.length);
      const gz = await server.get('gzip');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
      expect((await server.get('br;q=0, gzip;q=0')).headers['content-encoding']).toBeUndefined();
      // A cache must not hand one encoding to a client that asked for another.
      for (const res of [plain, br, gz]) expect(res.headers.vary).toBe('Accept-Encoding');
    } finally {
      await server.close();
    }
  });

  it('is sent as it is when it is too small to gain', async () => {
    const server = await serving({ handedOff: 0 });
    try {
      const res = await server.get('gzip, deflate, br');
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.body.toString()).toBe('{"handedOff":0}');
      expect(res.headers.vary).toBe('Accept-Encoding');
    } finally {
      await server.close();
    }
  });
});

describe('logins', () => {
  const open: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of open) await close();
  });
  /**
   * The API behind a reverse proxy on this host, trusted to name its clients when `trusted`, on a
   * clock the test moves (scrypt's time on a loaded machine would refill the buckets); the right
   * password is `right`.
   */
  const behindProxy = async (trusted: boolean, logged: unknown[] = []) => {
    let clock = 1_000_000;
    const http = createHttpServer(
      createHttpHandler({
        root: dir.dir,
        demoSite: false,
        faq: () => ({ json: '{}', etag: '"x"', bodies: new Map() }),
        replies: () => null,
        sessionEnd: async () => 'expired' as const,
        report: async () => ({}),
        bodyBytes: 1024,
        login: async (login, password) => (password === 'right' ? { token: 't', agent: { id: login, name: login } } : null),
        logout: async () => {},
        health: async () => ({ ok: true, checks: {} }),
        originAllowed: () => true,
        faqStat: () => true,
        unlimitedBeacons: isLoopback,
        clientAddress: (req) => clientAddress(req.socket.remoteAddress ?? '', req.headers['x-forwarded-for'], trusted ? trustLoopback() : undefined),
        sharedAddress: (req) => !trusted && req.headers['x-forwarded-for'] !== undefined,
        files: async () => false,
        log: (entry) => logged.push(entry),
        now: () => clock,
      }),
    );
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    open.push(() => new Promise((resolve) => http.close(() => resolve())));
    const attempt = (client: string, password: string, as = 'demo') =>
      fetch(`http://127.0.0.1:${(http.address() as AddressInfo).port}/api/login`, {
        method: 'POST',
        // As nginx's `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for` sends it.
        headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
        body: JSON.stringify({ login: as, password }),
      });
    return { attempt, tick: (ms: number) => void (clock += ms) };
  };

  it('are limited per client behind a trusted proxy: one client guessing does not keep the agents out', async () => {
    const shop = await behindProxy(true);
    // Ten wrong passwords (at as many logins), all from one IPv6 subscriber, each from another address of its /64.
    const guesses = [];
    for (let i = 1; i <= 11; i++) guesses.push((await shop.attempt(`2001:db8:7:7::${i}`, 'wrong', `agent${i}`)).status);
    expect(guesses).toEqual([...Array(10).fill(401), 429]);
    expect((await shop.attempt('198.51.100.20', 'right')).status).toBe(200);
  });

  it('too many from one address are answered in words about logins, not the socket\'s about frames', async () => {
    const shop = await behindProxy(true);
    for (let i = 1; i <= 10; i++) await shop.attempt('198.51.100.30', 'wrong', `agent${i}`);
    const refused = await shop.attempt('198.51.100.30', 'wrong', 'agent11');
    expect([refused.status, refused.headers.get('retry-after'), await refused.json()]).toEqual([429, '1', { error: { code: 'rate_limited', message: 'Too many logins from this address; try again in 1 s.' } }]);
  });

  it('take no X-Forwarded-For unless told to trust the proxy: a client cannot pick its own bucket', async () => {
    const shop = await behindProxy(false);
    const statuses = [];
    for (let i = 1; i <= 11; i++) statuses.push((await shop.attempt(`198.51.100.${i}`, 'wrong', `agent${i}`)).status);
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
  });

  it('slow guesses at one login from many addresses, and let its agent in from where they logged in before', async () => {
    const shop = await behindProxy(true);
    expect((await shop.attempt('203.0.113.5', 'right')).status).toBe(200);
    const statuses = [];
    for (let i = 1; i <= 12; i++) statuses.push((await shop.attempt(`198.51.100.${i}`, `guess-${i}`)).status);
    // Five answered, then the login waits: the rest are refused without their passwords being tried.
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
    const refused = await shop.attempt('198.51.100.99', 'right');
    expect([refused.status, refused.headers.get('retry-after'), await refused.json()]).toEqual([429, '1', { error: { code: 'rate_limited', message: expect.stringMatching(/this login/) } }]);
    // Once the wait is over, one more try, and a longer wait.
    shop.tick(1000);
    expect((await shop.attempt('198.51.100.13', 'guess-13')).status).toBe(401);
    expect((await shop.attempt('198.51.100.14', 'guess-14')).headers.get('retry-after')).toBe('2');
    expect((await shop.attempt('203.0.113.5', 'right')).status).toBe(200);
  });

  it('guessed at are told of in the log once, when the waits start: the login, how many, where from to its network, never a password', async () => {
    const logged: unknown[] = [];
    const shop = await behindProxy(true, logged);
    for (let i = 1; i <= 12; i++) {
      await shop.attempt(`198.51.100.${i}`, `hunter-${i}`);
      shop.tick(10_000);
    }
    // Waits over, still guessing: the same run of tries, no new line.
    shop.tick(60_000);
    expect((await shop.attempt('198.51.100.77', 'hunter-77')).status).toBe(401);
    expect(logged).toEqual(['Login "demo": 5 wrong passwords in 40 s; answering with waits of up to 30 s (latest from 198.51.100.0/24)']);
    // Another login, from IPv6, in the same minute: counted, not printed (log-repeats.ts), so made-up logins cannot flood the log.
    for (let i = 1; i <= 5; i++) await shop.attempt(`2001:db8:aa:bb::${i}`, `hunter-${i}`, 'eero');
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged)).not.toMatch(/hunter/);
  });

  it('guessed at are told of with the address shortened to its /48 for IPv6, and a login with odd characters quoted', async () => {
    const logged: unknown[] = [];
    const shop = await behindProxy(true, logged);
    for (let i = 1; i <= 5; i++) await shop.attempt(`2001:db8:aa:bb::${i}`, 'x', 'ee\nro');
    expect(logged).toEqual(['Login "ee\\nro": 5 wrong passwords in 0 s; answering with waits of up to 30 s (latest from 2001:db8:aa::/48)']);
  });
});

describe('bodies that are JSON but not an object', () => {
  it('answers a login of null, a number, a string or a list with 400 bad_message, and logs nothing', async () => {
    const own = await tempDir();
    const logged: unknown[] = [];
    const shop = await createServer(await testConfig(own.dir), { log: (e) => logged.push(e), info: () => {} });
    try {
      for (const body of ['null', '5', '"demo"', '[]', '{"login": null, "password": "x"}']) {
        const res = await fetch(`${shop.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        expect({ body, status: res.status, answer: await res.json() }).toMatchObject({ body, status: 400, answer: { error: { code: 'bad_message' } } });
      }
      const beacon = await fetch(`${shop.url}/api/faq-stats`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'null' });
      expect(beacon.status).toBe(400);
      expect(logged.map(String)).toEqual([]);
    } finally {
      await shop.close();
      await own.remove();
    }
  });
});

describe('health', () => {
  it('answers a load balancer 200 while the store works, saying whether the bus does, and 503 when the store does not', async () => {
    const res = await get('/api/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ ok: true, checks: { store: 'ok', bus: 'ok' } });

    // A server whose Redis connection is down: it still serves (a Redis outage must not take
    // every server out of rotation at once); then its database stops answering too.
    const other = await tempDir();
    const store = openSqliteStore(':memory:');
    let database = true;
    const bus = { ...createMemoryBus(), healthy: () => false };
    const ping = () => (database ? store.ping() : Promise.reject(new Error('gone')));
    const sick = await createServer(await testConfig(other.dir), { store: { ...store, ping }, bus, log: () => {}, info: () => {} });
    try {
      const cutOff = await fetch(`${sick.url}/api/health`);
      expect(cutOff.status).toBe(200);
      expect(await cutOff.json()).toEqual({ ok: true, checks: { store: 'ok', bus: 'unreachable' } });
      database = false;
      const answer = await fetch(`${sick.url}/api/health`);
      expect(answer.status).toBe(503);
      expect(await answer.json()).toEqual({ ok: false, checks: { store: 'unreachable', bus: 'unreachable' } });
    } finally {
      await sick.close();
      await other.remove();
    }
  });
});

describe('FAQ answer beacons', () => {
  it('counts the answers widgets showed and that helped, from allowed origins only, and says what is wrong with anything else', async () => {
    const own = await tempDir();
    const config = await testConfig(own.dir, { origins: ['https://shop.example'] });
    const shop = await createServer(config, { log: () => {}, info: () => {} });
    const today = new Date().toISOString().slice(0, 10);
    try {
      // As the widget's fetch sends a string: text/plain, from the page's origin.
      const beacon = (body: string, headers: Record<string, string> = {}) =>
        fetch(`${shop.url}/api/faq-stats`, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://shop.example', ...headers }, body });
      const refused = async (res: Response) => [res.status, ((await res.json()) as { error: { code: string } }).error.code];
      for (const kind of ['shown', 'shown', 'helped']) {
        const res = await beacon(JSON.stringify({ kind, faqId: 'toimitus' }));
        expect(res.status).toBe(204);
        // A CORS answer the widget may read: no error in the page's console.
        expect(res.headers.get('access-control-allow-origin')).toBe('*');
      }
      expect(await refused(await beacon(JSON.stringify({ kind: 'shown', faqId: 'toimitus' }), { origin: 'https://evil.example' }))).toEqual([403, 'origin_not_allowed']);
      expect(await refused(await beacon(JSON.stringify({ kind: 'shown', faqId: 'no-such-entry' })))).toEqual([400, 'unknown_faq_entry']);
      expect(await refused(await beacon(JSON.stringify({ kind: 'liked', faqId: 'toimitus' })))).toEqual([400, 'bad_message']);
      expect(await refused(await beacon('shown toimitus'))).toEqual([400, 'bad_json']);
      expect(await refused(await beacon('x'.repeat(1000)))).toEqual([413, 'too_large']);
      expect(await refused(await fetch(`${shop.url}/api/faq-stats`))).toEqual([405, 'bad_message']);
    } finally {
      await shop.close();
    }
    expect(await maintenanceFor({ data: config.data }).faqStats(today)).toEqual([{ faqId: 'toimitus', shown: 2, helped: 1 }]);
    await own.remove();
  });

  it('cuts a flood from one address off before it inflates the counts much, except from a proxy on the same host', async () => {
    const counted: FaqStat[] = [];
    const serve = async (unlimitedBeacons: (address: string) => boolean) => {
      const handler = createHttpHandler({
        root: dir.dir,
        demoSite: false,
        faq: () => ({ json: '{}', etag: '"x"', bodies: new Map() }),
        replies: () => null,
        sessionEnd: async () => 'expired' as const,
        report: async () => ({}),
        bodyBytes: 1024,
        login: async () => null,
        logout: async () => {},
        health: async () => ({ ok: true, checks: {} }),
        originAllowed: () => true,
        faqStat: (stat) => (counted.push(stat), true),
        unlimitedBeacons,
        clientAddress: (req) => req.socket.remoteAddress ?? '',
        sharedAddress: () => false,
        files: async () => false,
        log: () => {},
      });
      const http = createHttpServer(handler);
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      const flood = await Promise.all(
        Array.from({ length: 40 }, () =>
          fetch(`http://127.0.0.1:${(http.address() as AddressInfo).port}/api/faq-stats`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"kind":"shown","faqId":"a"}' }).then(async (r) => {
            // Said as what it is, not the socket's "Too many frames".
            if (r.status === 429) expect((await r.json()).error.message).toMatch(/^Too many FAQ figures from this address/);
            return r.status;
          }),
        ),
      );
      await new Promise((resolve) => http.close(resolve));
      return flood;
    };
    const limited = await serve(() => false);
    // The burst of 30 goes through; the bucket refills at one every 2 s.
    const through = limited.filter((s) => s === 204).length;
    expect(through).toBeGreaterThanOrEqual(30);
    expect(through).toBeLessThanOrEqual(32);
    expect(limited.filter((s) => s === 429)).toHaveLength(40 - through);
    expect(await serve(isLoopback)).toEqual(Array(40).fill(204));
    expect(counted).toHaveLength(through + 40);
  });
});
