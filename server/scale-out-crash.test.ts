// One of two servers dies right after acking a handoff, before its queue push (debounced) went
// out: the visitor's widget reconnects to the other server, and the consoles there must still
// come to list the conversation. Or one dies between storing a message and publishing it: the
// widget, never acked, sends it again, and the console on the other server must hear it then.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentServerMessage } from '../protocol';
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

  it('tells a console on the other server of a message stored by a server that died before publishing it, once its widget resends it', async () => {
    const console = await connect(dying, '/ws/agent');
    const visitor = await connect(b, '/ws/visitor');
    try {
      console.send({ type: 'hello', token: await login(dying) });
      await console.next(isType('welcome'));
      visitor.send({ type: 'hello', lang: 'fi', page: PAGE });
      await visitor.next(isType('welcome'));
      visitor.send({ type: 'handoff', id: 'h2', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [] });
      const { conversationId } = (await visitor.next(isType('ack'))) as { conversationId: string };
      console.send({ type: 'claim', id: 'k2', conversationId });
      console.send({ type: 'open', conversationId, afterSeq: 0 });
      const sawSeq = (seq: number) => (f: AgentServerMessage) => f.type === 'events' && f.events.some((e) => e.seq === seq);
      await console.next(sawSeq(2), 5000);
      // The widget's first server stored the message and died before its publish; the widget never had its ack.
      const store = await openPostgresStore(TEST_DATABASE_URL, { schema });
      try {
        const visitorId = (await store.conversation(conversationId))?.visitorId ?? '';
        await store.visitorMessage(visitorId, { clientId: 'm1', at: Date.now(), role: 'visitor', body: { kind: 'text', text: 'Onko paketti jo matkalla?' } });
      } finally {
        await store.close();
      }
      visitor.send({ type: 'msg', id: 'm1', text: 'Onko paketti jo matkalla?' });
      expect(await visitor.next(isType('ack'))).toMatchObject({ id: 'm1', seq: 3 });
      await console.next(sawSeq(3), 5000);
      // Once: the resend stored nothing new, and the console's feed drops what it has sent.
      visitor.send({ type: 'msg', id: 'm2', text: 'Kiitos' });
      await console.next(sawSeq(4), 5000);
      expect(console.events(conversationId).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    } finally {
      visitor.close();
      console.close();
    }
  });
});
