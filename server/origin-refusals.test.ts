// A page's origin on the visitor socket behind a proxy: the server's own pages by the Host they
// were sent to, and a refused site told of once, with what to fix, in the log and the answer.
import { request } from 'node:http';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createServer, type RunningServer } from './app';
import { connect, isType, PAGE, tempDir, testConfig } from './test-support';

let dir: { dir: string; remove(): Promise<void> };
let server: RunningServer;
let told: string[];

beforeEach(async () => {
  dir = await tempDir();
  told = [];
  server = await createServer(await testConfig(dir.dir, { origins: ['https://shop.example'] }), { log: () => {}, info: (line) => told.push(line) });
});
afterEach(async () => {
  await server.close();
  await dir.remove();
});

/** A visitor socket's upgrade as a browser behind nginx sends it: its status, and the body of a refusal. */
function upgrade(origin: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/ws/visitor`, {
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', Origin: origin, Host: host },
    });
    req.on('upgrade', (_res, socket) => (socket.destroy(), resolve({ status: 101, body: '' })));
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

it("lets in the server's own pages reached through a proxy, by the Host they were sent to, not other sites", async () => {
  expect((await upgrade('https://chat.example', 'chat.example')).status).toBe(101);
  // nginx's $host drops the port the browser wrote.
  expect((await upgrade('https://chat.example:8443', 'chat.example')).status).toBe(101);
  expect((await upgrade('https://chat.example:8443', 'chat.example:8443')).status).toBe(101);
  expect((await upgrade('https://evil.example', 'chat.example')).status).toBe(403);
  expect((await upgrade('https://chat.example:8443', 'chat.example:9443')).status).toBe(403);
  expect((await upgrade('https://shop.example', 'chat.example')).status).toBe(101);
});

it('tells the operator of a refused origin once, with what to fix, and the page in its answer', async () => {
  const first = await upgrade('https://www.shop.example', 'chat.example');
  expect(first.status).toBe(403);
  expect(first.body).toContain('https://www.shop.example');
  expect(first.body).toContain("add it to the server's --origin");
  // Which origins are allowed is the operator's to read, not every page's.
  expect(first.body).not.toContain('https://shop.example');
  expect((await upgrade('https://www.shop.example', 'chat.example')).status).toBe(403);
  expect(told).toEqual([
    'Visitor refused from https://www.shop.example: not an allowed origin (--origin https://shop.example); if the widget is on that site, add it to --origin.',
  ]);
});

it('tells a sandboxed iframe or file:// page (Origin: null) why it cannot be let in, not to add null to --origin', async () => {
  const refused = await upgrade('null', 'chat.example');
  expect(refused.status).toBe(403);
  expect(refused.body).not.toContain('add it to');
  expect(refused.body).toContain('a sandboxed iframe or a file:// page, which any site can make, so it cannot be allowed');
});

/** A POST from the server's own page reached through a proxy: its status. */
function post(path: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method: 'POST', headers: { Origin: 'https://chat.example', Host: 'chat.example', ...headers } });
    req.on('response', (res) => (res.resume(), resolve(res.statusCode ?? 0)));
    req.on('error', reject);
    req.end(body);
  });
}

it("takes FAQ figures and files from the server's own pages reached through a proxy", async () => {
  expect(await post('/api/faq-stats', { 'Content-Type': 'text/plain' }, JSON.stringify({ kind: 'shown', faqId: 'toimitus' }))).toBe(204);
  const visitor = await connect(server, '/ws/visitor');
  visitor.send({ type: 'hello', lang: 'fi', page: PAGE });
  const { token } = await visitor.next(isType('welcome'));
  visitor.close();
  // Past the origin check (403) to the next one: the file's client id is missing.
  expect(await post('/api/files', { Authorization: `Bearer ${token}` }, 'x')).toBe(400);
});
