// One of two servers dies right after acking a handoff, before its queue push (debounced) went
// out: the visitor's widget reconnects to the other server, and the consoles there must still
// come to list the conversation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './app';
import { openPostgresStore } from './store/postgres';
import { connect, isType, login, PAGE, startTestServer, tempDir } from './test-support';
import { dropSchema, newSchema, servicesAvailable, TEST_DATABASE_URL, TEST_REDIS_URL } from './test-services';

const available = await servicesAvailable();

describe.runIf(available)('scale-out: a server that dies after an ack', () => {
  const schema = newSchema();
  const database = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  let dir: { dir: string; remove(): Promise<void> };
  let dying: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    await (await openPostgresStore(TEST_DATABASE_URL, { schema })).close();
    dir = await tempDir();
    // A push that never comes while the test runs: as if the server were killed within its debounce.
    dying = await startTestServer(dir.dir, { database, redis: TEST_REDIS_URL, queueDebounceMs: 600_000, queuePreviewMs: 600_000 });
    b = await startTestServer(dir.dir, { database, redis: TEST_REDIS_URL });
  });
  afterAll(async () => {
    await dying?.close();
    await b?.close();
    await dir?.remove();
    await dropSchema(schema);
  });

  it('lists a handoff whose server never pushed the queue once its visitor is back on another server', async () => {
    const console = await connect(b, '/ws/agent');
    console.send({ type: 'hello', token: await login(b) });
    await console.next(isType('welcome'));
    await console.next(isType('queue'));
    const visitor = await connect(dying, '/ws/visitor');
    visitor.send({ type: 'hello', lang: 'fi', page: PAGE });
    const welcome = await visitor.next(isType('welcome'));
    visitor.send({ type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [], visitor: { name: 'Matti' } });
    const { conversationId } = (await visitor.next(isType('ack'))) as { conversationId: string };
    visitor.close();
    // The widget, cut off, comes back on the other server; its handoff was acked, so nothing is resent.
    const back = await connect(b, '/ws/visitor');
    back.send({ type: 'hello', lang: 'fi', page: PAGE, token: welcome.token, conversationId, afterSeq: 1 });
    await back.next(isType('welcome'));
    const listed = (f: { type: string; conversations?: { id: string }[] }) => f.type === 'queue' && (f.conversations ?? []).some((c) => c.id === conversationId);
    const seen = await console.next(listed, 5000).then(
      () => true,
      () => false,
    );
    back.close();
    console.close();
    expect(seen).toBe(true);
  });
});
