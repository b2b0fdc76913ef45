import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { waitingOrder } from '../../protocol';
import { tempDir } from '../test-support';
import { DATABASE_FILE, openSqliteStore } from './sqlite';
import { describeStoreContract } from './store-contract';
import type { Store } from './types';

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

describe('the write-ahead log', () => {
  const MB = 1024 * 1024;
  const walBytes = (file: string) => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
  /** A visitor in a conversation, and a way to store `count` files of `bytes` each into it, one write each. */
  const withConversation = async (store: Store) => {
    await store.createVisitor('v1', 'hash-1', 1);
    await store.handoff({
      visitorId: 'v1', handoffId: 'h1', conversationId: 'c1', at: 10, lang: 'fi', page: { url: 'https://x.example/', title: 'X' },
      reason: 'no_answer', visitor: {}, questions: [], botAnswers: [], events: [],
    });
    let n = 0;
    return async (count: number, bytes: number) => {
      for (let i = 0; i < count; i++, n++) {
        const file = { id: `f${n}`, type: 'application/pdf' as const, name: `${n}.pdf`, bytes: Buffer.alloc(bytes, n) };
        const body = { kind: 'file' as const, fileId: file.id, name: file.name, type: file.type, size: bytes };
        expect((await store.visitorMessage('v1', { clientId: `m${n}`, at: 20 + n, role: 'visitor', body }, file)).ok).toBe(true);
      }
    };
  };

  it('is emptied by the checkpointer once it has grown past its limit, not kept at its largest', async () => {
    const dir = await tempDir();
    const file = join(dir.dir, DATABASE_FILE);
    const store = openSqliteStore(file, { checkpointMs: 20, walLimitBytes: MB });
    try {
      const send = await withConversation(store);
      // A burst of files, as an upload flood wrote: the log takes every byte first.
      await send(1, 6 * MB);
      expect(walBytes(file)).toBeGreaterThan(5 * MB);
      // A passive checkpoint alone copies the frames back and leaves the file as big as it got.
      await vi.waitFor(() => expect(walBytes(file)).toBeLessThanOrEqual(MB), { timeout: 10_000, interval: 50 });
      // Writes go on as before.
      await send(3, 1000);
      expect(await store.file('f3')).toMatchObject({ bytes: Buffer.alloc(1000, 3) });
    } finally {
      await store.close();
      await dir.remove();
    }
  });

  it('is cut back to its limit when a writer starts it again, also where SQLite checkpoints inline (no worker)', async () => {
    const dir = await tempDir();
    const file = join(dir.dir, DATABASE_FILE);
    const store = openSqliteStore(file, { checkpointMs: 0, walLimitBytes: MB });
    try {
      const send = await withConversation(store);
      await send(1, 6 * MB);
      // SQLite's own checkpoint (every 1000 pages) has copied it back; the next writes start the log again.
      await send(2, 1000);
      expect(walBytes(file)).toBeLessThanOrEqual(MB);
    } finally {
      await store.close();
      await dir.remove();
    }
  });
});
