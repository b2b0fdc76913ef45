// Retention beside a running server: a visitor whose conversations are old enough to go, but
// who is on the site right now, keeps their identity and can hand off again.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { prune } from './store/erase';
import { DATABASE_FILE, openSqliteStore } from './store/sqlite';
import { connect, handoffInput, isType, PAGE, startTestServer, tempDir } from './test-support';
import { hashToken } from './tokens';

let dir: { dir: string; remove(): Promise<void> };
beforeEach(async () => (dir = await tempDir()));
afterEach(() => dir.remove());

it('prune keeps a visitor who said hello since the cut-off, and their next handoff is stored', async () => {
  const file = join(dir.dir, 'data', DATABASE_FILE);
  await mkdir(join(dir.dir, 'data'), { recursive: true });
  // A visitor from long ago, with one closed conversation, long idle.
  const token = 'old-visitor-token-0123456789';
  const before = openSqliteStore(file, { checkpointMs: 0 });
  await before.createVisitor('old', hashToken(token), 1);
  await before.handoff(handoffInput('old', 'c-old', 2));
  await before.closeConversation('c-old', 'visitor', null, 'x-old', 3);
  await before.close();

  const server = await startTestServer(dir.dir);
  try {
    const v = await connect(server, '/ws/visitor');
    v.send({ type: 'hello', token, lang: 'fi', page: PAGE });
    expect(await v.next(isType('welcome'))).toMatchObject({ visitorId: 'old' });
    // Retention of a minute, run while they are on the site.
    expect(await prune(file, Date.now() - 60_000)).toMatchObject({ conversations: 1, visitors: 0 });
    v.send({ type: 'handoff', id: 'h-new', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [] });
    expect(await v.next((f) => f.type === 'ack' || f.type === 'error')).toMatchObject({ type: 'ack', id: 'h-new' });
    v.close();
  } finally {
    await server.close();
  }
});

it('records a returning visitor’s hello at most hourly, so a page load mid-chat does not wait for a write', async () => {
  const file = join(dir.dir, 'data', DATABASE_FILE);
  await mkdir(join(dir.dir, 'data'), { recursive: true });
  const token = 'returning-visitor-token-0123456789';
  const before = openSqliteStore(file, { checkpointMs: 0 });
  await before.createVisitor('back', hashToken(token), 1);
  await before.close();
  const lastSeen = () => {
    const store = openSqliteStore(file, { checkpointMs: 0 });
    return store.visitorByTokenHash(hashToken(token)).finally(() => store.close());
  };
  const server = await startTestServer(dir.dir);
  try {
    const hello = async () => {
      const v = await connect(server, '/ws/visitor');
      v.send({ type: 'hello', token, lang: 'fi', page: PAGE });
      await v.next(isType('welcome'));
      v.close();
    };
    await hello();
    const first = (await lastSeen())?.lastSeenAt ?? 0;
    expect(first).toBeGreaterThan(Date.now() - 60_000);
    await new Promise((r) => setTimeout(r, 20));
    await hello();
    expect((await lastSeen())?.lastSeenAt).toBe(first);
  } finally {
    await server.close();
  }
});
