// `npm run bench search`: an agent's conversation search (the console's search box, the store's own
// SQL, server/store/search.ts) on a SQLite store of 20,000 closed conversations of 21 messages
// each (420,000 messages), rows written straight into the store's tables to keep the run short,
// with the folded text the store writes beside them (search.ts). A search that matches nothing
// reads the most: every conversation's row, and the messages of the newest SEARCH_MESSAGES_IN.
// Against a reference in the same run on the same database: one plain SQL pass over the same rows
// (every summary, the newest conversations' raw messages) with instr(). Last, what the upgrade
// from a database without the folded text (schema version 1) takes, once, as the server starts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventSearchText, SEARCH_MESSAGES_IN, summarySearchText } from '../server/store/search';
import { openSqliteStore } from '../server/store/sqlite';

const CONVERSATIONS = 20_000;
const PER = 21;
const REPEATS = 7;
const TEXTS = [
  'Milloin tilaamani sohva toimitetaan? Tilausnumero on 123456.',
  'Kiitos, odotan vastaustanne.',
  'Paketti tuli rikki, mitä teen nyt?',
  'Voinko vaihtaa toimitusosoitteen vielä?',
  'Hei, katsoin asian: toimitus on tiistaina klo 9–15.',
];

function fill(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const now = Date.now();
  const visitor = db.prepare('INSERT INTO visitors (id, token_hash, created_at) VALUES (?, ?, ?)');
  const conversation = db.prepare(
    `INSERT INTO conversations (id, visitor_id, handoff_id, status, created_at, updated_at, last_seq, summary, search_summary) VALUES (?, ?, 'h', 'closed', ?, ?, ?, ?, ?)`,
  );
  const event = db.prepare('INSERT INTO events (conversation_id, seq, client_id, at, role, name, body, search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < CONVERSATIONS; i++) {
      visitor.run(`v${i}`, `t${i}`, now);
      const summary = { visitor: { name: `Matti Meikäläinen ${i}`, email: `matti${i}@example.fi` }, questions: ['kuinka kauan toimitus kestää', 'paljonko toimitus maksaa'], lang: 'fi' };
      const json = JSON.stringify(summary);
      conversation.run(`c${i}`, `v${i}`, now, now, PER, json, summarySearchText(json));
      for (let j = 1; j <= PER; j++) {
        const body = { kind: 'text', text: TEXTS[(i + j) % TEXTS.length]! };
        event.run(`c${i}`, j, `m${j}`, now, j % 2 ? 'visitor' : 'agent', j % 2 ? null : 'Aino', JSON.stringify(body), eventSearchText(body));
      }
    }
  })();
  db.close();
}

/** The median of REPEATS timings, after one discarded call. */
async function median(f: () => unknown): Promise<number> {
  await f();
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(REPEATS / 2)]!;
}

/** Makes `file` as the release before left it (no folded text), and times the store's first open of it. */
async function upgrade(file: string): Promise<number> {
  const db = new Database(file);
  db.exec('ALTER TABLE conversations DROP COLUMN search_summary; ALTER TABLE conversations DROP COLUMN search_comment; ALTER TABLE events DROP COLUMN search_text');
  db.pragma('user_version = 1');
  db.close();
  const t0 = performance.now();
  const store = openSqliteStore(file, { checkpointMs: 0 });
  const took = performance.now() - t0;
  await store.close();
  return took;
}

export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'kohtaamo-search-'));
  try {
    const file = join(dir, 'kohtaamo.sqlite');
    await openSqliteStore(file, { checkpointMs: 0 }).close(); // the store makes its own tables
    fill(file);
    const store = openSqliteStore(file, { checkpointMs: 0 });
    const plain = new Database(file, { readonly: true });
    // The same rows read plainly: every conversation's summary, and the raw messages of the newest ones.
    const scan = plain.prepare(`SELECT count(*) AS n FROM conversations c WHERE instr(lower(c.summary), @q) > 0
      OR (c.rowid > (SELECT MAX(rowid) FROM conversations) - ${SEARCH_MESSAGES_IN}
        AND EXISTS (SELECT 1 FROM events e WHERE e.conversation_id = c.id AND instr(lower(e.body), @q) > 0))`);
    const rows: [string, number][] = [
      ['search matching nothing ("zzqqxx")', await median(() => store.searchConversations('zzqqxx', 20))],
      ['search matching nothing ("tuoli")', await median(() => store.searchConversations('tuoli', 20))],
      ['search matching many ("matti")', await median(() => store.searchConversations('matti', 20))],
      ['reference: the same rows, plain instr()', await median(() => scan.get({ q: 'zzqqxx' }))],
    ];
    plain.close();
    await store.close();
    const floor = rows[rows.length - 1]![1];
    console.log(`${CONVERSATIONS} conversations, ${CONVERSATIONS * PER} messages (messages searched in the newest ${SEARCH_MESSAGES_IN}); median of ${REPEATS}`);
    for (const [name, took] of rows) console.log(`${name.padEnd(42)} ${took.toFixed(1).padStart(8)} ms  ${(took / floor).toFixed(2).padStart(6)}×`);
    console.log(`upgrade from schema version 1, once (folding every row): ${(await upgrade(file)).toFixed(0)} ms`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
