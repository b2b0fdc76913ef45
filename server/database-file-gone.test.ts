// The database file deleted or replaced under a running server: SQLite would go on writing into
// the file it has open, acking messages nobody will find after a restart. The server notices,
// acks nothing more, tells the load balancer and the operator once, and keeps refusing.
import Database from 'better-sqlite3';
import { copyFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { RunningServer } from './app';
import { DATABASE_FILE } from './store/sqlite';
import { connect, isType, PAGE, startTestServer, tempDir, type TestClient } from './test-support';
import type { VisitorServerMessage } from '../protocol';

let dir: { dir: string; remove(): Promise<void> };
let server: RunningServer;
let said: string[];
beforeEach(async () => {
  dir = await tempDir();
  said = [];
  vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void said.push(parts.map(String).join(' ')));
  server = await startTestServer(dir.dir);
});
afterEach(async () => {
  await server.close();
  vi.restoreAllMocks();
  await dir.remove();
});

const health = async () => {
  const res = await fetch(`${server.url}/api/health`);
  return { status: res.status, body: (await res.json()) as { checks: { store: string } } };
};

async function talkingVisitor(): Promise<TestClient<VisitorServerMessage>> {
  const visitor = await connect(server, '/ws/visitor');
  visitor.send({ type: 'hello', lang: 'en', page: PAGE });
  await visitor.next(isType('welcome'));
  visitor.send({ type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'en', page: PAGE, steps: [] });
  await visitor.next(isType('ack'));
  visitor.send({ type: 'msg', id: 'm1', text: 'Stored' });
  expect(await visitor.next(isType('ack'))).toMatchObject({ id: 'm1' });
  return visitor;
}

/** What the visitor hears after sending `id`: an ack, or an error (the server's failure, whatever its code). */
async function answerTo(visitor: TestClient<VisitorServerMessage>, id: string) {
  const answer = await visitor.next((frame) => (frame.type === 'ack' || frame.type === 'error') && 'id' in frame && frame.id === id);
  return answer.type;
}

it('acks nothing once the database file is deleted, says 503 with the reason, and tells the operator once, with how to save what it held', async () => {
  const visitor = await talkingVisitor();
  const file = join(dir.dir, 'data', DATABASE_FILE);
  await rm(file);
  await rm(`${file}-wal`, { force: true });
  await rm(`${file}-shm`, { force: true });

  visitor.send({ type: 'msg', id: 'm2', text: 'Into a deleted file' });
  expect(await answerTo(visitor, 'm2')).toBe('error');
  const { status, body } = await health();
  expect(status).toBe(503);
  expect(body.checks.store).toContain(`${file} was deleted or replaced while the server ran`);
  await health();
  const told = said.filter((line) => line.includes('was deleted or replaced while the server ran'));
  expect(told).toHaveLength(1);
  expect(told[0]).toContain(`The database file ${file} was deleted or replaced while the server ran (kohtaamo.sqlite was deleted). Writes are refused from now on`);
  visitor.close();
  if (process.platform !== 'linux') return expect(told[0]).toContain('Restart the server');
  // The deleted file is still open in the server: saved as the line says, it holds what was acked.
  const save = /cp (\/proc\/\d+\/fd\/\d+) (\S+\.saved);/.exec(told[0]!);
  expect(save?.[2]).toBe(`${file}.saved`);
  await copyFile(save![1]!, save![2]!);
  const saved = new Database(save![2]!, { readonly: true });
  expect(saved.prepare("SELECT count(*) AS n FROM events WHERE body LIKE '%Stored%'").get()).toEqual({ n: 1 });
  saved.close();
});

it('with only its log deleted, says a plain restart loses nothing, and the file at the path holds what was acked', async () => {
  const visitor = await talkingVisitor();
  const file = join(dir.dir, 'data', DATABASE_FILE);
  await rm(`${file}-wal`);

  visitor.send({ type: 'msg', id: 'm2', text: 'After the log went' });
  expect(await answerTo(visitor, 'm2')).toBe('error');
  visitor.close();
  const told = said.filter((line) => line.includes('was deleted or replaced while the server ran'));
  expect(told).toHaveLength(1);
  expect(told[0]).toContain(`(kohtaamo.sqlite-wal was deleted)`);
  // Not "restore a backup": that would lose every conversation since it.
  expect(told[0]).toContain(`Nothing is lost: everything acked is now in ${file} itself. Restart the server`);
  // What a restart opens: the file at the path, without the log (a copy, as the server still runs).
  await copyFile(file, `${file}.restart`);
  const db = new Database(`${file}.restart`, { readonly: true });
  expect(db.prepare("SELECT count(*) AS n FROM events WHERE body LIKE '%Stored%'").get()).toEqual({ n: 1 });
  db.close();
});

it('notices a file moved over it too, and a server nobody writes to says so on its health check alone', async () => {
  const file = join(dir.dir, 'data', DATABASE_FILE);
  expect((await health()).status).toBe(200);
  await copyFile(file, join(dir.dir, 'data', 'backup.sqlite'));
  await rename(join(dir.dir, 'data', 'backup.sqlite'), file);
  expect(await health()).toMatchObject({ status: 503, body: { checks: { store: expect.stringContaining('kohtaamo.sqlite was replaced by another file') } } });

  const visitor = await connect(server, '/ws/visitor');
  visitor.send({ type: 'hello', lang: 'en', page: PAGE });
  // A new visitor is written before the welcome: refused, the connection ends rather than welcomes.
  const first = await visitor.next((frame) => frame.type === 'welcome' || frame.type === 'error');
  expect(first.type).toBe('error');
  visitor.close();
});
