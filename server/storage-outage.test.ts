// A write the storage refuses (a full disk) is `unavailable` on the wire, not `internal`: to the
// visitor's message, to the agent's, and to an upload (503, with Retry-After); sent again once
// there is room, each is stored once, in order. With `internal` the widget gave up after three
// answers, about a second of a full disk, and the visitor's message was never delivered.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ERRORS, FILES_PATH, type AgentServerMessage, type VisitorServerMessage } from '../protocol';
import { createServer, type RunningServer } from './app';
import { openSqliteStore } from './store/sqlite';
import type { Store } from './store/types';
import { PROBE_EVERY_MS } from './store/write-health';
import { connect, isType, login, PAGE, tempDir, testConfig, type TestClient } from './test-support';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR the rest of a photo')]);

/** What better-sqlite3 throws when the disk is full. */
const diskFull = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

let dir: { dir: string; remove(): Promise<void> };
let server: RunningServer;
/** While true, every message's write fails as on a full disk; reads still work. */
let full = false;
const open: { close(): void }[] = [];

beforeEach(async () => {
  dir = await tempDir();
  const config = await testConfig(dir.dir, { origins: ['https://kauppa.example'] });
  const real = openSqliteStore(`${dir.dir}/store.sqlite`);
  const store: Store = {
    ...real,
    visitorMessage: (...args) => (full ? Promise.reject(diskFull()) : real.visitorMessage(...args)),
    append: (...args) => (full ? Promise.reject(diskFull()) : real.append(...args)),
  };
  server = await createServer(config, { store, log: () => {}, info: () => {} });
  full = false;
});
afterEach(async () => {
  for (const client of open.splice(0)) client.close();
  await server.close();
  await dir.remove();
});

async function visitor(token?: string) {
  const client: TestClient<VisitorServerMessage> = await connect(server, '/ws/visitor', 'https://kauppa.example');
  open.push(client);
  client.send({ type: 'hello', lang: 'fi', page: PAGE, ...(token ? { token } : {}) });
  return { client, token: (await client.next(isType('welcome'))).token };
}

async function agent() {
  const client: TestClient<AgentServerMessage> = await connect(server, '/ws/agent');
  open.push(client);
  client.send({ type: 'hello', token: await login(server) });
  await client.next(isType('welcome'));
  return client;
}

it('answers unavailable to messages and uploads the full disk refused, and stores each once, in order, when they come again', async () => {
  const first = await visitor();
  first.client.send({ type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [] });
  const { conversationId } = await first.client.next(isType('ack'));
  const aino = await agent();
  aino.send({ type: 'claim', id: 'c1', conversationId });
  await aino.next((f) => f.type === 'ack' && f.id === 'c1');
  aino.send({ type: 'open', conversationId, afterSeq: 0 });

  full = true;
  first.client.send({ type: 'msg', id: 'aikana-3', text: 'aikana 3' });
  expect(await first.client.next(isType('error'))).toEqual({ type: 'error', code: 'unavailable', message: ERRORS.unavailable.message, id: 'aikana-3' });
  // Nothing after it on that connection is taken: the widget sends it again first, on a new one.
  expect((await first.client.closed).code).toBe(1011);

  aino.send({ type: 'msg', id: 'a1', conversationId, text: 'Hetki vain' });
  expect(await aino.next(isType('error'))).toEqual({ type: 'error', code: 'unavailable', message: ERRORS.unavailable.message, id: 'a1' });

  const upload = await fetch(`${server.url}${FILES_PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${first.token}`, origin: 'https://kauppa.example', 'x-kohtaamo-id': 'p1', 'x-kohtaamo-name': 'kuva.png' },
    body: new Uint8Array(PNG),
  });
  expect(upload.status).toBe(503);
  expect(upload.headers.get('retry-after')).toBe(String(PROBE_EVERY_MS / 1000));
  expect(await upload.json()).toEqual({ error: { code: 'unavailable', message: ERRORS.unavailable.message } });

  full = false;
  const back = await visitor(first.token);
  back.client.send({ type: 'msg', id: 'aikana-3', text: 'aikana 3' });
  back.client.send({ type: 'msg', id: 'jalkeen-4', text: 'jälkeen 4' });
  expect((await back.client.next(isType('ack'))).id).toBe('aikana-3');
  expect((await back.client.next(isType('ack'))).id).toBe('jalkeen-4');
  // Sent once more (its ack lost, say): the same message, not a second one.
  back.client.send({ type: 'msg', id: 'aikana-3', text: 'aikana 3' });
  await back.client.next(isType('ack'));
  const agentAgain = await agent();
  agentAgain.send({ type: 'open', conversationId, afterSeq: 0 });
  await expect.poll(() => agentAgain.events(conversationId).some((e) => e.id === 'jalkeen-4')).toBe(true);
  const texts = agentAgain.events(conversationId).flatMap((e) => (e.role === 'visitor' && e.body.kind === 'text' ? [e.body.text] : []));
  expect(texts).toEqual(['aikana 3', 'jälkeen 4']);
});
