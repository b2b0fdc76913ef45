// Helpers for the server's real-socket tests: a server on port 0 in a temp data dir, and
// a WebSocket client that waits for the frames a test expects; a handoff to write straight to a store.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { WebSocket } from 'ws';
import type { AgentServerMessage, ConversationEvent, VisitorServerMessage } from '../protocol';
import { hashPassword } from './agents';
import { agentsFile, loadAgents, saveAgents } from './agents-file';
import { createServer } from './app';
import type { RunningServer } from './app';
import { DEFAULTS } from './defaults';
import type { ServerConfig } from './config';
import type { EventDraft, HandoffInput } from './store/types';

export const PAGE = Object.freeze({ url: 'https://kauppa.example/tuotteet', title: 'Tuotteet' });
export const DEMO_PASSWORD = 'demo-password-123';

export const FAQ = [
  { id: 'toimitus', lang: 'fi', question: 'Kuinka kauan toimitus kestää?', answer: 'Toimitus kestää **2–4 arkipäivää**.' },
  { id: 'delivery', lang: 'en', question: 'How long does delivery take?', answer: 'Delivery takes 2–4 working days.' },
];

/** A handoff as a store takes it, straight: the bot's steps (`before`), then the handoff event. */
export function handoffInput(visitorId: string, conversationId: string, at: number, before: EventDraft[] = []): HandoffInput {
  const page = { url: 'https://x.example/', title: 'X' };
  return {
    visitorId,
    handoffId: `h-${conversationId}`,
    conversationId,
    at,
    lang: 'fi',
    page,
    reason: 'no_answer',
    visitor: {},
    questions: [],
    botAnswers: [],
    events: [...before, { clientId: `h-${conversationId}`, at, role: 'system', body: { kind: 'handoff', reason: 'no_answer', page, lang: 'fi' } }],
  };
}

export async function tempDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'kohtaamo-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function testConfig(dir: string, overrides: Partial<ServerConfig> = {}): Promise<ServerConfig> {
  const faq = join(dir, 'faq.json');
  await writeFile(faq, JSON.stringify(FAQ));
  return {
    ...DEFAULTS,
    rate: { ...DEFAULTS.rate },
    port: 0,
    faq,
    // The demo's saved replies go with the demo's FAQ only; a test names its own.
    replies: undefined,
    data: join(dir, 'data'),
    root: dir,
    demoPassword: DEMO_PASSWORD,
    queueDebounceMs: 5,
    ...overrides,
  };
}

export async function startTestServer(dir: string, overrides: Partial<ServerConfig> = {}): Promise<RunningServer> {
  return createServer(await testConfig(dir, overrides), { log: () => {}, info: () => {} });
}

export async function login(server: RunningServer, password = DEMO_PASSWORD, as = 'demo'): Promise<string> {
  const res = await fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: as, password }),
  });
  const body = (await res.json()) as { token: string };
  return body.token;
}

/** Adds an agent to a running test server's agents file (read on every login). */
export async function addAgent(dataDir: string, login: string, name: string, password: string): Promise<void> {
  const file = agentsFile(dataDir);
  await saveAgents(file, [...(await loadAgents(file)), { id: login, login, name, password: await hashPassword(password) }]);
}

type Frame = { type: string };

export const isType =
  <K extends string>(type: K) =>
  <F extends Frame>(frame: F): frame is Extract<F, { type: K }> =>
    frame.type === type;

export class TestClient<F extends Frame = VisitorServerMessage | AgentServerMessage> {
  readonly received: F[] = [];
  private unread: F[] = [];
  private waiters: (() => void)[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as F;
      this.received.push(frame);
      this.unread.push(frame);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  send(message: object): void {
    this.ws.send(JSON.stringify(message));
  }

  /** The first unread frame matching, waiting for it if needed; frames before it stay unread. */
  next<T extends F>(match: (frame: F) => frame is T, timeoutMs?: number): Promise<T>;
  next(match: (frame: F) => boolean, timeoutMs?: number): Promise<F>;
  async next(match: (frame: F) => boolean, timeoutMs = 3000): Promise<F> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = this.unread.findIndex(match);
      const found = at === -1 ? undefined : this.unread.splice(at, 1)[0];
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting; unread: ${JSON.stringify(this.unread)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Events of a conversation received so far (in any number of frames), by seq. */
  events(conversationId: string): ConversationEvent[] {
    return this.received.flatMap((f) => {
      const frame = f as Frame & Partial<{ conversationId: string; events: ConversationEvent[] }>;
      return frame.type === 'events' && frame.conversationId === conversationId ? (frame.events ?? []) : [];
    });
  }

  close(): void {
    this.ws.close();
  }
}

export function connect(server: RunningServer, path: '/ws/visitor', origin?: string): Promise<TestClient<VisitorServerMessage>>;
export function connect(server: RunningServer, path: '/ws/agent', origin?: string): Promise<TestClient<AgentServerMessage>>;
export function connect(server: RunningServer, path: string, origin?: string): Promise<TestClient<VisitorServerMessage | AgentServerMessage>> {
  const ws = new WebSocket(server.url.replace('http', 'ws') + path, origin ? { origin } : {});
  const client = new TestClient<VisitorServerMessage | AgentServerMessage>(ws);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('error', reject);
  });
}

/** A site's webhook receiver on a free port: answers each POST with the next of `answers` (then 200; 'hang': never). */
export async function webhookReceiver(answers: (number | 'hang')[] = []) {
  const received: { path: string; headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      const answer = answers.shift() ?? 200;
      if (answer === 'hang') return;
      res.writeHead(answer, answer === 302 ? { location: '/elsewhere' } : {}).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/s3cret-path`;
  const close = () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  return { url, received, close };
}

/** Waits until `done()` holds, checking every 20 ms; throws after `ms`. */
export async function until(done: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The kinds of event a visitor who comes back (with `token`) is replayed, up to the one numbered `through`: what the widget would get. */
export async function replayedKinds(server: RunningServer, token: string, conversationId: string, through: number): Promise<string[]> {
  const back = await connect(server, '/ws/visitor');
  try {
    back.send({ type: 'hello', lang: 'fi', page: PAGE, token });
    await back.next(isType('welcome'));
    await until(() => back.events(conversationId).some((e) => e.seq === through));
    // Anything the server would wrongly send after it has had time to arrive.
    await new Promise((r) => setTimeout(r, 100));
    return back.events(conversationId).map((e) => e.body.kind);
  } finally {
    back.close();
  }
}

/**
 * What a test opened, undone after it, newest first. Call at module level: it registers the
 * `afterEach` itself. `defer(() => server.close())`.
 */
export function deferred(): (...steps: (() => Promise<unknown> | void)[]) => void {
  let steps: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    for (const step of steps.reverse()) await step();
    steps = [];
  });
  return (...more) => void steps.push(...more);
}

/** A visitor who said hello and asked for a person (handoff `h<n>`); their socket stays open until the test ends. */
export async function waitingVisitor(server: RunningServer, defer: ReturnType<typeof deferred>, n: number) {
  const visitor: TestClient<VisitorServerMessage> = await connect(server, '/ws/visitor');
  defer(() => visitor.close());
  visitor.send({ type: 'hello', lang: 'fi', page: PAGE });
  await visitor.next(isType('welcome'));
  visitor.send({ type: 'handoff', id: `h${n}`, reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [] });
  const { conversationId } = (await visitor.next(isType('ack'))) as { conversationId: string };
  return { visitor, conversationId };
}

/** A visitor who said hello and asked for a person (handoff `h1`), and an agent logged in to the console: nobody has claimed. */
export async function visitorAndAgent(server: RunningServer, defer: ReturnType<typeof deferred>) {
  const visitor: TestClient<VisitorServerMessage> = await connect(server, '/ws/visitor');
  defer(() => visitor.close());
  visitor.send({ type: 'hello', lang: 'fi', page: PAGE });
  const { token } = await visitor.next(isType('welcome'));
  visitor.send({ type: 'handoff', id: 'h1', reason: 'no_answer', lang: 'fi', page: PAGE, steps: [] });
  const { conversationId } = (await visitor.next(isType('ack'))) as { conversationId: string };
  const agent: TestClient<AgentServerMessage> = await connect(server, '/ws/agent');
  defer(() => agent.close());
  agent.send({ type: 'hello', token: await login(server) });
  await agent.next(isType('welcome'));
  return { visitor, token, conversationId, agent };
}
