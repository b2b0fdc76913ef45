// Erasure, retention, a customer's export and the reports' reading, for conversations in
// PostgreSQL: the same meaning as erase.ts, customer-data.ts, bot-history.ts and service-events.ts for SQLite (read those for what goes and what
// stays). Each runs beside live servers, its deletes in short transactions (erase.ts, EraseBatches);
// row locks make them wait for a write under way, not break it. Deleted rows stay in the table's files: VACUUM (autovacuum runs
// by itself) marks their space free for reuse without zeroing it, and PostgreSQL's write-ahead
// log keeps them until its segments are recycled; VACUUM FULL rewrites a table without them.
import pg from 'pg';
import * as v from 'valibot';
import { botStepBody, type ConversationEvent } from '../../protocol';
import type { HandedOff } from './bot-history';
import { serviceEvent, serviceKindsWhere, type ServiceEvent } from './service-events';
import { FAQ_STATS_SUM, FAQ_STATS_WHOLE_DAY, faqStatsFrom, type FaqEntryCounts } from './faq-stats-read';
import { connectionConfig } from './postgres-connect';
import { customersNaming, emailKey, type CustomerData, type CustomerWho, type SentFile, type WrittenRow } from './customer-data';
import { ERASE_BATCHES, type EraseOptions, type EraseResult } from './erase';
import { toEvent, toSummary, type ConversationRow, type EventRow } from './rows';
import { checkPgSchema } from './schema-version';

export interface PgTarget {
  url: string;
  /** The schema the server uses, if not the connection's default (tests). */
  schema?: string;
}

async function withClient<T>(target: PgTarget, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(connectionConfig(target.url, target.schema));
  await client.connect();
  try {
    await checkPgSchema((text) => client.query(text));
    return await run(client);
  } finally {
    await client.end();
  }
}

const count = async (client: pg.Client, sql: string) => (await client.query<{ n: number }>(sql)).rows[0]?.n ?? 0;

/**
 * `select` fills the temporary table `matched` (id, visitor_id, open), in one snapshot, in the
 * order it goes (its `n`); `goes` is what a conversation must still be when its batch comes,
 * `visitorsToo` which visitors may go; a forget's `keepers` and `lookAgain` are erase.ts's. The
 * deletes go in transactions of at most `batches.rows` conversations (or visitors), each whole:
 * one for everything held its row locks, and the servers' writes to those rows waiting, for as
 * long as the whole erase took; stopped midway, what it had not reached is there as it was.
 */
function erase(target: PgTarget, select: (client: pg.Client) => Promise<void>, goes: string, visitorsToo: string, lookAgain: string | undefined, { dryRun = false, batches = ERASE_BATCHES }: EraseOptions): Promise<EraseResult> {
  return withClient(target, async (client) => {
    // Kept for the session (the batches' transactions), not one transaction.
    await client.query('CREATE TEMP TABLE matched (n BIGSERIAL, id TEXT PRIMARY KEY, visitor_id TEXT NOT NULL, open BOOLEAN NOT NULL)');
    await client.query('CREATE TEMP TABLE leaving (n BIGSERIAL, id TEXT PRIMARY KEY)');
    await client.query('CREATE TEMP TABLE keepers (id TEXT PRIMARY KEY)');
    const counted = await inTransaction(client, 'BEGIN ISOLATION LEVEL REPEATABLE READ', async (): Promise<EraseResult> => {
      await select(client);
      await client.query(`INSERT INTO leaving (id) SELECT v.id FROM visitors v WHERE ${visitorsToo} ORDER BY v.id`);
      return {
        stillOpen: await count(client, 'SELECT COUNT(*) AS n FROM matched WHERE open'),
        conversations: await count(client, 'SELECT COUNT(*) AS n FROM matched WHERE NOT open'),
        events: await count(client, 'SELECT COUNT(*) AS n FROM events WHERE conversation_id IN (SELECT id FROM matched WHERE NOT open)'),
        visitors: await count(
          client,
          'SELECT COUNT(*) AS n FROM visitors v WHERE v.id IN (SELECT id FROM leaving) AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.visitor_id = v.id AND c.id NOT IN (SELECT id FROM matched WHERE NOT open))',
        ),
      };
    });
    if (dryRun) return counted;
    const result: EraseResult = { stillOpen: counted.stillOpen, conversations: 0, events: 0, visitors: 0 };
    const deleteClosed = async (ids: string[]) => {
      // Lock what goes, in one order, so a server writing to one of them waits rather than
      // deadlocks; only what is still closed (and for a prune, not written since it was matched).
      const locked = await client.query<{ id: string; closed: boolean; goes: boolean }>(
        `SELECT id, status = 'closed' AS closed, ${goes} AS goes FROM conversations WHERE id = ANY($1) ORDER BY id FOR UPDATE`,
        [ids],
      );
      result.stillOpen += locked.rows.filter((r) => !r.closed).length;
      await deleteWhole(locked.rows.filter((r) => r.closed && r.goes).map((r) => r.id));
    };
    const deleteWhole = async (gone: string[]) => {
      await client.query('DELETE FROM files WHERE conversation_id = ANY($1)', [gone]);
      result.events += (await client.query('DELETE FROM events WHERE conversation_id = ANY($1)', [gone])).rowCount ?? 0;
      result.conversations += (await client.query('DELETE FROM conversations WHERE id = ANY($1)', [gone])).rowCount ?? 0;
    };
    await inBatches(client, 'SELECT n, id FROM matched WHERE NOT open AND id NOT IN (SELECT id FROM keepers) AND n > $1 ORDER BY n LIMIT $2', batches.rows, deleteClosed);
    if (lookAgain !== undefined) {
      // As erase.ts: what the visitors have now, handed off or closed since the snapshot.
      const theirs = `FROM conversations WHERE visitor_id IN (${lookAgain})`;
      await client.query('CREATE TEMP TABLE again (n BIGSERIAL, id TEXT PRIMARY KEY)');
      await inTransaction(client, 'BEGIN ISOLATION LEVEL REPEATABLE READ', async () => {
        await client.query(`INSERT INTO again (id) SELECT id ${theirs} AND status = 'closed' AND id NOT IN (SELECT id FROM keepers) ORDER BY n`);
        result.stillOpen = await count(client, `SELECT COUNT(*)::int AS n ${theirs} AND status <> 'closed'`);
      });
      await inBatches(client, 'SELECT n, id FROM again WHERE n > $1 ORDER BY n LIMIT $2', batches.rows, deleteClosed);
    }
    await inBatches(client, 'SELECT n, id FROM leaving WHERE n > $1 ORDER BY n LIMIT $2', batches.rows, async (ids) => {
      // A visitor's keeper goes with the visitor, once it is all the visitor has left and closed.
      const keepers = await client.query<{ id: string }>(
        `SELECT c.id FROM conversations c WHERE c.visitor_id = ANY($1) AND c.status = 'closed' AND c.id IN (SELECT id FROM keepers)
         AND NOT EXISTS (SELECT 1 FROM conversations o WHERE o.visitor_id = c.visitor_id AND o.id <> c.id) ORDER BY c.id FOR UPDATE`,
        [ids],
      );
      if (keepers.rows.length > 0) await deleteWhole(keepers.rows.map((r) => r.id));
      const visitors = await client.query(
        `DELETE FROM visitors v WHERE v.id = ANY($1) AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.visitor_id = v.id) AND (${visitorsToo})`,
        [ids],
      );
      result.visitors += visitors.rowCount ?? 0;
    });
    return result;
  });
}

async function inTransaction<T>(client: pg.Client, begin: string, run: () => Promise<T>): Promise<T> {
  await client.query(begin);
  try {
    const value = await run();
    await client.query('COMMIT');
    return value;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** `each` on the ids `next` reads (after an `n`, at most `rows`), one transaction per call. */
async function inBatches(client: pg.Client, next: string, rows: number, each: (ids: string[]) => Promise<void>): Promise<void> {
  let after = 0;
  for (;;) {
    const read = (await client.query<{ n: string; id: string }>(next, [after, rows])).rows;
    const last = read.at(-1);
    if (last === undefined) return;
    after = Number(last.n);
    await inTransaction(client, 'BEGIN', () => each(read.map((r) => r.id)));
  }
}

/** The visitor ids of a customer, as customer-data.ts chooses them (customerVisitorIds, customersBrowsers). */
async function customerVisitorIdsPg(client: pg.Client, who: CustomerWho): Promise<string[]> {
  return [...(await customerNamingPg(client, who)).keys()];
}

/** With the conversations each was found by (customersNaming); none for a visitor id asked for. */
async function customerNamingPg(client: pg.Client, who: CustomerWho): Promise<Map<string, string[]>> {
  if ('visitorId' in who) return new Map([[who.visitorId, []]]);
  const questions = (summary: string) => `jsonb_array_elements_text(CASE WHEN jsonb_typeof(${summary} -> 'questions') = 'array' THEN ${summary} -> 'questions' ELSE '[]' END)`;
  const written = "coalesce(e.body ->> 'text', e.body ->> 'query')";
  const rows = await client.query<WrittenRow>(
    `WITH candidates AS (
       SELECT c.visitor_id FROM conversations c WHERE lower(c.summary #>> '{visitor,email}') = $1
       UNION
       SELECT c.visitor_id FROM events e JOIN conversations c ON c.id = e.conversation_id
       WHERE e.role = 'visitor' AND e.body ->> 'kind' IN ('text', 'bot.query') AND strpos(lower(${written}), $1) > 0
       UNION
       SELECT c.visitor_id FROM conversations c, ${questions('c.summary')} q WHERE strpos(lower(q), $1) > 0
     ), theirs AS (
       SELECT id, visitor_id, summary #>> '{visitor,email}' AS site_email, summary FROM conversations WHERE visitor_id IN (SELECT visitor_id FROM candidates)
     )
     SELECT visitor_id, conversation_id, site_email, text FROM (
       SELECT t.visitor_id, t.id AS conversation_id, t.site_email, NULL AS text, 0 AS part, 0::bigint AS at FROM theirs t
       UNION ALL
       SELECT t.visitor_id, t.id, t.site_email, q.text, 1, q.at FROM theirs t, ${questions('t.summary')} WITH ORDINALITY AS q(text, at)
       WHERE strpos(q.text, '@') > 0
       UNION ALL
       SELECT t.visitor_id, t.id, t.site_email, ${written}, 2, e.seq FROM theirs t JOIN events e ON e.conversation_id = t.id
       WHERE e.role = 'visitor' AND e.body ->> 'kind' IN ('text', 'bot.query') AND strpos(${written}, '@') > 0
     ) w ORDER BY conversation_id, part, at`,
    [emailKey(who.email)],
  );
  return customersNaming(rows.rows, who.email);
}

export function forgetPg(target: PgTarget, who: CustomerWho, options: EraseOptions = {}): Promise<EraseResult> {
  return erase(
    target,
    async (client) => {
      const naming = await customerNamingPg(client, who);
      const conversations = [...naming.values()];
      await client.query('CREATE TEMP TABLE forgotten (id TEXT PRIMARY KEY)');
      await client.query('INSERT INTO forgotten SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [[...naming.keys()]]);
      await client.query('INSERT INTO keepers SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [conversations.flatMap((ids) => ids.slice(-1))]);
      // The conversations the customer is found by go after the others (erase.ts, forget).
      await client.query(
        `INSERT INTO matched (id, visitor_id, open) SELECT id, visitor_id, status <> 'closed' FROM conversations
         WHERE visitor_id IN (SELECT id FROM forgotten) ORDER BY id = ANY($1), n`,
        [conversations.flat()],
      );
    },
    'true',
    'v.id IN (SELECT id FROM forgotten)',
    'SELECT id FROM forgotten',
    options,
  );
}

export function readCustomerDataPg(target: PgTarget, who: CustomerWho): Promise<CustomerData> {
  return withClient(target, async (client) => {
    // One snapshot, so a server writing meanwhile cannot make the parts disagree.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const ids = await customerVisitorIdsPg(client, who);
      const visitors = await client.query<{ id: string; created_at: number }>('SELECT id, created_at FROM visitors WHERE id = ANY($1) ORDER BY created_at, id', [ids]);
      const conversations = await client.query<ConversationRow>(
        `SELECT id, visitor_id, status, created_at, updated_at, last_seq, agent_id, agent_name, last_text, rating_score, rating_comment,
         summary::text AS summary, 0 AS previous FROM conversations WHERE visitor_id = ANY($1) ORDER BY created_at, n`,
        [ids],
      );
      const events = await client.query<EventRow & { conversation_id: string }>(
        'SELECT conversation_id, seq, client_id, at, role, name, body::text AS body FROM events WHERE conversation_id = ANY($1) ORDER BY conversation_id, seq',
        [conversations.rows.map((c) => c.id)],
      );
      const eventsOf = new Map<string, ConversationEvent[]>();
      for (const row of events.rows) eventsOf.set(row.conversation_id, [...(eventsOf.get(row.conversation_id) ?? []), toEvent(row)]);
      const files = await client.query<SentFile & { conversation_id: string }>(
        // In the order they were sent, by the event showing each (the ids are random), as SQLite has them.
        `SELECT f.conversation_id, f.id, f.type, f.name, f.bytes FROM files f WHERE f.conversation_id = ANY($1) ORDER BY f.conversation_id,
         (SELECT min(e.seq) FROM events e WHERE e.conversation_id = f.conversation_id AND e.body ->> 'kind' = 'file' AND e.body ->> 'fileId' = f.id), f.id`,
        [conversations.rows.map((c) => c.id)],
      );
      const filesOf = new Map<string, SentFile[]>();
      for (const { conversation_id, ...file } of files.rows) filesOf.set(conversation_id, [...(filesOf.get(conversation_id) ?? []), file]);
      return {
        visitors: visitors.rows.map((r) => ({ id: r.id, createdAt: r.created_at })),
        conversations: conversations.rows.map((row) => ({ summary: toSummary(row), events: eventsOf.get(row.id) ?? [], files: filesOf.get(row.id) ?? [] })),
      };
    } finally {
      await client.query('COMMIT');
    }
  });
}

export function prunePg(target: PgTarget, before: number, options: EraseOptions = {}): Promise<EraseResult> {
  return erase(
    target,
    async (client) => void (await client.query(`INSERT INTO matched (id, visitor_id, open) SELECT id, visitor_id, false FROM conversations WHERE status = 'closed' AND updated_at < $1`, [before])),
    `updated_at < ${Math.floor(before)}`,
    // As erase.ts: only visitors not seen since either (servers older than last_seen_at: created_at).
    `coalesce((to_jsonb(v) ->> 'last_seen_at')::bigint, v.created_at) < ${Math.floor(before)}`,
    undefined,
    options,
  );
}

export function readBotHistoryPg(target: PgTarget): Promise<HandedOff[]> {
  return withClient(target, async (client) => {
    const conversations = (
      await client.query<{ id: string; created_at: number; faq_match: { faqId?: unknown } | null }>(
        `SELECT id, created_at, summary -> 'faqMatch' AS faq_match FROM conversations ORDER BY created_at, n`,
      )
    ).rows.map((c): HandedOff => {
      const id = c.faq_match?.faqId;
      const faqMatch = typeof id === 'string' || id === null ? id : undefined;
      return { conversationId: c.id, createdAt: c.created_at, steps: [], ...(faqMatch !== undefined ? { faqMatch } : {}) };
    });
    const byId = new Map(conversations.map((c) => [c.conversationId, c]));
    const rows = await client.query<{ conversation_id: string; at: number; body: unknown }>(
      `SELECT conversation_id, at, body FROM events WHERE body ->> 'kind' LIKE 'bot.%' ORDER BY conversation_id, seq`,
    );
    for (const row of rows.rows) {
      // Written by the server after validation; checked again, as any data read back is.
      const body = v.safeParse(botStepBody, row.body);
      if (body.success) byId.get(row.conversation_id)?.steps.push({ at: row.at, body: body.output });
    }
    return conversations;
  });
}

/** `read` run on a database with FAQ counts, `none` where no version has kept them yet (as withFaqStats for SQLite). */
function withFaqStatsPg<T>(target: PgTarget, none: T, read: (client: pg.Client) => Promise<T>): Promise<T> {
  return withClient(target, async (client) => {
    const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('faq_stats')::text AS t`);
    return exists.rows[0]?.t ? read(client) : none;
  });
}

export function readFaqStatsPg(target: PgTarget, since: string): Promise<FaqEntryCounts[]> {
  return withFaqStatsPg(target, [], async (client) => {
    const { fromHour, fromDay } = faqStatsFrom(since);
    return (await client.query<FaqEntryCounts>(FAQ_STATS_SUM.replace('$fromHour', '$1').replace('$fromDay', '$2'), [fromHour, fromDay])).rows;
  });
}

export function readFaqStatsKeptWholePg(target: PgTarget, day: string): Promise<boolean> {
  return withFaqStatsPg(target, false, async (client) => (await client.query(FAQ_STATS_WHOLE_DAY.replace('$day', '$1'), [day])).rows.length > 0);
}

export function readServiceEventsPg(target: PgTarget, since: number): Promise<ServiceEvent[]> {
  return withClient(target, async (client) => {
    const rows = await client.query<{ conversation_id: string; at: number; role: string; name: string | null; body: unknown }>(
      `SELECT conversation_id, at, role, name, body FROM events
       WHERE conversation_id IN (SELECT id FROM conversations WHERE created_at >= $1)
       AND ${serviceKindsWhere("body ->> 'kind'")} ORDER BY conversation_id, seq`,
      [since],
    );
    return rows.rows.flatMap((row) => serviceEvent(row) ?? []);
  });
}
