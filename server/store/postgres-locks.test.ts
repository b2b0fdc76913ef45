// Writes of two server processes racing on one conversation: a visitor's on one, an agent's on the
// other. Each write must decide on the conversation as the other left it, so whatever it reads to
// decide on is read under the row's lock. A third connection holds one write midway, so the other
// comes while it is still in progress.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffInput } from '../test-support';
import { dropSchema, newSchema, servicesAvailable, TEST_DATABASE_URL } from '../test-services';
import { connectionConfig } from './postgres-connect';
import { openPostgresStore } from './postgres';
import type { Store } from './types';

const available = await servicesAvailable();
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const aino = { id: 'aino', name: 'Aino' };

describe.runIf(available)('PostgreSQL writes racing between processes', () => {
  const schema = newSchema();
  let a: Store;
  let b: Store;
  let x: pg.Client;
  beforeAll(async () => {
    a = await openPostgresStore(TEST_DATABASE_URL, { schema, poolSize: 2 });
    b = await openPostgresStore(TEST_DATABASE_URL, { schema, poolSize: 2 });
    x = new pg.Client(connectionConfig(TEST_DATABASE_URL, schema));
    await x.connect();
  });
  afterAll(async () => {
    await x?.end();
    await a?.close();
    await b?.close();
    await dropSchema(schema);
  });

  /**
   * Holds an agent's close midway, after it set status = 'closed' under the conversation's lock:
   * its event takes the next seq, which this connection has taken in a transaction left open.
   */
  async function holdCloseMidway(conversationId: string) {
    const { last_seq } = (await x.query<{ last_seq: number }>('SELECT last_seq FROM conversations WHERE id = $1', [conversationId])).rows[0]!;
    await x.query('BEGIN');
    await x.query(`INSERT INTO events (conversation_id, seq, client_id, at, role, body) VALUES ($1, $2, 'blocker', 0, 'system', '{}')`, [conversationId, last_seq + 1]);
    return () => x.query('ROLLBACK');
  }

  it('refuses a visitor message written while an agent on another server closes the conversation', async () => {
    await a.createVisitor('v1', 'th1', 1);
    await a.handoff(handoffInput('v1', 'c1', 10));
    await b.claim('c1', aino, 'k1', 20);
    const release = await holdCloseMidway('c1');
    const closing = b.closeConversation('c1', 'agent', 'aino', 'x1', 30);
    await pause(300);
    const message = a.visitorMessage('v1', { clientId: 'm1', at: 31, role: 'visitor', body: { kind: 'text', text: 'Vielä yksi kysymys!' } });
    await pause(300);
    await release();
    expect(await closing).toMatchObject({ ok: true, conversation: { status: 'closed' } });
    expect(await message).toEqual({ ok: false, code: 'no_conversation' });
    expect((await a.eventsAfter('c1', 0, 10)).map((e) => e.body.kind)).toEqual(['handoff', 'joined', 'closed']);
  });

  it('opens a new conversation, in the queue, for a handoff while an agent on another server closes the old one', async () => {
    await a.createVisitor('v2', 'th2', 1);
    await a.handoff(handoffInput('v2', 'c2', 10));
    await b.claim('c2', aino, 'k1', 20);
    const release = await holdCloseMidway('c2');
    const closing = b.closeConversation('c2', 'agent', 'aino', 'x1', 30);
    await pause(300);
    const asked = a.handoff(handoffInput('v2', 'c3', 31));
    await pause(300);
    await release();
    await closing;
    expect(await asked).toMatchObject({ ok: true, conversationId: 'c3', conversation: { status: 'queued' } });
    expect((await a.openConversations()).filter((c) => c.visitorId === 'v2').map((c) => c.id)).toEqual(['c3']);
    expect((await a.eventsAfter('c2', 0, 10)).map((e) => e.body.kind)).toEqual(['handoff', 'joined', 'closed']);
  });

  // The summary is one JSON value, written back whole: each write must read it under the lock.
  it("keeps an agent's FAQ match when the visitor's page is recorded at the same time on another server", async () => {
    await a.createVisitor('v4', 'th4', 1);
    await a.handoff(handoffInput('v4', 'c4', 10));
    // Both writes come while the conversation's row is held, so both wait and then go one after the other.
    await x.query('BEGIN');
    await x.query('SELECT 1 FROM conversations WHERE id = $1 FOR NO KEY UPDATE', ['c4']);
    const match = b.setFaqMatch('c4', { faqId: 'toimitus', agent: 'Aino', at: 40 });
    await pause(200);
    const page = a.updateVisitor('v4', { nowOn: { url: 'https://x.example/kassa', title: 'Kassa' } });
    await pause(200);
    await x.query('COMMIT');
    expect(await match).toMatchObject({ ok: true, duplicate: false });
    expect(await page).toMatchObject({ ok: true, duplicate: false });
    const after = await a.conversation('c4');
    expect(after?.nowOn?.url).toBe('https://x.example/kassa');
    expect(after?.faqMatch?.faqId).toBe('toimitus');
  });

  it("keeps an agent's FAQ match when the visitor hands off again at the same time on another server", async () => {
    await a.createVisitor('v5', 'th5', 1);
    await a.handoff(handoffInput('v5', 'c5', 10));
    await x.query('BEGIN');
    await x.query('SELECT 1 FROM conversations WHERE id = $1 FOR NO KEY UPDATE', ['c5']);
    const match = b.setFaqMatch('c5', { faqId: 'toimitus', agent: 'Aino', at: 40 });
    await pause(200);
    const again = a.handoff({ ...handoffInput('v5', 'c6', 41), questions: ['Entä palautus?'] });
    await pause(200);
    await x.query('COMMIT');
    expect(await match).toMatchObject({ ok: true, duplicate: false });
    expect(await again).toMatchObject({ ok: true, conversationId: 'c5' });
    const after = await a.conversation('c5');
    expect(after?.questions).toEqual(['Entä palautus?']);
    expect(after?.faqMatch?.faqId).toBe('toimitus');
  });
});
