// `kohtaamo data forget` deletes in short transactions (erase.ts, EraseBatches), so it can stop
// midway: Ctrl-C, a full disk, the server's lock held too long. Run again, it must finish: the
// customer is found by email through their conversations (customer-data.ts), so those go last,
// the last one with the visitor. And a visitor handing off while they are forgotten: their new
// conversation is deleted if closed, else said to be still open, so the operator runs it again.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support';
import { dropSchema, newSchema, servicesAvailable, TEST_DATABASE_URL } from '../test-services';
import { maintenanceFor, type Maintenance } from './maintenance';
import { openPostgresStore } from './postgres';
import { DATABASE_FILE, openSqliteStore } from './sqlite';
import type { HandoffInput, Store } from './types';

interface Place {
  maintenance: Maintenance;
  open(): Promise<Store>;
  /** What a failure at the `budget`-th conversation deleted would be (a full disk, a kill). */
  failAfter(budget: number): Promise<void>;
  /** A conversation handed off by `visitorId` as the forget deletes `when`: `status` as given. */
  handOffDuring(when: string, visitorId: string, id: string, status: 'closed' | 'queued'): Promise<void>;
  /** No more failures or handoffs. */
  calm(): Promise<void>;
  sql(text: string): Promise<void>;
  count(table: 'conversations' | 'visitors'): Promise<number>;
  remove(): Promise<void>;
}

const places: { name: string; available: boolean; make(): Promise<Place> }[] = [
  {
    name: 'SQLite',
    available: true,
    async make() {
      const dir = await tempDir();
      const file = join(dir.dir, DATABASE_FILE);
      const raw = (run: (db: Database.Database) => void) => {
        const db = new Database(file);
        try {
          run(db);
        } finally {
          db.close();
        }
      };
      return {
        maintenance: maintenanceFor({ data: dir.dir }),
        open: async () => openSqliteStore(file, { checkpointMs: 0 }),
        failAfter: async (budget) =>
          raw((db) =>
            db.exec(`CREATE TABLE budget (n INTEGER); INSERT INTO budget VALUES (${budget});
              CREATE TRIGGER stop BEFORE DELETE ON conversations WHEN (SELECT n FROM budget) <= 0 BEGIN SELECT RAISE(ABORT, 'disk full'); END;
              CREATE TRIGGER spend AFTER DELETE ON conversations BEGIN UPDATE budget SET n = n - 1; END;`),
          ),
        handOffDuring: async (when, visitorId, id, status) =>
          raw((db) =>
            db.exec(`CREATE TRIGGER came_${status} AFTER DELETE ON conversations WHEN OLD.id = '${when}' BEGIN
              INSERT INTO conversations (id, visitor_id, handoff_id, status, created_at, updated_at, summary) VALUES ('${id}', '${visitorId}', 'h-${id}', '${status}', 1, 1, '{}'); END;`),
          ),
        calm: async () => raw((db) => db.exec('DROP TRIGGER IF EXISTS stop; DROP TRIGGER IF EXISTS spend; DROP TABLE IF EXISTS budget; DROP TRIGGER IF EXISTS came_closed; DROP TRIGGER IF EXISTS came_queued')),
        sql: async (text) => raw((db) => db.exec(text)),
        count: async (table) => {
          let n = 0;
          raw((db) => (n = (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n));
          return n;
        },
        remove: dir.remove,
      };
    },
  },
  {
    name: 'PostgreSQL',
    available: await servicesAvailable(),
    async make() {
      const schema = newSchema();
      const sql = async (text: string) => {
        const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await client.connect();
        try {
          await client.query(`SET search_path = ${schema}`);
          return await client.query<{ n: number }>(text);
        } finally {
          await client.end();
        }
      };
      return {
        maintenance: maintenanceFor({ data: '', database: TEST_DATABASE_URL, schema }),
        open: () => openPostgresStore(TEST_DATABASE_URL, { schema, poolSize: 2 }),
        failAfter: async (budget) =>
          void (await sql(`CREATE TABLE budget (n INTEGER); INSERT INTO budget VALUES (${budget});
            CREATE FUNCTION spend() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
              IF (SELECT n FROM budget) <= 0 THEN RAISE EXCEPTION 'disk full'; END IF;
              UPDATE budget SET n = n - 1; RETURN OLD; END $$;
            CREATE TRIGGER spend BEFORE DELETE ON conversations FOR EACH ROW EXECUTE FUNCTION spend();`)),
        handOffDuring: async (when, visitorId, id, status) =>
          void (await sql(`CREATE FUNCTION came_${status}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
              IF OLD.id = '${when}' THEN
                INSERT INTO conversations (id, visitor_id, handoff_id, status, created_at, updated_at, summary) VALUES ('${id}', '${visitorId}', 'h-${id}', '${status}', 1, 1, '{}');
              END IF; RETURN OLD; END $$;
            CREATE TRIGGER came_${status} AFTER DELETE ON conversations FOR EACH ROW EXECUTE FUNCTION came_${status}();`)),
        calm: async () =>
          void (await sql(`DROP TRIGGER IF EXISTS spend ON conversations; DROP FUNCTION IF EXISTS spend; DROP TABLE IF EXISTS budget;
            DROP TRIGGER IF EXISTS came_closed ON conversations; DROP FUNCTION IF EXISTS came_closed;
            DROP TRIGGER IF EXISTS came_queued ON conversations; DROP FUNCTION IF EXISTS came_queued;`)),
        sql: async (text) => void (await sql(text)),
        count: async (table) => Number((await sql(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]?.n),
        remove: () => dropSchema(schema),
      };
    },
  },
];

async function conversation(store: Store, id: string, visitorId: string, at: number, { visitor = {}, texts = [] as string[] } = {}) {
  const input: HandoffInput = {
    visitorId, handoffId: `h-${id}`, conversationId: id, at, lang: 'fi', page: { url: 'https://kauppa.example/', title: 'Kauppa' },
    reason: 'no_answer', visitor, questions: ['Missä paketti?'], botAnswers: [], events: [],
  };
  await store.handoff(input);
  for (const [i, text] of texts.entries()) await store.visitorMessage(visitorId, { clientId: `m-${id}-${i}`, at, role: 'visitor', body: { kind: 'text', text } });
  await store.closeConversation(id, 'visitor', null, `x-${id}`, at);
}

/**
 * Liisa: a browser the site named her in once (the first conversation), and one where she wrote her
 * address once (the first); each with conversations after that say nothing of her. And a bystander.
 */
async function seed(place: Place) {
  const store = await place.open();
  for (const v of ['named', 'wrote', 'bystander']) await store.createVisitor(v, `hash-${v}`, 1000);
  await conversation(store, 'named-1', 'named', 1000, { visitor: { email: 'liisa@example.com' } });
  for (const n of [2, 3, 4]) await conversation(store, `named-${n}`, 'named', 1000 + n, { texts: ['Missä tilaukseni on?'] });
  await conversation(store, 'wrote-1', 'wrote', 1000, { texts: ['Vastatkaa osoitteeseen liisa@example.com'] });
  for (const n of [2, 3]) await conversation(store, `wrote-${n}`, 'wrote', 1000 + n, { texts: ['Kiitos'] });
  await conversation(store, 'other', 'bystander', 1000, { texts: ['Hei'] });
  await store.close();
}

const liisa = { email: 'liisa@example.com' };
const small = { batches: { rows: 1, ms: 50 } };

describe.each(places.filter((p) => p.available))('a forget by email in $name', ({ make }) => {
  let place: Place;
  beforeEach(async () => {
    place = await make();
  });
  afterEach(() => place.remove());

  // Every point a forget of her 7 conversations and 2 browsers can stop at, in its own database.
  it.each([0, 1, 2, 3, 4, 5, 6, 7])('stopped after %i conversations deleted, run again, leaves nothing of her', async (stopAfter) => {
    await seed(place);
    expect(await place.maintenance.forget(liisa, { dryRun: true })).toMatchObject({ conversations: 7, visitors: 2, stillOpen: 0 });
    await place.failAfter(stopAfter);
    const stopped = await place.maintenance.forget(liisa, small).then(
      () => 'finished',
      (error: Error) => error.message,
    );
    expect(stopped).toMatch(stopAfter < 7 ? /disk full/ : /finished/);
    await place.calm();
    const left = await place.maintenance.forget(liisa, { dryRun: true });
    expect({ conversations: left.conversations, visitors: left.visitors }).toEqual({ conversations: 7 - stopAfter, visitors: [2, 2, 2, 2, 2, 2, 1, 0][stopAfter] });
    await place.maintenance.forget(liisa, small);
    expect(await place.maintenance.customerData(liisa)).toEqual({ visitors: [], conversations: [] });
    expect({ conversations: await place.count('conversations'), visitors: await place.count('visitors') }).toEqual({ conversations: 1, visitors: 1 });
  });

  it('a conversation handed off during it: deleted if closed, else said to be still open and kept, with the visitor, for the next run', async () => {
    await seed(place);
    await place.handOffDuring('named-2', 'named', 'came-closed', 'closed');
    await place.handOffDuring('named-2', 'named', 'came-queued', 'queued');
    expect(await place.maintenance.forget(liisa, small)).toMatchObject({ conversations: 7, visitors: 1, stillOpen: 1 });
    await place.calm();
    expect(await place.count('conversations')).toBe(3);
    // The operator closes it in the console, and runs the forget again.
    await place.sql(`UPDATE conversations SET status = 'closed' WHERE id = 'came-queued'`);
    expect(await place.maintenance.forget(liisa, small)).toMatchObject({ conversations: 2, visitors: 1, stillOpen: 0 });
    expect({ conversations: await place.count('conversations'), visitors: await place.count('visitors') }).toEqual({ conversations: 1, visitors: 1 });
  });
});
