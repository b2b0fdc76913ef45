// A waiting visitor who left more than an hour ago is still gone for the queue: Take the next
// visitor passes them by and their card says since when they left (visitor-presence.ts FORGET_MS
// used to forget them, and no state counts as on the site).
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { createMemoryBus } from './bus';
import { createConversations } from './conversations';
import { queueFrame } from './queue-frame';
import { openSqliteStore } from './store/sqlite';
import { handoffInput, tempDir } from './test-support';
import { createVisitorPresence, FORGET_MS, whileOpen } from './visitor-presence';

afterEach(() => vi.useRealTimers());

it('passes by, and shows as left, a waiting visitor who left more than an hour ago', async () => {
  const dir = await tempDir();
  const store = openSqliteStore(join(dir.dir, 'k.sqlite'), { checkpointMs: 0 });
  await store.createVisitor('v1', 'h1', 1);
  await store.createVisitor('v2', 'h2', 1);
  await store.handoff(handoffInput('v1', 'c1', 10)); // asked first, then left
  await store.handoff(handoffInput('v2', 'c2', 20)); // still on the site
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  const presence = createVisitorPresence(() => {}, 15_000, { remember: whileOpen(store) });
  presence.connected('v1')();
  presence.connected('v2');
  await vi.advanceTimersByTimeAsync(15_000 + 2 * FORGET_MS);
  vi.useRealTimers();
  // As agent-socket.ts's card (leftSince) and Take the next visitor's predicate.
  const leftSince = (id: string) => {
    const s = presence.state(id);
    return s && !s.online ? s.since : undefined;
  };
  const card = queueFrame(await store.openConversations(), leftSince).conversations.find((c) => c.id === 'c1');
  expect(card?.visitorLeft).toBeTypeOf('number');
  const conversations = createConversations({ store, bus: createMemoryBus(), queueDebounceMs: 60_000, queuePreviewMs: 60_000 });
  const taken = await conversations.claimNext({ id: 'aino', name: 'Aino' }, 'n1', (c) => presence.state(c.visitorId)?.online === false).outcome;
  conversations.dispose();
  presence.dispose();
  await store.close();
  await dir.remove();
  expect(taken).toMatchObject({ ok: true, conversationId: 'c2' });
});
