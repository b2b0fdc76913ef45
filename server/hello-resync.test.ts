// A hello reads the store after it starts listening, and sends nothing heard before its welcome.
// Told meanwhile to read again (Redis back after an outage, during which the hello did not wait
// for its subscription), or told of a change the read may predate, it reads again after the welcome.
import { expect, it } from 'vitest';
import type { VisitorServerMessage } from '../protocol';
import { createServer } from './app';
import { createMemoryBus, topics } from './bus';
import { openSqliteStore } from './store/sqlite';
import type { Store } from './store/types';
import { connect, deferred, isType, PAGE, tempDir, testConfig } from './test-support';
import type { TestClient } from './test-support';

const defer = deferred();

it("reads the visitor's conversation again after the welcome when told to while reading it", async () => {
  const dir = await tempDir();
  const sqlite = openSqliteStore(':memory:');
  // The next read of the visitor's conversation answers what it found, but only once let go.
  let hold: { reading: () => void; release: Promise<void> } | null = null;
  const store: Store = {
    ...sqlite,
    async currentConversation(visitorId) {
      const found = await sqlite.currentConversation(visitorId);
      const held = hold;
      hold = null;
      if (held) {
        held.reading();
        await held.release;
      }
      return found;
    },
  };
  const bus = createMemoryBus();
  const server = await createServer(await testConfig(dir.dir), { store, bus, log: () => {}, info: () => {} });
  defer(dir.remove, () => server.close());

  const first: TestClient<VisitorServerMessage> = await connect(server, '/ws/visitor');
  defer(() => first.close());
  first.send({ type: 'hello', lang: 'fi', page: PAGE });
  const { token, visitorId } = await first.next(isType('welcome'));
  first.send({ type: 'handoff', id: 'h1', reason: 'no_answer', lang: 'fi', page: PAGE, steps: [] });
  const { conversationId } = (await first.next(isType('ack'))) as { conversationId: string };
  first.close();

  // The visitor's next page: its hello reads the conversation (queued); an agent claims it before
  // the read's answer is used, and that news was lost (published while the bus was cut off).
  let release = () => {};
  const reading = new Promise<void>((resolve) => (hold = { reading: resolve, release: new Promise<void>((r) => (release = r)) }));
  const next: TestClient<VisitorServerMessage> = await connect(server, '/ws/visitor');
  defer(() => next.close());
  next.send({ type: 'hello', lang: 'fi', page: PAGE, token, conversationId, afterSeq: 0 });
  await reading;
  await sqlite.claim(conversationId, { id: 'aino', name: 'Aino' }, 'k1', Date.now());
  bus.publish(topics.visitor(visitorId), { kind: 'resync' });
  release();

  expect((await next.next(isType('welcome'))).conversation?.status).toBe('queued');
  const status = await next.next(isType('status'));
  expect(status.conversation.status).toBe('active');
});
