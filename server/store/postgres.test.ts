import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { waitingOrder } from '../../protocol';
import { dropSchema, newSchema, servicesAvailable, TEST_DATABASE_URL } from '../test-services';
import { openPostgresStore } from './postgres';
import { connectionConfig } from './postgres-connect';
import { PG_SCHEMA } from './postgres-schema';
import { describeStoreContract } from './store-contract';
import type { HandoffInput, Store } from './types';

const available = await servicesAvailable();
const schemas: string[] = [];
afterAll(() => Promise.all(schemas.map(dropSchema)));

/** Stores on one schema, as server processes on one database are. */
async function processes(count: number): Promise<Store[]> {
  const schema = newSchema();
  schemas.push(schema);
  const stores: Store[] = [];
  for (let i = 0; i < count; i++) stores.push(await openPostgresStore(TEST_DATABASE_URL, { schema, poolSize: 3 }));
  return stores;
}

/** Two processes' stores on one schema, with visitor v1 created; closed after `run`. */
async function twoProcesses(run: (a: Store, b: Store) => Promise<void>): Promise<void> {
  const [a, b] = (await processes(2)) as [Store, Store];
  try {
    await a.createVisitor('v1', 'h', 1);
    await run(a, b);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

describe.runIf(available)('PostgreSQL store', () => {
  describeStoreContract('contract', async () => (await processes(1))[0] as Store);

  const handoff = (visitorId: string, handoffId: string, conversationId: string): HandoffInput => ({
    visitorId,
    handoffId,
    conversationId,
    at: 1,
    lang: 'fi',
    page: { url: 'https://x.example/', title: 'X' },
    reason: 'asked_for_person',
    visitor: {},
    questions: [],
    botAnswers: [],
    events: [{ clientId: handoffId, at: 1, role: 'system', body: { kind: 'handoff', reason: 'asked_for_person', page: { url: 'https://x.example/', title: 'X' }, lang: 'fi' } }],
  });

  it('numbers the messages two processes write to one conversation at once without gaps or twins', () =>
    twoProcesses(async (a, b) => {
      await a.handoff(handoff('v1', 'h1', 'c1'));
      await b.claim('c1', { id: 'aino', name: 'Aino' }, 'k', 2);
      const writes = Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0
          ? a.visitorMessage('v1', { clientId: `v${i}`, at: 3, role: 'visitor', body: { kind: 'text', text: `v${i}` } })
          : b.append('c1', { clientId: `a${i}`, at: 3, role: 'agent', name: 'Aino', body: { kind: 'text', text: `a${i}` } }, { agentId: 'aino' }),
      );
      const results = await Promise.all(writes);
      expect(results.every((r) => r.ok && !r.duplicate)).toBe(true);
      const seqs = (await a.eventsAfter('c1', 0, 100)).map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: 42 }, (_, i) => i + 1));
      expect((await b.conversation('c1'))?.lastSeq).toBe(42);
    }));

  it('opens one conversation when a visitor hands off from two tabs on two processes at once', () =>
    twoProcesses(async (a, b) => {
      const [first, second] = await Promise.all([a.handoff(handoff('v1', 'tab1', 'c1')), b.handoff(handoff('v1', 'tab2', 'c2'))]);
      expect(first.ok && second.ok && first.conversationId === second.conversationId).toBe(true);
      expect(await a.openConversations()).toHaveLength(1);
    }));

  it('lets only one of two agents on two processes claim a waiting visitor', () =>
    twoProcesses(async (a, b) => {
      await a.handoff(handoff('v1', 'h1', 'c1'));
      const results = await Promise.all([a.claim('c1', { id: 'aino', name: 'Aino' }, 'k1', 2), b.claim('c1', { id: 'eero', name: 'Eero' }, 'k2', 2)]);
      expect(results.map((r) => (r.ok ? 'ok' : r.code)).sort()).toEqual(['already_claimed', 'ok']);
      expect(await a.eventsAfter('c1', 0, 10)).toHaveLength(2);
    }));

  /** A schema with the tables as an older server made them: today's, less `column`, with what `fill` puts in. */
  async function olderTables(column: string, fill: (raw: pg.Client) => Promise<unknown>): Promise<string> {
    const schema = newSchema();
    schemas.push(schema);
    const raw = new pg.Client(connectionConfig(TEST_DATABASE_URL));
    await raw.connect();
    try {
      await raw.query(`CREATE SCHEMA ${schema}; SET search_path = ${schema}`);
      await raw.query(PG_SCHEMA);
      await raw.query(`ALTER TABLE conversations DROP COLUMN ${column}`);
      await fill(raw);
    } finally {
      await raw.end();
    }
    return schema;
  }

  it('gives a database from before returned conversations waited first the column, and its queue still reads', async () => {
    // With a conversation waiting.
    const schema = await olderTables('released_at', async (raw) => {
      await raw.query(`INSERT INTO visitors (id, token_hash, created_at) VALUES ('v1', 'h', 1)`);
      await raw.query(`INSERT INTO conversations (id, visitor_id, handoff_id, status, created_at, updated_at, summary)
        VALUES ('c1', 'v1', 'h1', 'queued', 10, 10, '{"lang":"fi","page":{"url":"https://x.example/","title":"X"},"reason":"no_answer","visitor":{},"questions":[],"botAnswers":[]}')`);
    });
    const store = await openPostgresStore(TEST_DATABASE_URL, { schema, poolSize: 2 });
    try {
      expect(await store.openConversations()).toMatchObject([{ id: 'c1', queuedAt: 10 }]);
      await store.claim('c1', { id: 'aino', name: 'Aino' }, 'k1', 20);
      await store.release('c1', { id: 'aino', name: 'Aino' }, 'r1', 30);
      expect(waitingOrder(await store.openConversations())).toMatchObject([{ id: 'c1', queuedAt: 30, returned: true }]);
    } finally {
      await store.close();
    }
  });

  it("fills a database from before rows kept it with each visitor's first text message, the card's title", async () => {
    // c1's visitor wrote twice and an agent replied, c2's visitor nothing.
    const schema = await olderTables('first_text', async (raw) => {
      await raw.query(`INSERT INTO visitors (id, token_hash, created_at) VALUES ('v1', 'h', 1), ('v2', 'h2', 1)`);
      const summary = '{"lang":"fi","page":{"url":"https://x.example/","title":"X"},"reason":"asked_for_person","visitor":{},"questions":[],"botAnswers":[]}';
      await raw.query(
        `INSERT INTO conversations (id, visitor_id, handoff_id, status, created_at, updated_at, last_seq, last_text, summary)
         VALUES ('c1', 'v1', 'h1', 'queued', 10, 10, 4, 'Tarkistan', $1), ('c2', 'v2', 'h2', 'queued', 11, 11, 1, NULL, $1)`,
        [summary],
      );
      await raw.query(`INSERT INTO events (conversation_id, seq, client_id, at, role, name, body) VALUES
        ('c1', 1, 'b1', 10, 'bot', NULL, '{"kind":"text","text":"Hei"}'), ('c1', 2, 'm1', 11, 'visitor', NULL, '{"kind":"text","text":"Sohva ei tullut"}'),
        ('c1', 3, 'm2', 12, 'visitor', NULL, '{"kind":"text","text":"Kuuletteko?"}'), ('c1', 4, 'a1', 13, 'agent', 'Aino', '{"kind":"text","text":"Tarkistan"}'),
        ('c2', 1, 'f1', 11, 'visitor', NULL, '{"kind":"file","fileId":"f1","name":"a.jpg","type":"image/jpeg","size":1}')`);
    });
    const store = await openPostgresStore(TEST_DATABASE_URL, { schema, poolSize: 2 });
    try {
      const open = await store.openConversations();
      expect(open.map((c) => [c.id, c.firstText, c.lastText])).toEqual([['c1', 'Sohva ei tullut', 'Tarkistan'], ['c2', undefined, undefined]]);
      await store.visitorMessage('v2', { clientId: 'm3', at: 20, role: 'visitor', body: { kind: 'text', text: 'Kuva sohvasta' } });
      expect((await store.conversation('c2'))?.firstText).toBe('Kuva sohvasta');
    } finally {
      await store.close();
    }
  });

  it('lets only one of two agents on two processes take over from the colleague they both saw', () =>
    twoProcesses(async (a, b) => {
      await a.handoff(handoff('v1', 'h1', 'c1'));
      await a.claim('c1', { id: 'eero', name: 'Eero' }, 'k0', 2);
      const results = await Promise.all([
        a.claim('c1', { id: 'aino', name: 'Aino' }, 'k1', 3, true, 'eero'),
        b.claim('c1', { id: 'veera', name: 'Veera-Maria' }, 'k2', 3, true, 'eero'),
      ]);
      expect(results.map((r) => (r.ok ? 'ok' : r.code)).sort()).toEqual(['already_claimed', 'ok']);
      expect((await a.eventsAfter('c1', 0, 10)).filter((e) => e.body.kind === 'joined')).toHaveLength(2);
    }));

  it('refuses a schema name it would have to quote', async () => {
    await expect(openPostgresStore(TEST_DATABASE_URL, { schema: 'x; DROP TABLE visitors' })).rejects.toThrow(/lower-case letters/);
  });
});
