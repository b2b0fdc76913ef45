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

export async function siteReport(stored: Pick<Maintenance, 'serviceEvents' | 'faqStats'>, since: number, until: number): Promise<SiteReport> {
  const report = serviceReport(await stored.serviceEvents(since), { since, until });
  // Counted per UTC day: the period's first day is counted whole.
  const entries = await stored.faqStats(utcDay(since));
  const selfService: SelfService = {
    shown: entries.reduce((n, e) => n + e.shown, 0),
    helped: entries.reduce((n, e) => n + e.helped, 0),
    notHelpful: report.reasons.not_helpful,
    entries,
  };
  return { ...report, selfService };
}
