// A prune of years of conversations run beside a live server (the README suggests cron): the
// server goes on storing what visitors write, none of it refused, and none waits long. With one
// transaction for the whole prune the server's writes gave up (`unavailable`) and its sockets
// closed; it deletes in short transactions instead, each a few conversations whole.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { handoffInput, tempDir } from '../test-support';
import { backends } from './test-backends';
import { prune } from './erase';
import { DATABASE_FILE, openSqliteStore } from './sqlite';

const OLD = 1_000_000;

/** `conversations` closed long ago, each with `events` messages, straight into the file. */
async function oldConversations(file: string, conversations: number, events: number) {
  await openSqliteStore(file, { checkpointMs: 0 }).close();
  const db = new Database(file);
  const visitor = db.prepare('INSERT INTO visitors (id, token_hash, created_at) VALUES (?, ?, ?)');
  const conversation = db.prepare("INSERT INTO conversations (id, visitor_id, handoff_id, status, created_at, updated_at, summary) VALUES (?, ?, 'h', 'closed', ?, ?, '{}')");
  const event = db.prepare("INSERT INTO events (conversation_id, seq, client_id, at, role, body) VALUES (?, ?, ?, ?, 'visitor', ?)");
  const body = JSON.stringify({ kind: 'text', text: 'Missä on tilaukseni, tilasin sen jo viikko sitten? '.repeat(4) });
  db.transaction(() => {
    for (let c = 0; c < conversations; c++) {
      visitor.run(`v${c}`, `hash-${c}`, OLD);
      conversation.run(`c${c}`, `v${c}`, OLD, OLD);
      for (let e = 1; e <= events; e++) event.run(`c${c}`, e, `m${e}`, OLD, body);
    }
  })();
  db.close();
}

it('a large prune beside a server writing all the time: no write refused, none waits long, and everything old goes', async () => {
  const dir = await tempDir();
  const file = join(dir.dir, DATABASE_FILE);
  try {
    await oldConversations(file, 6000, 40);
    // The server: its group commit stores a visitor's message every few ms until told to stop.
    const code = `import { openSqliteStore } from ${JSON.stringify(resolve(__dirname, 'sqlite.ts'))};
const store = openSqliteStore(${JSON.stringify(file)});
await store.createVisitor('live', 'h-live', Date.now());
await store.handoff({ visitorId: 'live', handoffId: 'h', conversationId: 'c-live', at: 1, lang: 'fi', page: { url: 'https://x.example/', title: 'X' }, reason: 'no_answer', visitor: {}, questions: [], botAnswers: [], events: [] });
console.log('ready');
let refused = 0, longest = 0;
process.on('SIGTERM', () => { console.log('refused ' + refused + ' longest ' + longest); process.exit(0); });
for (let i = 0; ; i++) {
  const asked = Date.now();
  await store.visitorMessage('live', { clientId: 'm' + i, at: Date.now(), role: 'visitor', body: { kind: 'text', text: 'hei ' + i } })
    .catch((e) => { refused++; if (refused === 1) console.error('server write refused:', e.code, e.message); });
  longest = Math.max(longest, Date.now() - asked);
  await new Promise((r) => setTimeout(r, 2));
}`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    await new Promise<void>((ready) =>
      child.stdout.on('data', (d) => {
        out += String(d);
        if (out.includes('ready')) ready();
      }),
    );
    // Small transactions, so that a test database is deleted in many of them.
    const result = await prune(file, OLD + 1, { batches: { rows: 50, ms: 20 } });
    child.kill('SIGTERM');
    await exited;
    const [, refused, longest] = /refused (\d+) longest (\d+)/.exec(out) ?? [];
    expect(result).toEqual({ conversations: 6000, events: 240_000, visitors: 6000, stillOpen: 0 });
    expect({ serverWritesRefused: Number(refused), waitedLong: Number(longest) > 400 }).toEqual({ serverWritesRefused: 0, waitedLong: false });
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT COUNT(*) AS n FROM conversations WHERE status = 'closed'").get()).toEqual({ n: 0 });
    db.close();
  } finally {
    await dir.remove();
  }
}, 60_000);

it('a prune stopped midway leaves whole conversations, and run again deletes the rest', async () => {
  const dir = await tempDir();
  const file = join(dir.dir, DATABASE_FILE);
  try {
    await oldConversations(file, 300, 5);
    // Killed after its first transactions: what it had not reached is there, whole.
    const code = `import { prune } from ${JSON.stringify(resolve(__dirname, 'erase.ts'))};
setTimeout(() => process.kill(process.pid, 'SIGKILL'), 150);
await prune(${JSON.stringify(file)}, ${OLD + 1}, { batches: { rows: 10, ms: 20 } });`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: 'inherit' });
    await new Promise<void>((done) => child.on('exit', () => done()));
    const db = new Database(file, { readonly: true });
    const left = db.prepare('SELECT COUNT(*) AS n FROM conversations').get() as { n: number };
    const partial = db.prepare('SELECT COUNT(*) AS n FROM conversations c WHERE (SELECT COUNT(*) FROM events e WHERE e.conversation_id = c.id) <> 5').get();
    const orphans = db.prepare('SELECT COUNT(*) AS n FROM events WHERE conversation_id NOT IN (SELECT id FROM conversations)').get();
    db.close();
    expect({ partial, orphans }).toEqual({ partial: { n: 0 }, orphans: { n: 0 } });
    expect(left.n).toBeGreaterThan(0);
    expect(await prune(file, OLD + 1)).toMatchObject({ conversations: left.n, events: left.n * 5 });
  } finally {
    await dir.remove();
  }
}, 60_000);

describe.each(backends.filter((b) => b.available))('an erase in many small transactions in $name', ({ make }) => {
  it('deletes the same as in one: every old closed conversation, their events and files, and visitors with none left', async () => {
    const backend = await make();
    try {
      const store = await backend.open();
      for (let i = 0; i < 7; i++) {
        await store.createVisitor(`v${i}`, `hash-${i}`, 1);
        await store.handoff(handoffInput(`v${i}`, `c${i}`, 2));
        await store.visitorMessage(`v${i}`, { clientId: `m${i}`, at: 3, role: 'visitor', body: { kind: 'text', text: 'hei' } });
        if (i !== 3) await store.closeConversation(`c${i}`, 'visitor', null, `x${i}`, 4);
      }
      await store.close();
      const erase = (before: number, dryRun = false) => backend.maintenance.prune(before, { batches: { rows: 2, ms: 1000 }, dryRun });
      expect(await erase(Date.now() + 1000, true)).toEqual({ conversations: 6, events: 18, visitors: 6, stillOpen: 0 });
      expect(await erase(Date.now() + 1000)).toEqual({ conversations: 6, events: 18, visitors: 6, stillOpen: 0 });
      expect(await erase(Date.now() + 1000)).toEqual({ conversations: 0, events: 0, visitors: 0, stillOpen: 0 });
      const after = await backend.open();
      expect(await after.conversation('c3')).toBeTruthy();
      expect(await after.conversation('c4')).toBeFalsy();
      await after.close();
    } finally {
      await backend.remove();
    }
  });
});
