// What `kohtaamo data forget` deletes must be gone from the bytes on disk, not only from
// queries: neither an old copy the server left in a page's free space when it rewrote a row, nor
// a frame of the write-ahead log, which outlives the rows it wrote until the log is emptied.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { handoffInput, tempDir } from '../test-support';
import { forget } from './erase';
import { DATABASE_FILE, openSqliteStore } from './sqlite';

/** How many times `text` occurs in the file's bytes (0 when there is no file). */
function occurrences(file: string, text: string): number {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return 0;
  }
  let n = 0;
  for (let i = bytes.indexOf(text); i >= 0; i = bytes.indexOf(text, i + 1)) n++;
  return n;
}

it('leaves no copy of a forgotten conversation in the database file or its log, beside a live server and another conversation', async () => {
  const dir = await tempDir();
  const file = join(dir.dir, DATABASE_FILE);
  // The server's own connection, open all along, as beside `npm start`; its checkpoints are
  // run by hand below, as its worker would (checkpointMs: 0 turns the worker off).
  const server = openSqliteStore(file, { checkpointMs: 0 });
  try {
    const secrets = ['VISITORSECRETMSG', 'SECRETTOKEN123', 'AGENTSECRETREPLY', 'matti@example.fi'];
    await server.createVisitor('matti', 'h-matti', 1);
    await server.handoff({ ...handoffInput('matti', 'c-matti', 2), visitor: { email: 'matti@example.fi' } });
    await server.createVisitor('pekka', 'h-pekka', 1);
    await server.handoff(handoffInput('pekka', 'c-pekka', 2));
    // Each message rewrites the conversation's row (its newest text): the row's old copy is
    // left in the page's free space unless the server's connection overwrites it.
    const say = (visitor: string, i: number, text: string) => server.visitorMessage(visitor, { clientId: `${visitor}-${i}`, at: 3 + i, role: 'visitor', body: { kind: 'text', text } });
    await say('matti', 0, 'Tilaus VISITORSECRETMSG');
    await say('pekka', 0, 'Hei, missä paketti?');
    await say('matti', 1, 'Koodi SECRETTOKEN123');
    await server.claim('c-matti', { id: 'aino', name: 'Aino' }, 'claim', 5);
    await server.append('c-matti', { clientId: 'a-1', at: 6, role: 'agent', name: 'Aino', body: { kind: 'text', text: 'AGENTSECRETREPLY' } }, { agentId: 'aino' });
    await say('matti', 2, 'Kiitos');
    await say('pekka', 1, 'Kiitos vastauksesta');
    await server.closeConversation('c-matti', 'visitor', null, 'x', 7);
    // Copied into the database file by a checkpoint, then written again after it: copies in both files.
    checkpoint(file);
    await say('pekka', 2, 'Vielä yksi kysymys');
    for (const secret of secrets) expect(occurrences(file, secret) + occurrences(`${file}-wal`, secret), secret).toBeGreaterThan(0);

    expect(await forget(file, { email: 'matti@example.fi' })).toMatchObject({ conversations: 1, visitors: 1 });

    const left = Object.fromEntries(secrets.map((s) => [s, { database: occurrences(file, s), log: occurrences(`${file}-wal`, s) }]));
    expect(left).toEqual(Object.fromEntries(secrets.map((s) => [s, { database: 0, log: 0 }])));
    // The other customer's conversation is still there, and the server still writes.
    expect(await server.conversation('c-pekka')).toMatchObject({ id: 'c-pekka' });
    await say('pekka', 3, 'Ja vielä');
  } finally {
    await server.close();
    await dir.remove();
  }
});

/** A checkpoint from another connection, as the server's worker runs them. */
function checkpoint(file: string) {
  const db = new Database(file);
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    db.close();
  }
}

it('says so when a reader kept the log from being emptied', async () => {
  const dir = await tempDir();
  const file = join(dir.dir, DATABASE_FILE);
  const server = openSqliteStore(file, { checkpointMs: 0 });
  const reader = new Database(file);
  const warnings: string[] = [];
  const warned = (warning: Error) => warnings.push(warning.message);
  process.on('warning', warned);
  try {
    await server.createVisitor('matti', 'h-matti', 1);
    await server.handoff(handoffInput('matti', 'c-matti', 2));
    await server.closeConversation('c-matti', 'visitor', null, 'x', 3);
    // A read left open (an iterator not run to its end) holds the snapshot from before the erase.
    const rows = reader.prepare('SELECT id FROM conversations').iterate();
    rows.next();
    expect(await forget(file, { visitorId: 'matti' })).toMatchObject({ conversations: 1 });
    rows.return?.();
    await new Promise((r) => setImmediate(r));
    expect(warnings).toEqual([expect.stringContaining('old copies of what was deleted stay in this log')]);
  } finally {
    process.off('warning', warned);
    reader.close();
    await server.close();
    await dir.remove();
  }
}, 15_000);
