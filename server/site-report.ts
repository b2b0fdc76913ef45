// The site owner's figures for a period, as `kohtaamo report` prints them and the console's
// Report shows them: how many visitors the FAQ helped without a person, and how the ones handed
// to a person were served (service-report.ts). Read from the stored conversations and the FAQ
// answers' counts, beside a running server too.
import { utcDay } from './faq-stats';
import type { FaqEntryCounts } from './store/faq-stats-read';
import type { Maintenance } from './store/maintenance';
import { serviceReport, type ServiceReport } from './service-report';

/** What the bot did without a person: the FAQ answers widgets showed, and what visitors said of them. */
export interface SelfService {
  shown: number;
  /** A visitor pressed "Yes" under the answer. Many read it and leave without a word: a lower bound. */
  helped: number;
  /** A visitor pressed "No", which hands them to a person (the handoffs whose reason is `not_helpful`). */
  notHelpful: number;
  /** Per entry, most shown first. */
  entries: FaqEntryCounts[];
}

export interface SiteReport extends ServiceReport {
  selfService: SelfService;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The figures from the first UTC midnight at or after `since` to `until`: FAQ answers are only
 * counted per UTC day, so the period is whole days (and today so far; `--days 30` is today and
 * the 29 days before), and the handoffs are taken over the same window. Counting the first day
 * whole would add up to a day of answers shown that the handoffs, and "it did not help", leave out.
 */
export async function siteReport(stored: Pick<Maintenance, 'serviceEvents' | 'faqStats'>, since: number, until: number): Promise<SiteReport> {
  const start = Math.min(until, Math.ceil(since / DAY_MS) * DAY_MS);
  const report = serviceReport(await stored.serviceEvents(start), { since: start, until });
  const entries = await stored.faqStats(utcDay(start));
  const selfService: SelfService = {
    shown: entries.reduce((n, e) => n + e.shown, 0),
    helped: entries.reduce((n, e) => n + e.helped, 0),
    notHelpful: report.reasons.not_helpful,
    entries,
  };
  return { ...report, selfService };
}
