// Found by the chaos work (README "Findings"): a second tab remembers the last seq of the
// visitor's previous conversation; that one is closed and rated, and a new, longer one has
// started since. Without `hello.conversationId` the server took the old number as a position
// in the new conversation and replayed only what came after it, so the tab never showed the
// new conversation's start. The hello now says which conversation its afterSeq belongs to.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../support/server-process';

const PASSWORD = 'chaos-demo-password';
const PAGE = { url: 'https://kauppa.example/tilaukset', title: 'Tilaukset' };

type Frame = { type: string; [key: string]: unknown };

/** A bare protocol socket: send frames, await the next frame of a type. */
async function socket(url: string) {
  const ws = new WebSocket(url);
  const inbox: Frame[] = [];
  const waiting: (() => void)[] = [];
  ws.on('message', (data) => {
    inbox.push(JSON.parse(String(data)) as Frame);
    for (const wake of waiting.splice(0)) wake();
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const next = async (type: string, timeoutMs = 3_000): Promise<Frame> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const at = inbox.findIndex((f) => f.type === type);
      if (at !== -1) return inbox.splice(at, 1)[0]!;
      if (Date.now() > until) throw new Error(`no ${type} frame within ${timeoutMs} ms`);
      await new Promise<void>((wake) => {
        waiting.push(wake);
        setTimeout(wake, 50);
      });
    }
  };
  return { send: (frame: object) => ws.send(JSON.stringify(frame)), next, inbox, close: () => ws.terminate() };
}

describe('a visitor resuming with the seq of an earlier conversation', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kohtaamo-resume-'));
  let server: ServerProcess | undefined;

  afterAll(async () => {
    await server?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gets the new conversation replayed from its first event', async () => {
    server = await startServer({ dataDir, env: { KOHTAAMO_DEMO_PASSWORD: PASSWORD } });
    const ws = `ws://127.0.0.1:${server.port}`;
    const response = await fetch(`http://127.0.0.1:${server.port}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'demo', password: PASSWORD }),
    });
    const { token: agentToken } = (await response.json()) as { token: string };
    const agent = await socket(`${ws}/ws/agent`);
    agent.send({ type: 'hello', token: agentToken });
    await agent.next('welcome');
    const agentWrites = async (frame: Frame) => {
      agent.send(frame);
      for (;;) {
        const ack = await agent.next('ack');
        if (ack.id === frame.id) return ack;
      }
    };

    // Tab 1: a first conversation, answered, closed and rated.
    const tab1 = await socket(`${ws}/ws/visitor`);
    tab1.send({ type: 'hello', lang: 'fi', page: PAGE });
    const { token } = await tab1.next('welcome');
    tab1.send({ type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [] });
    const first = (await tab1.next('ack')).conversationId as string;
    await agentWrites({ type: 'claim', id: 'c1', conversationId: first });
    await agentWrites({ type: 'close', id: 'x1', conversationId: first });
    tab1.send({ type: 'rate', id: 'r1', score: 5 });
    const lastSeqOfFirst = (await tab1.next('ack')).seq as number;

    // A second, longer conversation.
    tab1.send({ type: 'handoff', id: 'h2', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [] });
    const second = (await tab1.next('ack')).conversationId as string;
    expect(second).not.toBe(first);
    await agentWrites({ type: 'claim', id: 'c2', conversationId: second });
    for (let n = 1; n <= 6; n++) await agentWrites({ type: 'msg', id: `a${n}`, conversationId: second, text: `vastaus ${n}` });
    tab1.close();

    // Tab 2 still remembers the first conversation's last seq.
    const tab2 = await socket(`${ws}/ws/visitor`);
    tab2.send({ type: 'hello', token, afterSeq: lastSeqOfFirst, conversationId: first, lang: 'fi', page: PAGE });
    const welcome = await tab2.next('welcome');
    expect((welcome.conversation as { id: string }).id).toBe(second);
    const replayed = (await tab2.next('events')).events as { seq: number }[];
    tab2.close();
    agent.close();
    expect(replayed[0]?.seq).toBe(1);
  });
});
