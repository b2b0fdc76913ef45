// Take the next visitor: two agents pressing it within one round trip each get a visitor, on one
// server or two sharing PostgreSQL, and a visitor who left is passed by.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentServerMessage } from '../protocol';
import type { RunningServer } from './app';
import { createMemoryBus } from './bus';
import { createConversations } from './conversations';
import { backends, type Backend } from './store/test-backends';
import type { Store } from './store/types';
import { addAgent, connect, deferred, DEMO_PASSWORD, handoffInput, isType, login, PAGE, startTestServer, tempDir, type TestClient } from './test-support';

const defer = deferred();
const aino = { id: 'aino', name: 'Aino' };
const eero = { id: 'eero', name: 'Eero' };
const nobodyLeft = () => false;

describe.each(backends.filter((b) => b.available))('Take the next visitor, in $name', ({ name, make }) => {
  let backend: Backend;
  let stores: Store[];
  beforeEach(async () => {
    backend = await make();
    const store = await backend.open();
    // Two servers: on PostgreSQL each with its own connections, as two processes; SQLite has one writer.
    stores = [store, name === 'PostgreSQL' ? await backend.open() : store];
    for (const [i, at] of [10, 20, 30].entries()) {
      await store.createVisitor(`v${i + 1}`, `hash-${i + 1}`, 1);
      await store.handoff(handoffInput(`v${i + 1}`, `c${i + 1}`, at));
    }
  });
  afterEach(async () => {
    for (const store of new Set(stores)) await store.close();
    await backend.remove();
  });
  const servers = () =>
    stores.map((store) => {
      const conversations = createConversations({ store, bus: createMemoryBus(), queueDebounceMs: 60_000, queuePreviewMs: 60_000 });
      defer(() => conversations.dispose());
      return conversations;
    });

  it('gives two agents pressing at once two visitors, the longest waiting first, then the next, then says nobody is left', async () => {
    const [one, two] = servers();
    const [a, e] = await Promise.all([one!.claimNext(aino, 'n1', nobodyLeft).outcome, two!.claimNext(eero, 'n2', nobodyLeft).outcome]);
    expect([a, e].every((o) => o.ok)).toBe(true);
    const taken = [a, e].map((o) => (o.ok ? o.conversationId : o.code));
    expect(taken.sort()).toEqual(['c1', 'c2']);
    expect(await one!.claimNext(aino, 'n3', nobodyLeft).outcome).toMatchObject({ ok: true, conversationId: 'c3' });
    expect(await two!.claimNext(eero, 'n4', nobodyLeft).outcome).toEqual({ ok: false, code: 'already_claimed' });
    const open = await stores[0]!.openConversations();
    expect(open.map((c) => [c.id, c.agent?.id])).toEqual([
      ['c1', expect.any(String)],
      ['c2', expect.any(String)],
      ['c3', 'aino'],
    ]);
  });

  it('passes by visitors who left, and takes none of them when only they wait', async () => {
    const [one] = servers();
    const left = (c: { visitorId: string }) => c.visitorId !== 'v2';
    expect(await one!.claimNext(aino, 'n1', left).outcome).toMatchObject({ ok: true, conversationId: 'c2' });
    expect(await one!.claimNext(aino, 'n2', left).outcome).toEqual({ ok: false, code: 'already_claimed' });
    expect((await stores[0]!.openConversations()).filter((c) => c.status === 'queued').map((c) => c.id)).toEqual(['c1', 'c3']);
  });
});

describe('Take the next visitor on the agent socket', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let server: RunningServer;
  beforeEach(async () => {
    dir = await tempDir();
    server = await startTestServer(dir.dir);
  });
  afterEach(async () => {
    await server.close();
    await dir.remove();
  });

  const agentAs = async (as: string, password: string) => {
    const agent: TestClient<AgentServerMessage> = await connect(server, '/ws/agent');
    defer(() => agent.close());
    agent.send({ type: 'hello', token: await login(server, password, as) });
    await agent.next(isType('welcome'));
    return agent;
  };

  it('answers two consoles pressing it with the same visitor at the top with two visitors, each named in its ack', async () => {
    const ids: string[] = [];
    for (const n of [1, 2]) {
      const visitor = await connect(server, '/ws/visitor');
      defer(() => visitor.close());
      visitor.send({ type: 'hello', lang: 'fi', page: PAGE });
      await visitor.next(isType('welcome'));
      visitor.send({ type: 'handoff', id: `h${n}`, reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [] });
      ids.push(((await visitor.next(isType('ack'))) as { conversationId: string }).conversationId);
    }
    await addAgent(join(dir.dir, 'data'), 'eero', 'Eero', 'eero-password-123');
    const [demo, other] = [await agentAs('demo', DEMO_PASSWORD), await agentAs('eero', 'eero-password-123')];
    // Both consoles show the first visitor at the top, and both press within one round trip.
    demo.send({ type: 'claim', id: 'next-1', conversationId: ids[0], next: true });
    other.send({ type: 'claim', id: 'next-2', conversationId: ids[0], next: true });
    const acks = await Promise.all([demo.next(isType('ack')), other.next(isType('ack'))]);
    expect(acks.map((a) => a.conversationId).sort()).toEqual([...ids].sort());
    expect(demo.received.filter(isType('error'))).toEqual([]);
    expect(other.received.filter(isType('error'))).toEqual([]);
  });
});
