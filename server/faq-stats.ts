// Counts of the FAQ answers widgets showed, and of those visitors said helped
// (protocol/faq-stats.ts), kept in memory and added to the store every few seconds: one write per
// entry and hour however many visitors there are, rather than one per beacon. Per UTC hour, so
// that a report can count the site's own days in any zone a whole number of hours from UTC
// (earlier versions kept whole UTC days: store/faq-stats-read.ts reads both). A crash loses at
// most the last seconds' counts: these are figures, not the record.
import type { FaqStat, FaqStatCount } from '../protocol';

export interface FaqStats {
  count(stat: FaqStat, at: number): void;
  /** Adds what was counted since the last flush to the store (kept for the next one if that fails). */
  flush(): Promise<void>;
  /** The last flush; nothing is counted after it. */
  dispose(): Promise<void>;
}

export interface FaqStatsOptions {
  save: (counts: FaqStatCount[]) => Promise<void>;
  flushMs: number;
  log: (error: unknown) => void;
}

/** The UTC date of a moment, 2026-11-24: what earlier versions keyed the counts by. */
export const utcDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/** The UTC hour of a moment, 2026-11-24T22: the hour its count belongs to. */
export const utcHour = (at: number) => new Date(at).toISOString().slice(0, 13);

export function createFaqStats({ save, flushMs, log }: FaqStatsOptions): FaqStats {
  let pending = new Map<string, FaqStatCount>();
  let disposed = false;

  const add = (counts: Iterable<FaqStatCount>) => {
    for (const c of counts) {
      const key = `${c.day} ${c.faqId}`;
      const known = pending.get(key);
      if (known) {
        known.shown += c.shown;
        known.helped += c.helped;
      } else pending.set(key, { ...c });
    }
  };

  const flush = async () => {
    if (pending.size === 0) return;
    const counts = [...pending.values()];
    pending = new Map();
    try {
      await save(counts);
    } catch (error) {
      // The database is out of reach for a moment: the counts wait for the next flush.
      add(counts);
      log(error);
    }
  };

  const timer = setInterval(() => void flush(), flushMs);
  timer.unref();

  return {
    count(stat, at) {
      if (disposed) return;
      add([{ day: utcHour(at), faqId: stat.faqId, shown: stat.kind === 'shown' ? 1 : 0, helped: stat.kind === 'helped' ? 1 : 0 }]);
    },
    flush,
    async dispose() {
      disposed = true;
      clearInterval(timer);
      await flush();
    },
  };
}
