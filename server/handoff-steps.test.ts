import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VisitorServerMessage } from '../protocol';
import type { RunningServer } from './app';
import { connect, isType, login, PAGE, startTestServer, tempDir, type TestClient } from './test-support';

let dir: { dir: string; remove(): Promise<void> };
let server: RunningServer;
beforeEach(async () => {
  dir = await tempDir();
  server = await startTestServer(dir.dir);
});
afterEach(async () => {
  await server.close();
  await dir.remove();
});

const query = (at: number) => ({ at, body: { kind: 'bot.query', query: 'hei', decision: 'none', results: [] } });

async function handoffWith(steps: object[], sentAt?: number): Promise<{ v: TestClient<VisitorServerMessage>; conversationId: string }> {
  const v = await connect(server, '/ws/visitor');
  v.send({ type: 'hello', lang: 'fi', page: PAGE });
  await v.next(isType('welcome'));
  v.send({ type: 'handoff', id: 'h1', reason: 'no_answer', lang: 'fi', page: PAGE, steps, ...(sentAt === undefined ? {} : { sentAt }) });
  const { conversationId } = await v.next(isType('ack'));
  return { v, conversationId };
}

describe("a handoff's bot steps", () => {
  it("are dated by the visitor's clock, but never after the handoff by the server's", async () => {
    const before = Date.now();
    const { v, conversationId } = await handoffWith([query(before - 60_000), query(8.64e15)]);
    const a = await connect(server, '/ws/agent');
    a.send({ type: 'hello', token: await login(server) });
    await a.next(isType('welcome'));
    a.send({ type: 'open', conversationId, afterSeq: 0 });
    await a.next((f) => f.type === 'events' && f.events.some((e) => e.body.kind === 'handoff'));
    const [first, second, handoff] = a.events(conversationId);
    expect(first?.at).toBe(before - 60_000);
    expect(second?.at).toBe(handoff?.at);
    expect(handoff?.at).toBeLessThanOrEqual(Date.now());
    a.close();
    v.close();
  });

  it("are set by the server's clock when the visitor's is off, as the widget says what its clock read as the handoff went", async () => {
    // The visitor's clock is an hour slow: they asked the bot a minute before handing off.
    const hour = 3_600_000;
    const { v, conversationId } = await handoffWith([query(Date.now() - hour - 60_000)], Date.now() - hour);
    const a = await connect(server, '/ws/agent');
    a.send({ type: 'hello', token: await login(server) });
    await a.next(isType('welcome'));
    a.send({ type: 'open', conversationId, afterSeq: 0 });
    await a.next((f) => f.type === 'events' && f.events.some((e) => e.body.kind === 'handoff'));
    const [asked, handoff] = a.events(conversationId);
    // "asked the bot 15:54" just before "Handed off 16:54" it was: a minute before, not an hour.
    expect(handoff!.at - asked!.at).toBeGreaterThanOrEqual(59_000);
    expect(handoff!.at - asked!.at).toBeLessThan(65_000);
    a.close();
    v.close();
  });
});
