// Files a visitor sends: over HTTP into the conversation, to the agent, and back only to those
// who may see them, from a real server with real sockets.
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FILES_PATH, type AgentServerMessage, type FileSent, type VisitorServerMessage } from '../protocol';
import type { RunningServer } from './app';
import { parseTrustProxy, type TrustProxy } from './client-address';
import type { ServerConfig } from './config';
import { DEFAULTS, type UploadLimits } from './defaults';
import { createFileRoutes } from './files-http';
import { HttpError } from './http-kit';
import { isLoopback } from './ip-limits';
import { connect, deferred, isType, login, PAGE, startTestServer, tempDir, type TestClient } from './test-support';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR the rest of a photo')]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n');

let dir: { dir: string; remove(): Promise<void> };
let server: RunningServer;
const open: { close(): void }[] = [];
beforeEach(async () => {
  dir = await tempDir();
  server = await startTestServer(dir.dir, { origins: ['https://kauppa.example'] });
});
afterEach(async () => {
  for (const client of open.splice(0)) client.close();
  await server.close();
  await dir.remove();
});

/** A visitor on the site: its token, and (unless `handOff` is false) its conversation with a person. */
async function visitor(handOff = true) {
  const client: TestClient<VisitorServerMessage> = await connect(server, '/ws/visitor', 'https://kauppa.example');
  open.push(client);
  client.send({ type: 'hello', lang: 'fi', page: PAGE });
  const { token } = await client.next(isType('welcome'));
  let conversationId = '';
  if (handOff) {
    client.send({ type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [] });
    ({ conversationId } = (await client.next(isType('ack'))) as { conversationId: string });
  }
  return { client, token, conversationId };
}

async function agent() {
  const token = await login(server);
  const client: TestClient<AgentServerMessage> = await connect(server, '/ws/agent');
  open.push(client);
  client.send({ type: 'hello', token });
  await client.next(isType('welcome'));
  return { client, token };
}

const upload = (token: string, body: Buffer, { id = 'p1', name = 'sohva kuva.png', origin = 'https://kauppa.example', conversation = '', client = '' } = {}) =>
  fetch(`${server.url}${FILES_PATH}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`, 'x-kohtaamo-id': id, 'x-kohtaamo-name': encodeURIComponent(name), 'content-type': 'application/octet-stream',
      // The console is the server's own page: the tests send its requests without an Origin, as Node does.
      ...(origin ? { origin } : {}),
      ...(conversation ? { 'x-kohtaamo-conversation': conversation } : {}),
      // As a reverse proxy on this host names the client (with --trust-proxy loopback).
      ...(client ? { 'x-forwarded-for': client } : {}),
    },
    body: new Uint8Array(body),
  });
const download = (id: string, token?: string, origin?: string) =>
  fetch(`${server.url}${FILES_PATH}/${id}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(origin ? { origin } : {}) } });
const refusal = async (response: Response) => [response.status, ((await response.json()) as { error: { code: string } }).error.code];

describe('files a visitor sends', () => {
  it('reach the agent as an event, once, and go back only to that visitor and to agents, served so no browser runs them', async () => {
    const { token, conversationId } = await visitor();
    const { client: a, token: agentToken } = await agent();
    a.send({ type: 'claim', id: 'k1', conversationId });
    await a.next(isType('ack'));
    const response = await upload(token, PNG);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://kauppa.example');
    const sent = (await response.json()) as FileSent;
    expect(sent).toMatchObject({ conversationId, seq: 3, fileId: expect.stringMatching(/^f_/) });
    const frame = await a.next((f): f is Extract<AgentServerMessage, { type: 'events' }> => f.type === 'events' && f.events.some((e) => e.body.kind === 'file'));
    expect(frame.events.at(-1)).toMatchObject({ seq: 3, id: 'p1', role: 'visitor', body: { kind: 'file', fileId: sent.fileId, name: 'sohva kuva.png', type: 'image/png', size: PNG.length } });

    // A resend (the visitor's network dropped the answer) is the same file, stored once.
    expect(await (await upload(token, PNG)).json()).toEqual(sent);

    const asAgent = await download(sent.fileId, agentToken);
    expect(asAgent.status).toBe(200);
    expect(Buffer.from(await asAgent.arrayBuffer()).equals(PNG)).toBe(true);
    expect(Object.fromEntries(['content-type', 'content-disposition', 'content-security-policy', 'x-content-type-options', 'cache-control'].map((h) => [h, asAgent.headers.get(h)]))).toEqual({
      'content-type': 'image/png',
      'content-disposition': "inline; filename*=UTF-8''sohva%20kuva.png",
      'content-security-policy': "default-src 'none'; sandbox",
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    expect((await download(sent.fileId, token)).status).toBe(200);
    const { token: stranger } = await visitor(false);
    expect(await refusal(await download(sent.fileId, stranger))).toEqual([404, 'not_found']);
    expect(await refusal(await download(sent.fileId))).toEqual([401, 'unauthorized']);
    expect(await refusal(await download('f_nothing', agentToken))).toEqual([404, 'not_found']);
    // A session that ran out (or a token that was never one) is told to log in again, not that the
    // file is gone, and whether the file exists or not.
    expect(await refusal(await download(sent.fileId, 'x'.repeat(32)))).toEqual([401, 'unauthorized']);
    expect(await refusal(await download('f_nothing', 'x'.repeat(32)))).toEqual([401, 'unauthorized']);
  });

  it('send a PDF as a download, never to be opened in the console', async () => {
    const { token } = await visitor();
    const sent = (await (await upload(token, PDF, { name: 'kuitti.pdf' })).json()) as FileSent;
    const file = await download(sent.fileId, token);
    expect([file.headers.get('content-type'), file.headers.get('content-disposition')]).toEqual(['application/pdf', "attachment; filename*=UTF-8''kuitti.pdf"]);
  });

  it('are refused, saying why, when they are not what they claim, too big, unaddressed or from elsewhere', async () => {
    const { token } = await visitor();
    const page = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');
    expect(await refusal(await upload(token, page, { name: 'kuva.jpg' }))).toEqual([415, 'bad_file']);
    expect(await refusal(await upload(token, Buffer.alloc(10 * 1024 * 1024 + 1, 0xff)))).toEqual([413, 'too_large']);
    expect(await refusal(await upload('x'.repeat(32), PNG))).toEqual([401, 'unauthorized']);
    expect(await refusal(await upload(token, PNG, { id: 'not an id' }))).toEqual([400, 'bad_message']);
    const garbled = await fetch(`${server.url}${FILES_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-kohtaamo-id': 'p3', 'x-kohtaamo-name': '%E0%A4%A', origin: 'https://kauppa.example' },
      body: new Uint8Array(PNG),
    });
    expect(await refusal(garbled)).toEqual([400, 'bad_message']);
    expect(await refusal(await upload(token, PNG, { origin: 'https://evil.example' }))).toEqual([403, 'origin_not_allowed']);
    const { token: browsing } = await visitor(false);
    expect(await refusal(await upload(browsing, PNG))).toEqual([409, 'no_conversation']);
  });

  it("let the site's pages ask first (CORS), and only the site's", async () => {
    const ask = (origin: string) => fetch(`${server.url}${FILES_PATH}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,x-kohtaamo-id,x-kohtaamo-name' } });
    const allowed = await ask('https://kauppa.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://kauppa.example');
    expect(allowed.headers.get('access-control-allow-headers')).toBe('authorization, content-type, x-kohtaamo-id, x-kohtaamo-name');
    expect((await ask('https://evil.example')).status).toBe(403);
  });

  it('are limited to a few at once per visitor', async () => {
    const { token } = await visitor();
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push((await upload(token, PNG, { id: `p${i}` })).status);
    expect(answers).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });

  it("from the agent who has the conversation reach its visitor, who fetches them from the site's page", async () => {
    const { client: v, token, conversationId } = await visitor();
    const { client: a, token: agentToken } = await agent();
    // Not theirs yet: refused.
    expect(await refusal(await upload(agentToken, PDF, { name: 'palautuslappu.pdf', conversation: conversationId, origin: '' }))).toEqual([409, 'not_assigned']);
    a.send({ type: 'claim', id: 'k1', conversationId });
    await a.next(isType('ack'));
    // The console is this server's own page, which the site's list of origins leaves out: its token is what counts.
    const answer = await upload(agentToken, PDF, { id: 'a1', name: 'palautuslappu.pdf', conversation: conversationId, origin: server.url });
    expect(answer.status).toBe(200);
    const sent = (await answer.json()) as FileSent;
    const asAgent = await download(sent.fileId, agentToken, server.url);
    expect(asAgent.status).toBe(200);
    const frame = await v.next((f): f is Extract<VisitorServerMessage, { type: 'events' }> => f.type === 'events' && f.events.some((e) => e.body.kind === 'file'));
    expect(frame.events.at(-1)).toMatchObject({ id: 'a1', role: 'agent', name: 'Aino (demo)', body: { kind: 'file', fileId: sent.fileId, name: 'palautuslappu.pdf', type: 'application/pdf' } });
    // The widget asks from the site's page, another origin: its browser asks first, then reads the answer.
    const asked = await fetch(`${server.url}${FILES_PATH}/${sent.fileId}`, { method: 'OPTIONS', headers: { origin: 'https://kauppa.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    expect([asked.status, asked.headers.get('access-control-allow-methods'), asked.headers.get('access-control-allow-origin')]).toEqual([204, 'GET', 'https://kauppa.example']);
    const got = await download(sent.fileId, token, 'https://kauppa.example');
    expect([got.status, got.headers.get('access-control-allow-origin')]).toEqual([200, 'https://kauppa.example']);
    expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true);
    // A visitor's token cannot post into a conversation by naming it.
    expect(await refusal(await upload(token, PDF, { conversation: conversationId }))).toEqual([401, 'unauthorized']);
    expect(await refusal(await download(sent.fileId, token, 'https://evil.example'))).toEqual([403, 'origin_not_allowed']);
  });

  it('are stored under a name ending in the type their bytes say: a PDF called kuitti.html is not saved as a page', async () => {
    const { token } = await visitor();
    const polyglot = Buffer.from('%PDF-1.7\n<html><body><form action="https://evil.example/">…</form><script>/* runs */</script>');
    const sent = (await (await upload(token, polyglot, { name: 'kuitti.html' })).json()) as FileSent;
    expect((await download(sent.fileId, token)).headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''kuitti.html.pdf");
    // So from an agent too; a name already of its type stays as it is.
    const { client, token: agentToken } = await agent();
    const { conversationId } = await visitor();
    client.send({ type: 'claim', id: 'k1', conversationId });
    await client.next(isType('ack'));
    const label = (await (await upload(agentToken, PNG, { id: 'a1', name: 'palautus.PNG.exe', origin: '', conversation: conversationId })).json()) as FileSent;
    const photo = (await (await upload(agentToken, PNG, { id: 'a2', name: 'sohva.PNG', origin: '', conversation: conversationId })).json()) as FileSent;
    const names = await Promise.all([label, photo].map(async (f) => (await download(f.fileId, agentToken)).headers.get('content-disposition')));
    expect(names).toEqual(["inline; filename*=UTF-8''palautus.PNG.exe.png", "inline; filename*=UTF-8''sohva.PNG"]);
  });

  it("take a phone's long or odd name as a name to show, rather than refuse the photo", async () => {
    const { token } = await visitor();
    const long = `${'IMG_20261124_'.repeat(20)}\u0007.png`;
    const sent = (await (await upload(token, PNG, { name: long })).json()) as FileSent;
    const saved = await download(sent.fileId, token, 'https://kauppa.example');
    const name = decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(saved.headers.get('content-disposition') ?? '')?.[1] ?? '');
    expect(name.length).toBeLessThanOrEqual(200);
    expect(name).toMatch(/^IMG_20261124_.*\.png$/);
    expect(name).not.toContain('\u0007');
    // Nothing left of it: still sent, as "file".
    const blank = (await (await upload(token, PNG, { id: 'p2', name: '   ' })).json()) as FileSent;
    expect((await download(blank.fileId, token, 'https://kauppa.example')).headers.get('content-disposition')).toBe("inline; filename*=UTF-8''file.png");
  });
});

/** The test server again, behind a trusted proxy on this host, with these upload limits. */
async function restartWith(uploads: Partial<UploadLimits>) {
  await server.close();
  const overrides: Partial<ServerConfig> = { origins: ['https://kauppa.example'], trustProxy: parseTrustProxy('loopback') as TrustProxy, uploads: { ...DEFAULTS.uploads, ...uploads } };
  server = await startTestServer(dir.dir, overrides);
}

describe('files from one address', () => {
  it('are limited per client address too: visitors made afresh do not bring fresh allowances', async () => {
    await restartWith({ perAddress: { perSecond: 0.001, burst: 3 } });
    const statuses = [];
    // As the flood came: a new visitor for each file, all from one machine.
    for (let i = 0; i < 4; i++) statuses.push((await upload((await visitor()).token, PNG, { client: '198.51.100.7' })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    // Another address of the same IPv6 subscriber is the same client; another machine is not.
    const { token } = await visitor();
    expect((await upload(token, PNG, { client: '2001:db8:1:1::1' })).status).toBe(200);
    expect((await upload(token, PNG, { id: 'p2', client: '2001:db8:1:1::2' })).status).toBe(200);
    expect((await upload(token, PNG, { id: 'p3', client: '2001:db8:1:1::3' })).status).toBe(200);
    expect(await refusal(await upload(token, PNG, { id: 'p4', client: '2001:db8:1:1::4' }))).toEqual([429, 'rate_limited']);
    expect((await upload(token, PNG, { id: 'p5', client: '203.0.113.1' })).status).toBe(200);
  });

  it('stop when their conversation holds the most it takes, saying so, and when the address has sent its day', async () => {
    await restartWith({ conversationBytes: 3 * PNG.length, addressBytesPerDay: 5 * PNG.length });
    const { token } = await visitor();
    const first = [];
    for (let i = 0; i < 3; i++) first.push((await upload(token, PNG, { id: `p${i}`, client: '198.51.100.7' })).status);
    expect(first).toEqual([200, 200, 200]);
    // Said as a full conversation, not as a file too large: the file is well under 10 MB.
    const full = await upload(token, PNG, { id: 'p3', client: '198.51.100.7' });
    expect(full.status).toBe(413);
    expect(((await full.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'conversation_full', message: expect.stringMatching(/conversation/) });
    // Full is full, for a resend too: it is refused before its bytes are read (a stored one's event reached the widget anyway).
    expect(await refusal(await upload(token, PNG, { id: 'p0', client: '198.51.100.7' }))).toEqual([413, 'conversation_full']);
    // A new conversation has room; the address has 2 of its 5 left today.
    const other = await visitor();
    const day = [];
    for (let i = 0; i < 2; i++) day.push((await upload(other.token, PNG, { id: `q${i}`, client: '198.51.100.7' })).status);
    expect(day).toEqual([200, 200]);
    // Said as the day's quota, not as too many at once: waiting a moment would not help.
    const spent = await upload(other.token, PNG, { id: 'q2', client: '198.51.100.7' });
    expect(((await spent.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'daily_quota', message: expect.stringMatching(/today/) });
    expect(spent.status).toBe(429);
    expect((await upload(other.token, PNG, { id: 'q3', client: '203.0.113.1' })).status).toBe(200);
  });
});

describe('uploads under way', () => {
  /** The upload routes alone, with a store that answers when told to: which uploads are in is known exactly. */
  async function routes(limits: Partial<UploadLimits>) {
    const asked: { visitorId: string; go: () => void }[] = [];
    const files = createFileRoutes({
      visitorOf: async (token) => token,
      agentOf: async () => null,
      send: async (_visitor, clientId, file) => ({ ok: true, conversationId: 'c1', seq: 1, fileId: file.id }),
      sendAsAgent: async () => ({ ok: false, code: 'not_found' }),
      file: async () => null,
      originAllowed: () => true,
      newFileId: () => 'f1',
      // Called once an upload holds its place: it waits there until the test lets it go on.
      openConversationId: (visitorId) => new Promise((resolve) => asked.push({ visitorId, go: () => resolve(null) })),
      fileBytes: async () => 0,
      clientAddress: (req: IncomingMessage) => String(req.headers['x-forwarded-for']),
      unlimitedAddress: isLoopback,
      limits: { ...DEFAULTS.uploads, ...limits },
    });
    const http = createHttpServer((req, res) => {
      files(req, res, FILES_PATH).catch((error: unknown) => {
        const known = error instanceof HttpError ? error : new HttpError(500, 'internal');
        res.writeHead(known.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: known.code } }));
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    defer(() => new Promise((resolve) => http.close(resolve)));
    const post = (visitor: string, client: string) =>
      fetch(`http://127.0.0.1:${(http.address() as AddressInfo).port}${FILES_PATH}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${visitor}`, 'x-kohtaamo-id': 'p1', 'x-kohtaamo-name': 'kuva.png', 'x-forwarded-for': client },
        body: new Uint8Array(PNG),
      });
    return { asked, post };
  }
  const defer = deferred();

  it('are capped per address and in the whole server, and a place is free again once its file is in', async () => {
    const { asked, post } = await routes({ concurrentPerAddress: 2, concurrent: 3 });
    const held = [post('v1', '198.51.100.7'), post('v2', '198.51.100.7')];
    await vi.waitFor(() => expect(asked).toHaveLength(2));
    const third = await post('v3', '198.51.100.7');
    expect([third.status, third.headers.get('retry-after'), await third.json()]).toEqual([429, '5', { error: { code: 'rate_limited' } }]);
    // Another address takes the server's last place; then the server is full, for everyone.
    held.push(post('v4', '203.0.113.1'));
    await vi.waitFor(() => expect(asked).toHaveLength(3));
    expect((await post('v5', '203.0.113.2')).status).toBe(429);
    asked[0]!.go();
    expect((await held[0]!).status).toBe(200);
    const next = post('v6', '203.0.113.2');
    await vi.waitFor(() => expect(asked).toHaveLength(4));
    for (const a of asked.slice(1)) a.go();
    expect(await Promise.all([...held.slice(1), next].map(async (r) => (await r).status))).toEqual([200, 200, 200]);
  });
});

describe('uploads that stall', () => {
  /**
   * An upload over a raw connection, as an attacker sends it: a body of `declared` bytes of which
   * `body` comes now and the rest (`trickle`) a piece at a time. Resolves with what it was answered.
   */
  function rawUpload(token: string, client: string, { id = 's1', declared = 2000, body = PNG.subarray(0, 4), trickle = { piece: 0, everyMs: 0 } } = {}) {
    const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1');
    open.push({ close: () => socket.destroy() });
    socket.on('error', () => {});
    socket.write(
      `POST ${FILES_PATH} HTTP/1.1\r\nHost: kohtaamo.example\r\nOrigin: https://kauppa.example\r\nX-Forwarded-For: ${client}\r\n` +
        `Authorization: Bearer ${token}\r\nX-Kohtaamo-Id: ${id}\r\nX-Kohtaamo-Name: kuva.png\r\nContent-Length: ${declared}\r\nConnection: close\r\n\r\n`,
    );
    socket.write(body);
    let sent = body.length;
    if (trickle.piece > 0) {
      const timer = setInterval(() => {
        const piece = Math.min(trickle.piece, declared - sent);
        if (piece <= 0 || socket.destroyed) return void clearInterval(timer);
        socket.write(Buffer.alloc(piece));
        sent += piece;
      }, trickle.everyMs);
      socket.once('close', () => clearInterval(timer));
    }
    let answer = '';
    socket.on('data', (data) => (answer += data.toString()));
    return new Promise<{ status: number; body: unknown }>((resolve) =>
      socket.once('close', () => resolve({ status: Number(/^HTTP\/1.1 (\d+)/.exec(answer)?.[1] ?? 0), body: JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4) || 'null') })),
    );
  }

  it("are cut within seconds, told 408, and their places go to a real customer's photo", async () => {
    // The customer's tries while the places are taken do not use up their allowance (5 at once by default).
    await restartWith({ concurrent: 2, concurrentPerAddress: 2, minRate: { bytesPerSecond: 1000, graceMs: 500 }, perSender: { perSecond: 1, burst: 50 } });
    const { token } = await visitor();
    const customer = await visitor();
    // 4 bytes of a declared 2,000, then nothing, from two addresses: every place the server has for visitors.
    const started = Date.now();
    const stalled = [rawUpload(token, '203.0.113.1', { id: 's1' }), rawUpload(token, '203.0.113.2', { id: 's2' })];
    await vi.waitFor(async () => expect((await upload(customer.token, PNG, { id: 'c0', client: '198.51.100.7' })).status).toBe(429), { interval: 20 });
    const answers = await Promise.all(stalled);
    expect(Date.now() - started).toBeLessThan(3_000);
    for (const answer of answers) expect(answer).toEqual({ status: 408, body: { error: { code: 'too_slow', message: expect.stringMatching(/slow/) } } });
    expect((await upload(customer.token, PNG, { id: 'c1', client: '198.51.100.7' })).status).toBe(200);
  });

  it('are not cut while the body keeps to the slowest pace taken, however long it takes', async () => {
    await restartWith({ minRate: { bytesPerSecond: 1000, graceMs: 500 } });
    const { token } = await visitor();
    // 1.5 times the pace, for about twice the grace: a phone on a poor connection.
    const answer = await rawUpload(token, '198.51.100.7', { declared: PNG.length + 1500, body: PNG, trickle: { piece: 150, everyMs: 100 } });
    expect(answer).toMatchObject({ status: 200, body: { fileId: expect.stringMatching(/^f_/) } });
  });

  it("leave an agent's file its own place: visitors holding all of theirs keep no agent's out", async () => {
    await restartWith({ concurrent: 2, concurrentPerAddress: 2, minRate: { bytesPerSecond: 1000, graceMs: 60_000 } });
    const { token } = await visitor();
    void rawUpload(token, '203.0.113.1', { id: 's1' });
    void rawUpload(token, '203.0.113.2', { id: 's2' });
    const customer = await visitor();
    await vi.waitFor(async () => expect((await upload(customer.token, PNG, { id: 'c0', client: '198.51.100.7' })).status).toBe(429), { interval: 20 });
    const { client: a, token: agentToken } = await agent();
    a.send({ type: 'claim', id: 'k1', conversationId: customer.conversationId });
    await a.next(isType('ack'));
    expect((await upload(agentToken, PDF, { id: 'a1', name: 'palautuslappu.pdf', conversation: customer.conversationId, origin: '', client: '192.0.2.9' })).status).toBe(200);
  });
});
