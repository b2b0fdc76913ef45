import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { waitingOrder } from '../../protocol';
import { tempDir } from '../test-support';
import { DATABASE_FILE, openSqliteStore } from './sqlite';
import { describeStoreContract } from './store-contract';

describeStoreContract('SQLite store', async () => openSqliteStore(':memory:'));

it('gives a database from before returned conversations waited first the column, and its queue still reads', async () => {
  const dir = await tempDir();
  try {
    const file = join(dir.dir, DATABASE_FILE);
    const before = openSqliteStore(file, { checkpointMs: 0 });
    await before.createVisitor('v1', 'hash-1', 1);
    await before.handoff({
      visitorId: 'v1', handoffId: 'h1', conversationId: 'c1', at: 10, lang: 'fi', page: { url: 'https://x.example/', title: 'X' },
      reason: 'no_answer', visitor: {}, questions: [], botAnswers: [], events: [],
    });
    await before.close();
    // As an older server left it: no released_at.
    const raw = new Database(file);
    raw.exec('ALTER TABLE conversations DROP COLUMN released_at');
    raw.close();

    const after = openSqliteStore(file, { checkpointMs: 0 });
    try {
      expect(await after.openConversations()).toMatchObject([{ id: 'c1', queuedAt: 10 }]);
      await after.claim('c1', { id: 'aino', name: 'Aino' }, 'k1', 20);
      await after.release('c1', { id: 'aino', name: 'Aino' }, 'r1', 30);
      expect(waitingOrder(await after.openConversations())).toMatchObject([{ id: 'c1', queuedAt: 30, returned: true }]);
    } finally {
      await after.close();
    }
  } finally {
    await dir.remove();
  }
});
