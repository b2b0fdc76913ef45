// The replies a visitor missed, by email, with two servers: each watches the replies it stored, so
// an agent's text over the console socket on one and a file over HTTP on the other, close
// together, have both servers look at once. One email goes, and not before the wait after the
// agent's last reply, whichever server stored it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { FILES_PATH } from '../protocol';
import type { RunningServer } from './app';
import { openPostgresStore } from './store/postgres';
import { connect, isType, login, PAGE, startTestServer, tempDir, until } from './test-support';
import { dropSchema, newSchema, servicesAvailable, TEST_DATABASE_URL, TEST_REDIS_URL } from './test-services';

const available = await servicesAvailable();
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(available)('replies a visitor missed, by email, with two servers', () => {
  const schema = newSchema();
  const database = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  let dir: { dir: string; remove(): Promise<void> };
  let a: RunningServer;
  let b: RunningServer;
  const received: string[][] = [];
  let smtp: SMTPServer;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, done) {
        stream.on('data', () => {});
        // A mail server that takes its time: both servers' sends overlap, as they would.
        stream.on('end', () => setTimeout(() => (received.push(session.envelope.rcptTo.map((r) => r.address)), done()), 300));
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const url = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    await (await openPostgresStore(TEST_DATABASE_URL, { schema })).close();
    dir = await tempDir();
    const same = { database, redis: TEST_REDIS_URL, email: { smtp: url, from: 'Kauppa <tuki@kauppa.example>', afterMs: 500 }, origins: [new URL(PAGE.url).origin], visitorGoneMs: 50 };
    a = await startTestServer(dir.dir, same);
    b = await startTestServer(dir.dir, same);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await dir?.remove();
    await dropSchema(schema);
  });

  /** A visitor on A asks for a person, writes where to reach them and leaves; an agent on A claims it. */
  async function leftAndClaimed(name: string, text: string) {
    const v = await connect(a, '/ws/visitor');
    v.send({ type: 'hello', lang: 'fi', page: PAGE });
    await v.next(isType('welcome'));
    v.send({ type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [], visitor: { name } });
    const { conversationId } = (await v.next(isType('ack'))) as { conversationId: string };
    v.send({ type: 'msg', id: 'v1', text });
    await v.next(isType('ack'));
    v.close();
    await v.closed;
    const token = await login(a);
    const console = await connect(a, '/ws/agent');
    console.send({ type: 'hello', token });
    await console.next(isType('welcome'));
    console.send({ type: 'claim', id: 'k1', conversationId });
    await console.next(isType('ack'));
    return { conversationId, token, console };
  }

  it('go once when an agent replied on one server and sent a file on the other', async () => {
    const { conversationId, token, console } = await leftAndClaimed('Matti', 'Joudun lähtemään, vastatkaa osoitteeseen matti@example.fi.');
    await pause(300);
    console.send({ type: 'msg', id: 'a1', conversationId, text: 'Tässä kuitti.' });
    await console.next(isType('ack'));
    const upload = await fetch(`${b.url}${FILES_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-kohtaamo-id': 'f1', 'x-kohtaamo-name': encodeURIComponent('kuitti.pdf'), 'x-kohtaamo-conversation': conversationId },
      body: new Uint8Array(Buffer.from('%PDF-1.7\n')),
    });
    expect(upload.status).toBe(200);
    const emailed = () => console.events(conversationId).flatMap((e) => (e.body.kind === 'emailed' ? [e.body] : []));
    await until(() => emailed().length > 0, 5000);
    await pause(1000);
    console.close();
    expect(emailed()).toMatchObject([{ to: 'matti@example.fi', replies: 2 }]);
    expect(received).toEqual([['matti@example.fi']]);
  });

  it("go once, the wait after the agent's last reply, when the replies were stored on different servers", async () => {
    const { conversationId, token, console } = await leftAndClaimed('Maija', 'Vastatkaa osoitteeseen maija@example.fi.');
    // The console's socket is on A; its upload went to B. Then two texts over the socket, each
    // sooner than the wait: B's wait for its file is over before the agent is done.
    const upload = await fetch(`${b.url}${FILES_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-kohtaamo-id': 'f1', 'x-kohtaamo-name': encodeURIComponent('palautuslappu.pdf'), 'x-kohtaamo-conversation': conversationId },
      body: new Uint8Array(Buffer.from('%PDF-1.7\n')),
    });
    expect(upload.status).toBe(200);
    await pause(300);
    console.send({ type: 'msg', id: 'a1', conversationId, text: 'Tulosta lappu ja vie paketti postiin.' });
    await console.next(isType('ack'));
    await pause(300);
    console.send({ type: 'msg', id: 'a2', conversationId, text: 'Voinko auttaa muussa?' });
    const { seq: last } = (await console.next(isType('ack'))) as { seq: number };
    const lastAt = Date.now();
    const toMaija = () => received.filter((to) => to.includes('maija@example.fi'));
    await until(() => toMaija().length > 0, 5000);
    const sentAt = Date.now();
    await pause(1500);
    console.close();
    expect(toMaija()).toHaveLength(1);
    expect(sentAt - lastAt).toBeGreaterThanOrEqual(500);
    const emailed = console.events(conversationId).flatMap((e) => (e.body.kind === 'emailed' ? [e.body] : []));
    expect(emailed).toMatchObject([{ to: 'maija@example.fi', replies: 3, through: last }]);
  });

  it('go once, from a server still running, when the server that stored the reply died before sending it', async () => {
    const { conversationId, console } = await leftAndClaimed('Pekka', 'Vastatkaa osoitteeseen pekka@example.fi.');
    // A third server stored the agent's reply and was killed before its wait was over: no server
    // running heard of the write, and none will start to find it.
    const store = await openPostgresStore(TEST_DATABASE_URL, { schema });
    try {
      const stored = await store.append(conversationId, { clientId: 'a1', at: Date.now(), role: 'agent', name: 'Demo', body: { kind: 'text', text: 'Paketti lähti tänään.' } }, { agentId: 'demo' });
      expect(stored.ok).toBe(true);
    } finally {
      await store.close();
    }
    const toPekka = () => received.filter((to) => to.includes('pekka@example.fi'));
    // A few waits of 500 ms, not "never" (nor until a server restarts).
    await until(() => toPekka().length > 0, 5000);
    await pause(1500);
    console.close();
    expect(toPekka()).toHaveLength(1);
  }, 15_000);
});
