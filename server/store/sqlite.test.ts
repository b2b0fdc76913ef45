import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { waitingOrder } from '../../protocol';
import { tempDir } from '../test-support';
import { DATABASE_FILE, openSqliteStore } from './sqlite';
import { SCHEMA_VERSION } from './schema-version';
import { SQLITE_SEARCH, sqliteSearchParameters } from './search';
import { describeStoreContract } from './store-contract';
import { handoff, text } from './store-contract-drafts';
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

it("fills the search's folded text into a database from before it was kept, and finds there what it found before", async () => {
  const dir = await tempDir();
  try {
    const file = join(dir.dir, DATABASE_FILE);
    const before = openSqliteStore(file, { checkpointMs: 0 });
    await before.createVisitor('v1', 'hash-1', 1);
    await before.createVisitor('v2', 'hash-2', 1);
    await before.handoff(handoff({ visitor: { name: 'İlkka Äijälä', email: 'Ilkka@Example.fi' }, questions: ['Missä PAKETTI on?'] }));
    await before.visitorMessage('v1', text('m1', 'Tilausnumero 12345'));
    const pdf = { id: 'f1', type: 'application/pdf' as const, name: 'Kuitti.pdf', bytes: Buffer.from('%PDF') };
    await before.visitorMessage('v1', { clientId: 'm2', at: 21, role: 'visitor', body: { kind: 'file', fileId: 'f1', name: 'Kuitti.pdf', type: pdf.type, size: 4 } }, pdf);
    await before.note('c1', { id: 'aino', name: 'Aino' }, 'n1', 'Hyvitys TEHTY', 22);
    await before.closeConversation('c1', 'visitor', null, 'x1', 30);
    await before.rate('v1', 2, 'Liian HIDAS', 'r1', 31);
    await before.handoff(handoff({ visitorId: 'v2', handoffId: 'h2', conversationId: 'c2', at: 40, visitor: { name: 'Ilkka Virtanen' }, questions: ['Paketti hukassa'] }));
    const queries = ['ilkka', 'äijälä', 'ilkka@example', 'paketti', '12345', 'kuitti.pdf', 'hyvitys', 'hidas', 'aino', 'no_answer', 'c2', 'v1', 'ei löydy'];
    const search = async (store: typeof before) => Promise.all(queries.map(async (query) => (await store.searchConversations(query, 20)).map((c) => c.id)));
    const found = await search(before);
    expect(found).toEqual([['c2', 'c1'], ['c1'], ['c1'], ['c2', 'c1'], ['c1'], ['c1'], ['c1'], ['c1'], [], [], ['c2'], ['c1'], []]);
    await before.close();
    // As the release before left it: no folded text beside the rows, schema version 1.
    const raw = new Database(file);
    raw.exec('ALTER TABLE conversations DROP COLUMN search_summary; ALTER TABLE conversations DROP COLUMN search_comment; ALTER TABLE events DROP COLUMN search_text');
    raw.pragma('user_version = 1');
    raw.close();

    const after = openSqliteStore(file, { checkpointMs: 0 });
    try {
      expect(await search(after)).toEqual(found);
      await after.visitorMessage('v2', text('m3', 'Uusi VIESTI'));
      expect((await after.searchConversations('uusi viesti', 20)).map((c) => c.id)).toEqual(['c2']);
    } finally {
      await after.close();
    }
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  } finally {
    await dir.remove();
  }
});

it("fills a database from before rows kept it with each visitor's first text message, the card's title", async () => {
  const dir = await tempDir();
  try {
    const file = join(dir.dir, DATABASE_FILE);
    const before = openSqliteStore(file, { checkpointMs: 0 });
    const aino = { id: 'aino', name: 'Aino' };
    await before.createVisitor('v1', 'hash-1', 1);
    await before.createVisitor('v2', 'hash-2', 1);
    await before.handoff(handoff({ questions: [], botAnswers: [] }));
    await before.visitorMessage('v1', text('m1', 'Sohva ei tullut'));
    await before.visitorMessage('v1', text('m2', 'Kuuletteko?'));
    await before.claim('c1', aino, 'k1', 21);
    await before.append('c1', { clientId: 'a1', at: 22, role: 'agent', name: 'Aino', body: { kind: 'text', text: 'Tarkistan' } }, { agentId: 'aino' });
    await before.handoff(handoff({ visitorId: 'v2', handoffId: 'h2', conversationId: 'c2', at: 40, questions: [] }));
    await before.close();
    // As the release before left it: no first_text, schema version 2.
    const raw = new Database(file);
    raw.exec('ALTER TABLE conversations DROP COLUMN first_text');
    raw.pragma('user_version = 2');
    raw.close();

    const after = openSqliteStore(file, { checkpointMs: 0 });
    try {
      const open = await after.openConversations();
      expect(open.map((c) => [c.id, c.firstText, c.lastText])).toEqual([['c1', 'Sohva ei tullut', 'Tarkistan'], ['c2', undefined, undefined]]);
      await after.visitorMessage('v2', text('m3', 'Kuva sohvasta'));
      expect((await after.conversation('c2'))?.firstText).toBe('Kuva sohvasta');
    } finally {
      await after.close();
    }
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  } finally {
    await dir.remove();
  }
});

it("searches with SQLite's own functions alone, so that no JavaScript runs for each row it reads", async () => {
  // With a function of ours in it, a search of 20,000 conversations held every chat up for 70 ms
  // (`npm run bench search`); a connection without them (as here) could not run it at all.
  const dir = await tempDir();
  try {
    const file = join(dir.dir, DATABASE_FILE);
    const store = openSqliteStore(file, { checkpointMs: 0 });
    await store.createVisitor('v1', 'hash-1', 1);
    await store.handoff(handoff({ visitor: { name: 'Äijälä' }, questions: ['Missä paketti?'] }));
    await store.visitorMessage('v1', text('m1', 'Tilausnumero 12345'));
    await store.close();
    const raw = new Database(file, { readonly: true });
    try {
      const search = raw.prepare<ReturnType<typeof sqliteSearchParameters>, { id: string }>(`SELECT c.id FROM conversations c ${SQLITE_SEARCH}`);
      for (const query of ['ÄIJÄLÄ', 'PAKETTI', '12345']) expect(search.all(sqliteSearchParameters(query, 20))).toEqual([{ id: 'c1' }]);
      expect(search.all(sqliteSearchParameters('zzqqxx', 20))).toEqual([]);
    } finally {
      raw.close();
    }
  } finally {
    await dir.remove();
  }
});

it('matches a query holding U+0000 in no field: the fields are kept apart by it (search.ts)', async () => {
  const store = openSqliteStore(':memory:');
  await store.createVisitor('v1', 'hash-1', 1);
  await store.handoff(handoff({ visitor: { name: 'Aino', email: 'lahti@example.fi' }, questions: ['Toimitus?'] }));
  expect((await store.searchConversations('aino', 20)).map((c) => c.id)).toEqual(['c1']);
  expect(await store.searchConversations('aino\u0000lahti', 20)).toEqual([]);
  expect(await store.searchConversations('\u0000', 20)).toEqual([]);
  await store.close();
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

it("stops normally when the disk is full at the last checkpoint: says once that the log is kept, closes the file, and the next start has every write", async () => {
  const dir = await tempDir();
  const file = join(dir.dir, DATABASE_FILE);
  const said: string[] = [];
  const store = openSqliteStore(file, { checkpointMs: 60_000, log: (line) => said.push(line) });
  const pragma = Database.prototype.pragma;
  const spy = vi.spyOn(Database.prototype, 'pragma').mockImplementation(function (this: Database.Database, source: string, options?: Database.PragmaOptions) {
    if (source === 'wal_checkpoint(TRUNCATE)') throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
    return pragma.call(this, source, options);
  });
  try {
    await store.createVisitor('v1', 'hash-1', 1);
    await expect(store.close()).resolves.toBeUndefined();
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      new RegExp(`^Stopping, the last checkpoint of ${file} failed: the disk is full( \\(\\d+ KB free\\))?\\. Nothing is lost: its write-ahead log \\(${file}-wal\\) is kept and replayed at the next start\\. Before that start: free space on the disk holding ${dir.dir}\\.$`),
    );
  } finally {
    spy.mockRestore();
  }
  const again = openSqliteStore(file, { checkpointMs: 0 });
  try {
    expect(await again.visitorByTokenHash('hash-1')).toMatchObject({ id: 'v1' });
  } finally {
    await again.close();
    await dir.remove();
  }
});
