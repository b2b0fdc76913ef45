// One of two servers stops (a deploy, a scale-in) right after a write: what it had yet to tell the
// other server's consoles still reaches them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './app';
import { openPostgresStore } from './store/postgres';
import { connect, isType, login, PAGE, startTestServer, tempDir } from './test-support';
import { dropSchema, newSchema, servicesAvailable, TEST_DATABASE_URL, TEST_REDIS_URL } from './test-services';

const available = await servicesAvailable();

describe.runIf(available)('scale-out: a server that stops', () => {
  const schema = newSchema();
  const database = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  let dir: { dir: string; remove(): Promise<void> };
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    await (await openPostgresStore(TEST_DATABASE_URL, { schema })).close();
    dir = await tempDir();
    // The production debounce: long enough that A stops before its timer would fire.
    a = await startTestServer(dir.dir, { database, redis: TEST_REDIS_URL, queueDebounceMs: 50 });
    b = await startTestServer(dir.dir, { database, redis: TEST_REDIS_URL, queueDebounceMs: 50 });
  });
  afterAll(async () => {
    await b?.close();
    await dir?.remove();
    await dropSchema(schema);
  });

  it('pushes the queue of a handoff it acked just before stopping to the consoles on the other server', async () => {
    const console = await connect(b, '/ws/agent');
    console.send({ type: 'hello', token: await login(b) });
    await console.next(isType('welcome'));
    await console.next(isType('queue'));
    const visitor = await connect(a, '/ws/visitor');
    visitor.send({ type: 'hello', lang: 'fi', page: PAGE });
    const welcome = await visitor.next(isType('welcome'));
    const handoff = { type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [], visitor: { name: 'Matti' } };
    visitor.send(handoff);
    const { conversationId } = (await visitor.next(isType('ack'))) as { conversationId: string };
    const stopping = a.close();
    // The widget, cut off, reconnects to B and resends its handoff: a duplicate there.
    const back = await connect(b, '/ws/visitor');
    back.send({ type: 'hello', lang: 'fi', page: PAGE, token: welcome.token, conversationId, afterSeq: 0 });
    await back.next(isType('welcome'));
    back.send(handoff);
    await back.next(isType('ack'));
    await stopping;
    const queued = (f: { type: string; conversations?: { id: string }[] }) => f.type === 'queue' && (f.conversations ?? []).some((c) => c.id === conversationId);
    const seen = await console.next(queued, 3000).then(
      () => true,
      () => false,
    );
    back.close();
    console.close();
    expect(seen).toBe(true);
  });
});
