// The site owner's figures for a period, as `kohtaamo report` prints them and the console's
// Report shows them: how many visitors the FAQ helped without a person, and how the ones handed
// to a person were served (service-report.ts). Read from the stored conversations and the FAQ
// answers' counts, beside a running server too.
import { utcDay, utcHour } from './faq-stats';
import { lastDays } from './local-days';
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
  /** The moment the counts are from: the period's first, or later where they are kept in coarser steps (see siteReport). */
  since: number;
}

export interface SiteReport extends ServiceReport {
  /** The zone whose calendar days the period is (Europe/Helsinki), and its first and last day there (2026-11-24). */
  timeZone: string;
  firstDay: string;
  lastDay: string;
  selfService: SelfService;
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** The days to report on: today so far at `until` and the `days - 1` before it, on the calendar of `timeZone`. */
export interface ReportPeriod {
  days: number;
  until: number;
  timeZone: string;
}

/**
 * The figures over the site's own calendar days (local-days.ts): from the first day's midnight in
 * the site's zone to `until`. The handoffs are taken over exactly that; the FAQ answers are kept
 * per UTC hour, so in a zone a whole number of hours from UTC they are of the same period too.
 * Where they cannot be (a zone half an hour off UTC; counts an earlier version kept per whole UTC
 * day, of the day the period begins in), the part left out is said: `selfService.since`.
 */
export async function siteReport(stored: Pick<Maintenance, 'serviceEvents' | 'faqStats' | 'faqStatsKeptWhole'>, period: ReportPeriod): Promise<SiteReport> {
  const { days, until, timeZone } = period;
  const { since, firstDay, lastDay } = lastDays(days, until, timeZone);
  const report = serviceReport(await stored.serviceEvents(since), { since, until });
  let faqSince = Math.ceil(since / HOUR_MS) * HOUR_MS;
  if (since % DAY_MS !== 0 && (await stored.faqStatsKeptWhole(utcDay(since)))) faqSince = Math.ceil(since / DAY_MS) * DAY_MS;
  const entries = await stored.faqStats(utcHour(faqSince));
  const selfService: SelfService = {
    shown: entries.reduce((n, e) => n + e.shown, 0),
    helped: entries.reduce((n, e) => n + e.helped, 0),
    notHelpful: report.reasons.not_helpful,
    entries,
    since: Math.min(until, faqSince),
  };
  return { ...report, timeZone, firstDay, lastDay, selfService };
}
