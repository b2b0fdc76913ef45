import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE, LIMITS } from '../protocol';
import type { RunningServer } from './app';
import { loadFaqBundle } from './faq-file';
import { fileURLToPath } from 'node:url';
import { DEFAULT_OPTIONS, type FaqBundle } from '../faq';
import { join } from 'node:path';
import { addAgent, connect, isType, login, PAGE, startTestServer, tempDir, webhookReceiver } from './test-support';
import { webhookSignature } from './webhook';
import type { ConversationNotice, UnattendedNotice } from './webhook-notices';
import type { TestClient } from './test-support';
import type { AgentServerMessage, VisitorServerMessage } from '../protocol';
import { identitySignature } from './identity';
import { PassThrough } from 'node:stream';
import { readFile, stat } from 'node:fs/promises';
import type { CustomerExport } from './customer-export';
import { main } from './cli/main';
import { DATABASE_FILE, openSqliteStore } from './store/sqlite';
import { parseOpeningHours, type OpeningHours } from './opening-hours';
import { parseServeConfig } from './config';

/** Runs `kohtaamo …` as a site owner would, next to the running server. */
function kohtaamo(argv: string[], stdin = '') {
  const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
  io.stdin.end(stdin);
  return main(argv, io);
}

let dir: { dir: string; remove(): Promise<void> };
let server: RunningServer;
const open: { close(): void }[] = [];

beforeEach(async () => {
  dir = await tempDir();
  server = await startTestServer(dir.dir);
});
afterEach(async () => {
  for (const client of open.splice(0)) client.close();
  await server.close();
  await dir.remove();
});

async function visitor(hello: object = {}) {
  const client = await connect(server, '/ws/visitor');
  open.push(client);
  client.send({ type: 'hello', lang: 'fi', page: PAGE, ...hello });
  const welcome = await client.next(isType('welcome'));
  return { client, welcome };
}

async function agent(as = 'demo', password?: string) {
  const token = await login(server, password, as);
  const client = await connect(server, '/ws/agent');
  open.push(client);
  client.send({ type: 'hello', token });
  await client.next(isType('welcome'));
  return client;
}

const steps = [
  { at: 1, body: { kind: 'bot.query', query: 'milloin paketti tulee', decision: 'answer', results: [{ id: 'toimitus', question: 'Kuinka kauan toimitus kestää?', score: 0.8 }] } },
  { at: 2, body: { kind: 'bot.answer', faqId: 'toimitus', question: 'Kuinka kauan toimitus kestää?' } },
  { at: 3, body: { kind: 'bot.feedback', faqId: 'toimitus', helpful: false } },
];

async function handoff(client: TestClient<VisitorServerMessage>) {
  client.send({ type: 'handoff', id: 'h1', reason: 'not_helpful', lang: 'fi', page: PAGE, steps, visitor: { name: 'Matti' } });
  return client.next(isType('ack'));
}

describe('the whole path', () => {
  it('hands off, shows the summary in the queue, and carries a chat both ways to a rating', async () => {
    const { client: v, welcome } = await visitor();
    expect(welcome).toMatchObject({ conversation: null, heartbeatMs: 10_000 });
    // No mail server set: the widget promises no email.
    expect(welcome).not.toHaveProperty('emailsReplies');
    expect(welcome.token.length).toBeGreaterThanOrEqual(32);

    const a = await agent();
    await a.next((f) => f.type === 'queue' && f.conversations.length === 0);
    const ack = await handoff(v);
    expect(ack).toMatchObject({ id: 'h1', seq: 4 });
    const conversationId = ack.conversationId;

    const queue = await a.next((f): f is Extract<typeof f, { type: 'queue' }> => f.type === 'queue' && f.conversations.length === 1);
    expect(queue.conversations[0]).toMatchObject({
      id: conversationId,
      status: 'queued',
      visitorId: welcome.visitorId,
      visitor: { name: 'Matti' },
      lang: 'fi',
      page: PAGE,
      reason: 'not_helpful',
      questions: ['milloin paketti tulee'],
      botAnswers: [{ faqId: 'toimitus', question: 'Kuinka kauan toimitus kestää?', helpful: false }],
      lastSeq: 4,
      previousConversations: 0,
    });

    a.send({ type: 'claim', id: 'k1', conversationId });
    expect(await a.next(isType('ack'))).toMatchObject({ id: 'k1', conversationId, seq: 5 });
    // The agent sees the bot part first, in order, then the join.
    expect(a.events(conversationId).map((e) => [e.seq, e.role, e.body.kind])).toEqual([
      [1, 'visitor', 'bot.query'],
      [2, 'bot', 'bot.answer'],
      [3, 'visitor', 'bot.feedback'],
      [4, 'system', 'handoff'],
      [5, 'system', 'joined'],
    ]);
    expect(await v.next(isType('status'), 3000).then((s) => s.conversation)).toMatchObject({ status: 'queued' });
    expect(await v.next(isType('status')).then((s) => s.conversation)).toMatchObject({ status: 'active', agent: { name: 'Aino (demo)' } });

    a.send({ type: 'msg', id: 'a1', conversationId, text: 'Hei Matti, katsotaan!' });
    expect(await a.next(isType('ack'))).toMatchObject({ id: 'a1', seq: 6 });
    const fromAgent = await v.next((f) => f.type === 'events' && f.events.some((e) => e.seq === 6));
    expect(fromAgent.type === 'events' && fromAgent.events[0]).toMatchObject({ role: 'agent', name: 'Aino (demo)', body: { kind: 'text', text: 'Hei Matti, katsotaan!' } });

    v.send({ type: 'msg', id: 'v1', text: '  Kiitos!  ' });
    expect(await v.next(isType('ack'))).toMatchObject({ id: 'v1', conversationId, seq: 7 });
    await a.next((f) => f.type === 'events' && f.events.some((e) => e.seq === 7 && e.body.kind === 'text' && e.body.text === 'Kiitos!'));

    v.send({ type: 'typing', on: true });
    expect(await a.next(isType('typing'))).toEqual({ type: 'typing', conversationId, on: true });
    a.send({ type: 'typing', conversationId, on: true });
    expect(await v.next(isType('typing'))).toEqual({ type: 'typing', conversationId, name: 'Aino (demo)', on: true });

    a.send({ type: 'close', id: 'c1', conversationId });
    expect(await a.next(isType('ack'))).toMatchObject({ id: 'c1', seq: 8 });
    // The console's late "stopped typing" after closing is dropped quietly, not answered with an error.
    a.send({ type: 'typing', conversationId, on: false });
    await v.next((f) => f.type === 'status' && f.conversation.status === 'closed');
    await a.next((f) => f.type === 'queue' && f.conversations.length === 0);

    v.send({ type: 'msg', id: 'v2', text: 'vielä yksi' });
    expect(await v.next(isType('error'))).toMatchObject({ code: 'no_conversation', id: 'v2' });

    v.send({ type: 'rate', id: 'r1', score: 5, comment: 'Nopeaa apua' });
    expect(await v.next(isType('ack'))).toMatchObject({ id: 'r1', seq: 9 });
    v.send({ type: 'rate', id: 'r2', score: 1 });
    expect(await v.next(isType('error'))).toMatchObject({ code: 'already_rated', id: 'r2' });

    a.send({ type: 'history', visitorId: welcome.visitorId });
    const history = await a.next(isType('history'));
    expect(a.received.filter((f) => f.type === 'error')).toEqual([]);
    expect(history.conversations).toMatchObject([{ id: conversationId, status: 'closed', rating: { score: 5, comment: 'Nopeaa apua' }, lastText: 'Kiitos!' }]);
  });

  it("leaves small talk out of the summary's questions, and keeps it in the transcript", async () => {
    const { client: v } = await visitor();
    const a = await agent();
    const smallTalk = (at: number, query: string, intent: 'greeting' | 'thanks') => ({ at, body: { kind: 'bot.query', query, decision: 'none', intent, results: [] } });
    v.send({ type: 'handoff', id: 'h1', reason: 'no_answer', lang: 'en', page: PAGE, steps: [smallTalk(0, 'hello', 'greeting'), ...steps, smallTalk(4, 'thanks', 'thanks')] });
    const { conversationId } = await v.next(isType('ack'));
    const queue = await a.next((f): f is Extract<typeof f, { type: 'queue' }> => f.type === 'queue' && f.conversations.length === 1);
    expect(queue.conversations[0]!.questions).toEqual(['milloin paketti tulee']);
    a.send({ type: 'open', conversationId, afterSeq: 0 });
    await a.next((f) => f.type === 'events' && f.conversationId === conversationId);
    expect(a.events(conversationId).flatMap((e) => (e.body.kind === 'bot.query' ? [e.body.query] : []))).toEqual(['hello', 'milloin paketti tulee', 'thanks']);
  });

  it("shows agents an email as verified only when the site signed it with the server's identity secret", async () => {
    const secret = 's'.repeat(40);
    await server.close();
    server = await startTestServer(dir.dir, { identitySecret: secret });
    const a = await agent();
    const signed = (email: string, key = secret) => identitySignature(key, email);
    const cases = [
      { visitor: { name: 'Matti', email: 'matti@example.fi', signature: signed('matti@example.fi') }, verified: true },
      { visitor: { email: 'pekka@example.fi', signature: signed('pekka@example.fi', 'x'.repeat(40)) }, verified: false },
      { visitor: { email: 'liisa@example.fi' }, verified: false },
    ];
    for (const [i, c] of cases.entries()) {
      const { client: v } = await visitor();
      v.send({ type: 'handoff', id: `h${i}`, reason: 'no_answer', lang: 'fi', page: PAGE, steps, visitor: c.visitor });
      await v.next(isType('ack'));
    }
    const queue = await a.next((f): f is Extract<typeof f, { type: 'queue' }> => f.type === 'queue' && f.conversations.length === cases.length);
    expect(queue.conversations.map((c) => c.visitor)).toEqual([
      { name: 'Matti', email: 'matti@example.fi', verified: true },
      { email: 'pekka@example.fi', verified: false },
      { email: 'liisa@example.fi', verified: false },
    ]);
  });

  it('tells agents who the visitor is when the site says so after the handoff, signature checked as at the handoff', async () => {
    const secret = 's'.repeat(40);
    await server.close();
    server = await startTestServer(dir.dir, { identitySecret: secret });
    const { client: v } = await visitor();
    v.send({ type: 'identify', id: 'i0', visitor: { name: 'Matti' } });
    expect(await v.next(isType('error'))).toMatchObject({ code: 'no_conversation', id: 'i0' });
    v.send({ type: 'handoff', id: 'h1', reason: 'no_answer', lang: 'fi', page: PAGE, steps });
    const { conversationId } = await v.next(isType('ack'));
    const a = await agent();
    a.send({ type: 'open', conversationId, afterSeq: 0 });
    await a.next((f) => f.type === 'summary' && f.conversation.visitor.name === undefined);

    const visitorInfo = { name: 'Matti', email: 'matti@example.fi', signature: identitySignature(secret, 'matti@example.fi') };
    const before = v.received.length;
    v.send({ type: 'identify', id: 'i1', visitor: visitorInfo });
    await v.next(isType('ack'));
    const told = await a.next((f): f is Extract<typeof f, { type: 'summary' }> => f.type === 'summary' && f.conversation.visitor.name === 'Matti');
    expect(told.conversation.visitor).toEqual({ name: 'Matti', email: 'matti@example.fi', verified: true });
    await a.next((f) => f.type === 'queue' && f.conversations.some((c) => c.visitor.name === 'Matti'));
    // Every page may say it again: acked, nothing for anyone to hear, and never an event the visitor sees.
    v.send({ type: 'identify', id: 'i2', visitor: visitorInfo });
    await v.next(isType('ack'));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(a.received.filter((f) => f.type === 'summary' && f.conversation.visitor.name === 'Matti')).toHaveLength(1);
    expect(v.received.slice(before).map((f) => f.type)).toEqual(['ack', 'ack']);
  });

  it('shows agents the page the visitor is on now, as their widget comes along to the next page', async () => {
    const { client: v, welcome } = await visitor();
    const { conversationId } = await handoff(v);
    const a = await agent();
    a.send({ type: 'open', conversationId, afterSeq: 0 });
    await a.next(isType('summary'));
    v.close();
    const checkout = { url: 'https://kauppa.example/kassa', title: 'Kassa' };
    const { client: next } = await visitor({ token: welcome.token, conversationId, afterSeq: 4, page: checkout });
    const moved = await a.next((f): f is Extract<typeof f, { type: 'summary' }> => f.type === 'summary' && f.conversation.nowOn !== undefined);
    expect(moved.conversation).toMatchObject({ page: PAGE, nowOn: checkout });
    // A reconnect from the same page (a network blip) is not news.
    next.close();
    await visitor({ token: welcome.token, conversationId, afterSeq: 4, page: checkout });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(a.received.filter((f) => f.type === 'summary' && f.conversation.nowOn)).toHaveLength(1);
  });

  it('lets only the claiming agent write, and refuses a second claim', async () => {
    const { client: v } = await visitor();
    const { conversationId } = await handoff(v);
    const a = await agent();
    a.send({ type: 'msg', id: 'm0', conversationId, text: 'hei' });
    expect(await a.next(isType('error'))).toMatchObject({ code: 'not_assigned', id: 'm0' });
    a.send({ type: 'claim', id: 'k1', conversationId });
    await a.next(isType('ack'));
    // The same agent in another console tab already has it.
    const sameAgent = await agent();
    sameAgent.send({ type: 'claim', id: 'k2', conversationId });
    expect(await sameAgent.next(isType('ack'))).toMatchObject({ id: 'k2', conversationId, seq: 5 });
    await addAgent(join(dir.dir, 'data'), 'eero', 'Eero', 'eeron-salasana');
    const other = await agent('eero', 'eeron-salasana');
    other.send({ type: 'claim', id: 'k3', conversationId });
    expect(await other.next(isType('error'))).toMatchObject({ code: 'already_claimed', id: 'k3' });
    other.send({ type: 'msg', id: 'm1', conversationId, text: 'minä tässä' });
    expect(await other.next(isType('error'))).toMatchObject({ code: 'not_assigned', id: 'm1' });
  });

  it('lets a colleague take over, tells the visitor and the previous agent, and puts a released conversation back in the queue', async () => {
    const { client: v } = await visitor();
    const { conversationId } = await handoff(v);
    const a = await agent();
    a.send({ type: 'claim', id: 'k1', conversationId });
    await a.next(isType('ack'));
    await addAgent(join(dir.dir, 'data'), 'eero', 'Eero', 'eeron-salasana');
    const eero = await agent('eero', 'eeron-salasana');
    eero.send({ type: 'claim', id: 'k2', conversationId, takeover: true });
    expect(await eero.next(isType('ack'))).toMatchObject({ id: 'k2', conversationId });
    const joined = (f: VisitorServerMessage | AgentServerMessage) =>
      f.type === 'events' && f.events.some((e) => e.body.kind === 'joined' && e.body.agent === 'Eero' && e.body.from === 'Aino (demo)');
    await v.next(joined);
    // The agent who had it follows the conversation, so their console shows who took it.
    await a.next(joined);
    expect(await a.next((f) => f.type === 'summary')).toMatchObject({ conversation: { agent: { id: 'eero' } } });
    a.send({ type: 'msg', id: 'm1', conversationId, text: 'vielä yksi asia' });
    expect(await a.next(isType('error'))).toMatchObject({ code: 'not_assigned', id: 'm1' });

    eero.send({ type: 'release', id: 'r1', conversationId });
    await eero.next(isType('ack'));
    expect(await v.next(isType('status'))).toMatchObject({ conversation: { id: conversationId, status: 'queued' } });
    const requeued = await a.next((f): f is Extract<typeof f, { type: 'queue' }> => f.type === 'queue' && f.conversations.some((c) => c.id === conversationId && c.status === 'queued'));
    expect(requeued.conversations.find((c) => c.id === conversationId)?.agent).toBeUndefined();
    a.send({ type: 'claim', id: 'k3', conversationId });
    await a.next(isType('ack'));
    a.send({ type: 'msg', id: 'm2', conversationId, text: 'jatketaan' });
    await a.next(isType('ack'));
    await v.next((f) => f.type === 'events' && f.events.some((e) => e.id === 'm2'));
  });

  it("puts an away agent's conversations back in the queue, but not after a quick reconnect, and also after a restart", async () => {
    await server.close();
    // A grace that a reconnect on a loaded machine (CI's two cores, a browser beside) keeps within.
    server = await startTestServer(dir.dir, { agentAwayMs: 1000 });
    const { client: v, welcome } = await visitor();
    const { conversationId } = await handoff(v);
    let a = await agent();
    a.send({ type: 'claim', id: 'k1', conversationId });
    await a.next(isType('ack'));
    // A reload: back within the grace, and still there once it is over.
    a.close();
    const closed = Date.now();
    a = await agent();
    await new Promise((resolve) => setTimeout(resolve, closed + 1300 - Date.now()));
    expect(v.received.some((f) => f.type === 'events' && f.events.some((e) => e.body.kind === 'released'))).toBe(false);
    // Gone for good.
    a.close();
    const released = await v.next((f) => f.type === 'events' && f.events.some((e) => e.body.kind === 'released' && e.body.away === true && e.body.agent === 'Aino (demo)'));
    expect(released).toBeTruthy();
    expect(await v.next(isType('status'))).toMatchObject({ conversation: { status: 'queued' } });

    // Claimed again, then the server restarts and the agent never comes back.
    a = await agent();
    a.send({ type: 'claim', id: 'k2', conversationId });
    await a.next(isType('ack'));
    a.close();
    await server.close();
    const restartedAt = Date.now();
    server = await startTestServer(dir.dir, { agentAwayMs: 300 });
    const { client: back } = await visitor({ token: welcome.token, conversationId, afterSeq: 0 });
    await back.next((f) => f.type === 'events' && f.events.some((e) => e.body.kind === 'released' && e.at >= restartedAt));
  });

  it('delivers the conversation to every tab of the visitor', async () => {
    const { client: tab1, welcome } = await visitor();
    const { client: tab2 } = await visitor({ token: welcome.token });
    const { conversationId } = await handoff(tab1);
    await tab2.next((f) => f.type === 'events' && f.events.some((e) => e.body.kind === 'handoff'));
    tab1.send({ type: 'msg', id: 'x1', text: 'toinen välilehti näkee tämän' });
    await tab1.next(isType('ack'));
    expect(tab2.events(conversationId).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    await tab2.next((f) => f.type === 'events' && f.events.some((e) => e.id === 'x1'));
  });
});

describe('agent sessions', () => {
  it('end at logout, when the agent is removed and when their password changes, also on consoles already open', async () => {
    const token = await login(server);
    const a = await connect(server, '/ws/agent');
    open.push(a);
    a.send({ type: 'hello', token });
    await a.next(isType('welcome'));
    const out = await fetch(`${server.url}/api/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(out.status).toBe(204);
    // The console says why (strings.ts): here, a logout of the same session in another tab.
    expect(await a.next(isType('error'))).toMatchObject({ code: 'unauthorized', ended: 'logged_out' });
    expect((await a.closed).code).toBe(CLOSE.unauthorized);
    // A copy of the token is worth nothing now.
    const again = await connect(server, '/ws/agent');
    open.push(again);
    again.send({ type: 'hello', token });
    expect(await again.next(isType('error'))).toMatchObject({ code: 'unauthorized', ended: 'expired' });

    const data = join(dir.dir, 'data');
    await addAgent(data, 'eero', 'Eero', 'eeron-salasana');
    const eero = await agent('eero', 'eeron-salasana');
    const demo = await agent();
    const demoToken = await login(server);
    expect(await kohtaamo(['agent', 'remove', '--login', 'eero', '--data', data])).toBe(0);
    expect(await eero.next(isType('error'))).toMatchObject({ code: 'unauthorized', ended: 'removed' });
    // Logging in again, a removed agent is told no more than anyone with a wrong password.
    const retry = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'eero', password: 'eeron-salasana' }) });
    expect([retry.status, await retry.json()]).toEqual([401, { error: { code: 'unauthorized', message: 'Wrong login or password.' } }]);
    expect(await kohtaamo(['agent', 'remove', '--login', 'eero', '--data', data])).toBe(2);
    expect(await kohtaamo(['agent', 'passwd', '--login', 'demo', '--data', data], 'a-new-password-1\n')).toBe(0);
    expect(await demo.next(isType('error'))).toMatchObject({ code: 'unauthorized', ended: 'password_changed' });
    // The console's requests are told the same (its Report logs it out with these words).
    const report = await fetch(`${server.url}/api/report?days=7`, { headers: { authorization: `Bearer ${demoToken}` } });
    expect([report.status, await report.json()]).toMatchObject([401, { error: { code: 'unauthorized', ended: 'password_changed' } }]);
    // The new password opens a console, which the next change to the agents file leaves alone.
    const fresh = await agent('demo', 'a-new-password-1');
    await addAgent(data, 'liisa', 'Liisa', 'liisan-salasana');
    fresh.send({ type: 'ping', t: 1 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fresh.received.some((f) => f.type === 'error')).toBe(false);
    expect(await (await fetch(`${server.url}/api/logout`, { method: 'POST' })).json()).toMatchObject({ error: { code: 'unauthorized' } });
  });
});

describe('erasing data beside the running server', () => {
  it("forgets a customer on request: their conversations go, the server carries on, and the site owner reads what happened", async () => {
    const { client: v } = await visitor();
    v.send({ type: 'handoff', id: 'h1', reason: 'no_answer', lang: 'fi', page: PAGE, steps, visitor: { name: 'Matti', email: 'matti@example.fi' } });
    const { conversationId } = await v.next(isType('ack'));
    const a = await agent();
    a.send({ type: 'claim', id: 'k1', conversationId });
    a.send({ type: 'close', id: 'x1', conversationId });
    await a.next((f) => f.type === 'ack' && f.id === 'x1');
    const data = join(dir.dir, 'data');
    const out: string[] = [];
    const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
    io.stdout.on('data', (d: Buffer) => out.push(d.toString()));
    io.stderr.on('data', (d: Buffer) => out.push(d.toString()));
    expect(await main(['data', 'forget', '--email', 'MATTI@example.fi', '--data', data, '--dry-run'], io)).toBe(0);
    expect(await main(['data', 'forget', '--email', 'matti@example.fi', '--data', data], io)).toBe(0);
    expect(out).toEqual([
      'Would delete 1 closed conversation (6 events) and 1 visitor.\n',
      'Deleted 1 closed conversation (6 events) and 1 visitor.\n',
    ]);
    a.send({ type: 'open', conversationId, afterSeq: 0 });
    expect(await a.next(isType('error'))).toMatchObject({ code: 'not_found' });
    // The server goes on: a new visitor hands off as before.
    const { client: next } = await visitor();
    await handoff(next);
    // Mistakes are refused with what to fix.
    out.length = 0;
    expect(await main(['data', 'forget', '--data', data], io)).toBe(2);
    expect(await main(['data', 'forget', '--email', 'matti', '--data', data], io)).toBe(2);
    expect(await main(['data', 'prune', '--older-than', '0', '--data', data], io)).toBe(2);
    expect(await main(['data', 'prune', '--older-than', '30', '--data', join(dir.dir, 'nowhere')], io)).toBe(2);
    expect(out.join('')).toMatch(/either --email ADDRESS or --visitor ID[\s\S]*"matti" is not an email address[\s\S]*--older-than needs a number of days[\s\S]*no conversations are stored in/);
  });
});

describe("a customer's copy of their data", () => {
  it('exports everything stored about a customer beside the running server, as the agent saw it, to a file only its owner reads', async () => {
    const { client: v, welcome } = await visitor();
    v.send({ type: 'handoff', id: 'h1', reason: 'no_answer', lang: 'fi', page: PAGE, steps, visitor: { name: 'Matti', email: 'matti@example.fi' } });
    const { conversationId } = await v.next(isType('ack'));
    const a = await agent();
    a.send({ type: 'claim', id: 'k1', conversationId });
    a.send({ type: 'msg', id: 'a1', conversationId, text: 'Hei Matti, katsotaan!' });
    v.send({ type: 'msg', id: 'v1', text: 'Kiitos' });
    await v.next((f) => f.type === 'ack' && f.id === 'v1');
    a.send({ type: 'close', id: 'x1', conversationId });
    await a.next((f) => f.type === 'ack' && f.id === 'x1');
    v.send({ type: 'rate', id: 'r1', score: 5, comment: 'Nopeaa apua' });
    await v.next((f) => f.type === 'ack' && f.id === 'r1');

    const data = join(dir.dir, 'data');
    const file = join(dir.dir, 'matti.json');
    const err: string[] = [];
    const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
    io.stderr.on('data', (d: Buffer) => err.push(d.toString()));
    expect(await main(['data', 'export', '--email', ' MATTI@example.fi', '--data', data, '--out', file], io)).toBe(0);
    expect(err).toEqual([`Exported 1 conversation (9 events) of 1 visitor for matti@example.fi to ${file}.\n`]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, 'utf8');
    const exported = JSON.parse(text) as CustomerExport;
    const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
    expect(exported).toMatchObject({
      format: 'kohtaamo-customer-export/1',
      exportedAt: expect.stringMatching(ISO),
      request: { email: 'matti@example.fi' },
      visitors: [{ id: welcome.visitorId, firstSeen: expect.stringMatching(ISO) }],
    });
    const [conversation] = exported.conversations;
    expect(conversation).toMatchObject({
      id: conversationId, status: 'closed', visitor: { name: 'Matti', email: 'matti@example.fi' }, lang: 'fi', page: PAGE, reason: 'no_answer',
      questions: ['milloin paketti tulee'], agent: 'Aino (demo)', rating: { score: 5, comment: 'Nopeaa apua' },
      createdAt: expect.stringMatching(ISO), updatedAt: expect.stringMatching(ISO),
    });
    expect(conversation?.events.map((e) => [e.seq, e.role, e.body.kind, e.body.kind === 'text' ? e.body.text : ''])).toEqual([
      [1, 'visitor', 'bot.query', ''], [2, 'bot', 'bot.answer', ''], [3, 'visitor', 'bot.feedback', ''], [4, 'system', 'handoff', ''], [5, 'system', 'joined', ''],
      [6, 'agent', 'text', 'Hei Matti, katsotaan!'], [7, 'visitor', 'text', 'Kiitos'], [8, 'system', 'closed', ''], [9, 'visitor', 'rating', ''],
    ]);
    expect(conversation?.events.every((e) => ISO.test(e.at) && !('id' in e))).toBe(true);
    // What only the server needs stays out: client ids, the queue's caches, the agent's login id, the visitor's token.
    expect(text).not.toMatch(/"(lastSeq|lastText|firstText|previousConversations|tokenHash|token_hash|client_id)"/);
    expect(text).not.toContain('"a1"');

    // The file is never overwritten; without --out the same document goes to stdout.
    expect(await main(['data', 'export', '--email', 'matti@example.fi', '--data', data, '--out', file], io)).toBe(1);
    expect(err.at(-1)).toMatch(/never overwrites/);
    expect(await main(['data', 'export', '--email', 'matti@example.fi', '--data', data, '--out', join(file, 'inside-a-file.json')], io)).toBe(1);
    expect(err.at(-1)).toMatch(/cannot write .*ENOTDIR/);
    expect(err.at(-1)).not.toMatch(/never overwrites/);
    const out: string[] = [];
    io.stdout.on('data', (d: Buffer) => out.push(d.toString()));
    expect(await main(['data', 'export', '--visitor', welcome.visitorId, '--data', data], io)).toBe(0);
    expect({ ...(JSON.parse(out.join('')) as CustomerExport), exportedAt: '', request: null }).toEqual({ ...exported, exportedAt: '', request: null });
    expect(await main(['data', 'export', '--email', 'nobody@example.fi', '--data', data], io)).toBe(0);
    expect(err.at(-1)).toBe('Nothing is stored about nobody@example.fi.\n');
    expect(await main(['data', 'export', '--email', 'matti@example.fi', '--dry-run', '--data', data], io)).toBe(2);
  });
});

describe("the site's webhook", () => {
  it('tells the site of a waiting visitor, each message, the close and the rating, once each and in order, signed', async () => {
    const site = await webhookReceiver();
    const secret = 's'.repeat(32);
    await server.close();
    server = await startTestServer(dir.dir, { webhook: { url: site.url, secret } });
    const { client: v } = await visitor();
    v.send({ type: 'handoff', id: 'h1', reason: 'no_answer', lang: 'fi', page: PAGE, steps, visitor: { name: 'Matti' } });
    const { conversationId } = await v.next(isType('ack'));
    v.send({ type: 'msg', id: 'v1', text: 'Vastatkaa sähköpostiin' });
    await v.next((f) => f.type === 'ack' && f.id === 'v1');
    // A resend after a lost ack stores nothing new, and tells the site nothing new.
    v.send({ type: 'msg', id: 'v1', text: 'Vastatkaa sähköpostiin' });
    await v.next((f) => f.type === 'ack' && f.id === 'v1');
    const a = await agent();
    for (const frame of [{ type: 'claim', id: 'k1', conversationId }, { type: 'msg', id: 'a1', conversationId, text: 'Hei Matti!' }, { type: 'close', id: 'x1', conversationId }]) {
      a.send(frame);
      await a.next((f) => f.type === 'ack' && f.id === frame.id);
    }
    v.send({ type: 'rate', id: 'r1', score: 5 });
    await v.next((f) => f.type === 'ack' && f.id === 'r1');

    await vi.waitFor(() => expect(site.received.at(-1)?.headers['x-kohtaamo-event']).toBe('conversation.rated'));
    const notices = site.received.map((r) => JSON.parse(r.body) as ConversationNotice);
    expect(notices.map((n) => [n.id, n.type, n.text])).toEqual([
      [`${conversationId}.4`, 'conversation.queued', `Matti is waiting for a person (the FAQ had no answer): “milloin paketti tulee” on ${PAGE.url}.`],
      [`${conversationId}.5`, 'conversation.message', 'Matti: “Vastatkaa sähköpostiin” (waiting for a person).'],
      [`${conversationId}.7`, 'conversation.message', 'Aino (demo) to Matti: “Hei Matti!”'],
      [`${conversationId}.8`, 'conversation.closed', 'The conversation with Matti was closed by Aino (demo).'],
      [`${conversationId}.9`, 'conversation.rated', 'Matti rated the conversation 5/5.'],
    ]);
    expect(notices[1]?.conversation).toMatchObject({ id: conversationId, status: 'queued', visitor: { name: 'Matti' }, questions: ['milloin paketti tulee'] });
    expect(site.received.every((r) => r.headers['x-kohtaamo-signature'] === webhookSignature(secret, r.body))).toBe(true);
    await site.close();
  });
});

describe("the site's webhook when nobody is online", () => {
  it('tells the site who is still waiting once the last console has paused new chats', async () => {
    const site = await webhookReceiver();
    await server.close();
    server = await startTestServer(dir.dir, { webhook: { url: site.url }, unstaffedGraceMs: 100 });
    const a = await agent();
    const { client: v } = await visitor();
    v.send({ type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps, visitor: { name: 'Matti' } });
    const { conversationId } = await v.next(isType('ack'));
    await vi.waitFor(() => expect(site.received).toHaveLength(1));
    a.send({ type: 'available', on: false });
    expect(await v.next(isType('staffed'), 3000)).toEqual({ type: 'staffed', on: false });
    await vi.waitFor(() => expect(site.received).toHaveLength(2));
    const notice = JSON.parse(site.received[1]?.body ?? '') as UnattendedNotice;
    expect(notice).toMatchObject({ type: 'queue.unattended', staffed: false, conversations: [{ id: conversationId, status: 'queued' }] });
    expect(notice.text).toMatch(/^1 visitor is waiting for a person and nobody is online any more\. Longest: Matti, waiting under a minute: “milloin paketti tulee”$/);
    await site.close();
  });
});

describe('opening hours', () => {
  it('tell a visitor when the service opens while nobody is online outside them, and nothing once someone is', async () => {
    await server.close();
    // Open 9–10 UTC three days from now only: closed now, whatever the time.
    const day = (new Date().getUTCDay() + 6 + 3) % 7;
    const hours = parseOpeningHours(`${['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'][day]} 9-10`, 'UTC') as OpeningHours;
    const opens = new Date();
    opens.setUTCDate(opens.getUTCDate() + 3);
    opens.setUTCHours(9, 0, 0, 0);
    server = await startTestServer(dir.dir, { hours, unstaffedGraceMs: 50 });
    await new Promise((r) => setTimeout(r, 150));
    const { welcome } = await visitor();
    expect(welcome).toMatchObject({ staffed: false, opensAt: opens.getTime() });
    const v = open.at(-1) as TestClient<VisitorServerMessage>;
    await agent();
    expect(await v.next(isType('staffed'))).toEqual({ type: 'staffed', on: true });
  });
});

describe('retention', () => {
  it('deletes closed conversations idle longer than --retention-days when it starts, and keeps the rest', async () => {
    await server.close();
    const store = openSqliteStore(join(dir.dir, 'data', DATABASE_FILE), { checkpointMs: 0 });
    const DAY = 24 * 60 * 60 * 1000;
    for (const [id, age, closed] of [['old', 40, true], ['recent', 5, true], ['old-but-open', 40, false]] as const) {
      const at = Date.now() - age * DAY;
      await store.createVisitor(`v-${id}`, `hash-${id}`, at);
      const page = { url: 'https://kauppa.example/', title: 'Kauppa' };
      await store.handoff({ visitorId: `v-${id}`, handoffId: `h-${id}`, conversationId: id, at, lang: 'fi', page, reason: 'no_answer', visitor: {}, questions: [], botAnswers: [],
        events: [{ clientId: `h-${id}`, at, role: 'system', body: { kind: 'handoff', reason: 'no_answer', page, lang: 'fi' } }] });
      if (closed) await store.closeConversation(id, 'visitor', null, `x-${id}`, at);
    }
    await store.close();
    server = await startTestServer(dir.dir, { retentionDays: 30 });
    const a = await agent();
    for (const id of ['old', 'recent', 'old-but-open']) a.send({ type: 'open', conversationId: id, afterSeq: 0 });
    expect(await a.next(isType('error'))).toMatchObject({ code: 'not_found' });
    const found = [await a.next(isType('summary')), await a.next(isType('summary'))].map((f) => f.conversation.id);
    expect(found.sort()).toEqual(['old-but-open', 'recent']);
  });
});

describe('delivery guarantee', () => {
  it('resuming with the token and afterSeq replays exactly the missing events', async () => {
    const { client: v, welcome } = await visitor();
    const { conversationId } = await handoff(v);
    for (const id of ['m1', 'm2', 'm3']) {
      v.send({ type: 'msg', id, text: `viesti ${id}` });
      await v.next(isType('ack'));
    }
    v.close();
    const { client: again, welcome: resumed } = await visitor({ token: welcome.token, afterSeq: 5 });
    expect(resumed).toMatchObject({ visitorId: welcome.visitorId, token: welcome.token, conversation: { id: conversationId, status: 'queued', lastSeq: 7 } });
    await again.next(isType('events'));
    await new Promise((r) => setTimeout(r, 50));
    expect(again.events(conversationId).map((e) => e.id)).toEqual(['m2', 'm3']);
  });

  it('acks a resent message with its first seq and stores it once', async () => {
    const { client: v } = await visitor();
    const { conversationId } = await handoff(v);
    v.send({ type: 'msg', id: 'same', text: 'hei' });
    const first = await v.next(isType('ack'));
    v.send({ type: 'msg', id: 'same', text: 'hei' });
    const second = await v.next(isType('ack'));
    expect(second.seq).toBe(first.seq);
    const a = await agent();
    a.send({ type: 'open', conversationId, afterSeq: 0 });
    await a.next(isType('events'));
    expect(a.events(conversationId).filter((e) => e.id === 'same')).toHaveLength(1);
  });

  it('keeps the order of messages sent without waiting for acks', async () => {
    const { client: v } = await visitor();
    const { conversationId } = await handoff(v);
    const a = await agent();
    a.send({ type: 'open', conversationId, afterSeq: 0 });
    await a.next(isType('events'));
    const ids = Array.from({ length: 30 }, (_, i) => `burst-${i}`);
    for (const id of ids) v.send({ type: 'msg', id, text: id });
    const acks = [];
    for (const _ of ids) acks.push(await v.next(isType('ack')));
    expect(acks.map((x) => x.id)).toEqual(ids);
    expect(acks.map((x) => x.seq)).toEqual(ids.map((_, i) => 5 + i));
    await a.next((f) => f.type === 'events' && f.events.some((e) => e.id === 'burst-29'));
    expect(a.events(conversationId).filter((e) => e.body.kind === 'text').map((e) => e.id)).toEqual(ids);
  });

  it('replays the whole conversation when afterSeq is past its end', async () => {
    const { client: v, welcome } = await visitor();
    const { conversationId } = await handoff(v);
    v.close();
    const { client: again } = await visitor({ token: welcome.token, afterSeq: 99 });
    await again.next(isType('events'));
    expect(again.events(conversationId).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it('replays a new conversation from its start when afterSeq names an older one', async () => {
    const { client: v, welcome } = await visitor();
    const first = await handoff(v);
    const a = await agent();
    a.send({ type: 'claim', id: 'k1', conversationId: first.conversationId });
    await a.next(isType('ack'));
    a.send({ type: 'close', id: 'c1', conversationId: first.conversationId });
    await a.next(isType('ack'));
    v.send({ type: 'handoff', id: 'h2', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [] });
    const second = await v.next(isType('ack'));
    expect(second).toMatchObject({ id: 'h2', seq: 1 });
    v.send({ type: 'msg', id: 'n1', text: 'uusi asia' });
    await v.next(isType('ack'));
    // A tab that saw the first conversation up to seq 2 of it (the second one has seq 1–2 too).
    const { client: tab } = await visitor({ token: welcome.token, afterSeq: 2, conversationId: first.conversationId });
    await tab.next(isType('events'));
    expect(tab.events(second.conversationId).map((e) => e.id)).toEqual(['h2', 'n1']);
  });

  it('a resent handoff finds the conversation it made', async () => {
    const { client: v } = await visitor();
    const first = await handoff(v);
    const second = await handoff(v);
    expect(second).toEqual(first);
  });

  it('an agent reopening with afterSeq gets only what it missed', async () => {
    const { client: v } = await visitor();
    const { conversationId } = await handoff(v);
    const a = await agent();
    a.send({ type: 'open', conversationId, afterSeq: 3 });
    const replay = await a.next(isType('events'));
    expect(replay.events.map((e) => e.seq)).toEqual([4]);
  });
});

describe('hostile frames', () => {
  it('answers garbage with bad_json and keeps the connection', async () => {
    const { client: v } = await visitor();
    v.ws.send('{nope');
    expect(await v.next(isType('error'))).toMatchObject({ code: 'bad_json' });
    v.send({ type: 'ping', t: 1 });
    expect(await v.next(isType('pong'))).toEqual({ type: 'pong', t: 1 });
  });

  it('closes with 1009 on a frame over the limit', async () => {
    const { client: v } = await visitor();
    v.ws.send('x'.repeat(LIMITS.frameBytes + 1));
    expect((await v.closed).code).toBe(CLOSE.tooBig);
  });

  it('requires hello first', async () => {
    const client = await connect(server, '/ws/visitor');
    client.send({ type: 'msg', id: 'a', text: 'hei' });
    expect(await client.next(isType('error'))).toMatchObject({ code: 'hello_required' });
    expect((await client.closed).code).toBe(CLOSE.helloRequired);
  });

  it('refuses a visitor socket from a foreign origin and accepts its own', async () => {
    await expect(connect(server, '/ws/visitor', 'https://evil.example')).rejects.toThrow(/403/);
    const ok = await connect(server, '/ws/visitor', server.url);
    ok.close();
  });

  for (const written of ['https://Shop.example', 'https://shop.example:443', 'https://shop.example/']) {
    it(`lets the site's pages (Origin: https://shop.example) in when --origin is written ${written}`, async () => {
      const parsed = parseServeConfig(['--origin', written], {}, dir.dir, dir.dir);
      if (!parsed.ok) throw new Error(parsed.message);
      await server.close();
      server = await startTestServer(dir.dir, { origins: parsed.config.origins });
      const page = await connect(server, '/ws/visitor', 'https://shop.example');
      page.close();
      await expect(connect(server, '/ws/visitor', 'https://evil.example')).rejects.toThrow(/403/);
    });
  }

  it('closes an agent socket with a bad token with 4001', async () => {
    const client = await connect(server, '/ws/agent');
    client.send({ type: 'hello', token: 'x'.repeat(40) });
    expect(await client.next(isType('error'))).toMatchObject({ code: 'unauthorized' });
    expect((await client.closed).code).toBe(CLOSE.unauthorized);
  });

  it('closes a visitor with an unknown token with 4001', async () => {
    const client = await connect(server, '/ws/visitor');
    client.send({ type: 'hello', token: 'y'.repeat(43), lang: 'fi', page: PAGE });
    expect((await client.closed).code).toBe(CLOSE.unauthorized);
  });

  it('closes a flooding socket with 4029 after one coded error, and stores nothing sent after the limit', async () => {
    const { client: v, welcome } = await visitor();
    const { conversationId } = await handoff(v);
    const ids = Array.from({ length: 60 }, (_, i) => `m${i}`);
    for (const id of ids) v.send({ type: 'msg', id, text: id });
    expect((await v.closed).code).toBe(CLOSE.rateLimited);
    expect(v.received.filter((f) => f.type === 'error')).toEqual([expect.objectContaining({ code: 'rate_limited' })]);

    // What the store kept is the start of what was sent, in order, and within the 40-frame burst
    // (the handoff took one); every ack the flooder got is in it.
    const { client: again } = await visitor({ token: welcome.token, afterSeq: 0, conversationId });
    await again.next(isType('events'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stored = again.events(conversationId).filter((e) => e.role === 'visitor' && e.body.kind === 'text').map((e) => e.id);
    expect(stored).toEqual(ids.slice(0, stored.length));
    expect(stored.length).toBeLessThanOrEqual(39);
    const acked = v.received.flatMap((f) => (f.type === 'ack' && f.id !== 'h1' ? [f.id] : []));
    expect(acked).toEqual(stored.slice(0, acked.length));
  });
});

describe('FAQ tuning', () => {
  it("puts the site owner's search options into the bundle the widget loads", async () => {
    const { json } = await loadFaqBundle(fileURLToPath(new URL('../demo/faq.json', import.meta.url)), { answerThreshold: 0.9, synonymStrength: 0 });
    const { bundle } = JSON.parse(json) as { bundle: FaqBundle };
    expect(bundle.options).toMatchObject({ answerThreshold: 0.9, synonymStrength: 0, minMargin: DEFAULT_OPTIONS.minMargin });
    expect(bundle.aliases).toEqual({});
  });
});

describe('HTTP', () => {
  it('serves the FAQ bundle and refuses a wrong login with a coded 401', async () => {
    const faq = await fetch(`${server.url}/api/faq`);
    expect(faq.status).toBe(200);
    expect(((await faq.json()) as { bundle: unknown }).bundle).toBeTruthy();
    const res = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"login":"demo","password":"wrong-password"}' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const bad = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(await bad.json()).toMatchObject({ error: { code: 'bad_json' } });
  });
});
