// The FAQ answers' counts since a moment (server/faq-stats.ts), summed per entry, for `kohtaamo
// report`: read straight from a data directory's SQLite file, read-only and beside a live server.
// A database no server of this version has opened yet has no counts table: no counts.
//
// The counts are kept per UTC hour (`day` 2026-11-24T22); earlier versions kept whole UTC days
// (`day` 2026-11-24), and those rows are still read: a whole day is counted when it begins at or
// after the moment asked for (the one it begins before is left out: see faqStatsKeptWhole).
import Database from 'better-sqlite3';
import { checkSqliteSchema } from './schema-version';

export interface FaqEntryCounts {
  faqId: string;
  shown: number;
  helped: number;
}

/** Summed per entry from the hour `$fromHour` on, and the whole UTC days from `$fromDay` on, most shown first. */
export const FAQ_STATS_SUM = `SELECT faq_id AS "faqId", CAST(SUM(shown) AS BIGINT) AS shown, CAST(SUM(helped) AS BIGINT) AS helped FROM faq_stats
  WHERE (length(day) > 10 AND day >= $fromHour) OR (length(day) = 10 AND day >= $fromDay) GROUP BY faq_id ORDER BY shown DESC, faq_id`;

/** Whether any counts of the UTC day `$day` are kept as one whole day (an earlier version's). */
export const FAQ_STATS_WHOLE_DAY = `SELECT 1 AS kept FROM faq_stats WHERE day = $day LIMIT 1`;

/**
 * The keys `since` (a UTC hour, 2026-11-24T22, or a UTC date, 2026-11-24: from its midnight)
 * reads from: that hour on, and the whole days that begin then or later.
 */
export function faqStatsFrom(since: string): { fromHour: string; fromDay: string } {
  const day = since.slice(0, 10);
  if (since.length === 10 || since.slice(10) === 'T00') return { fromHour: since, fromDay: day };
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return { fromHour: since, fromDay: next };
}

function withFaqStats<T>(file: string, none: T, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    checkSqliteSchema(db);
    if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'faq_stats'`).get()) return none;
    return read(db);
  } finally {
    db.close();
  }
}

/** Summed per entry from `since` (a UTC hour, 2026-11-24T22, or date, 2026-11-24) on, most shown first. */
export function readFaqStats(file: string, since: string): FaqEntryCounts[] {
  return withFaqStats(file, [], (db) => db.prepare<{ fromHour: string; fromDay: string }, FaqEntryCounts>(FAQ_STATS_SUM).all(faqStatsFrom(since)));
}

/** Whether an earlier version kept counts of the UTC date `day` as one whole day. */
export function readFaqStatsKeptWhole(file: string, day: string): boolean {
  return withFaqStats(file, false, (db) => db.prepare<{ day: string }, { kept: number }>(FAQ_STATS_WHOLE_DAY).get({ day }) !== undefined);
}
