// The FAQ answers' counts since a day (server/faq-stats.ts), summed per entry, for `kohtaamo
// report`: read straight from a data directory's SQLite file, read-only and beside a live server.
// A database no server of this version has opened yet has no counts table: no counts.
import Database from 'better-sqlite3';
import { checkSqliteSchema } from './schema-version';

export interface FaqEntryCounts {
  faqId: string;
  shown: number;
  helped: number;
}

/** Summed per entry from `sinceDay` (a UTC date, 2026-11-24) on, most shown first. */
export const FAQ_STATS_SUM = `SELECT faq_id AS "faqId", CAST(SUM(shown) AS BIGINT) AS shown, CAST(SUM(helped) AS BIGINT) AS helped FROM faq_stats
  WHERE day >= $since GROUP BY faq_id ORDER BY shown DESC, faq_id`;

export function readFaqStats(file: string, sinceDay: string): FaqEntryCounts[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    checkSqliteSchema(db);
    if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'faq_stats'`).get()) return [];
    return db.prepare<{ since: string }, FaqEntryCounts>(FAQ_STATS_SUM).all({ since: sinceDay });
  } finally {
    db.close();
  }
}
