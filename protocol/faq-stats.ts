// What the widget tells the server about the FAQ answers it shows (`POST /api/faq-stats`), so
// that the site owner sees what the bot settles without a person (`kohtaamo report`): which
// entry it showed, and which one the visitor said helped. Nothing else: no visitor id, no text,
// no cookie; the server keeps counts per hour and entry. A "did not help" needs no beacon: it
// hands the visitor to a person, and the handoff records it.
import * as v from 'valibot';
import * as f from './fields';

export const FAQ_STATS_PATH = '/api/faq-stats';
export const FAQ_STAT_KINDS = ['shown', 'helped'] as const;

export const faqStat = v.object({ kind: v.picklist(FAQ_STAT_KINDS), faqId: f.id });
export type FaqStat = v.InferOutput<typeof faqStat>;

/** One hour's counts for one entry, as stored. `day`: the UTC hour, 2026-11-24T22 (a UTC date, 2026-11-24, from earlier versions). */
export interface FaqStatCount {
  day: string;
  faqId: string;
  shown: number;
  helped: number;
}
