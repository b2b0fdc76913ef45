// The site's figures for a period (`GET /api/report`, what `kohtaamo report` prints): how many
// visitors the FAQ helped without a person, and how the ones handed to a person were served.
// Asked for when the agent opens the Report, and again for another period; an older answer
// never replaces a newer one.
import { signal } from '@preact/signals';
import { serverUrl, type ConsoleEnv } from '../env';

export interface Durations {
  count: number;
  median: number;
  p90: number;
}

/** The parts of the server's report the console shows. */
export interface ReportData {
  handedOff: number;
  reasons: { asked_for_person: number; no_answer: number; not_helpful: number };
  reached: number;
  wait: Durations | null;
  firstResponse: Durations | null;
  ratings: { count: number; average: number | null; satisfied: number | null };
  agents: { name: string; conversations: number; firstResponse: Durations | null; ratings: { count: number; average: number | null } }[];
  selfService: { shown: number; helped: number; notHelpful: number; entries: { faqId: string; shown: number; helped: number }[]; since?: number };
  /** The period's first moment, and its days on the site's calendar (2026-11-24) in its zone; an older server sends no days. */
  since?: number;
  firstDay?: string;
  lastDay?: string;
  timeZone?: string;
  /** Conversations whose visitor had left and got the missed replies by email, and those where a send failed. */
  emailed?: { conversations: number; failed: number };
}

export type ReportState = { days: number; data: ReportData | null; failed: boolean };

export const REPORT_PERIODS = [7, 30, 90] as const;

export function createReport(env: ConsoleEnv, token: () => string | undefined) {
  const state = signal<ReportState | null>(null);
  /** The period last looked at, for the next opening. */
  let days = 30;
  /** Counts the requests, so that only the newest one's answer is shown. */
  let asked = 0;

  async function load(period: number): Promise<void> {
    days = period;
    const mine = ++asked;
    state.value = { days, data: null, failed: false };
    let data: ReportData | null = null;
    try {
      const response = await env.fetch(serverUrl(env.pageUrl, `/api/report?days=${days}`), { headers: { authorization: `Bearer ${token() ?? ''}` } });
      const body: unknown = response.ok ? await response.json() : null;
      data = isReport(body) ? body : null;
    } catch {
      data = null;
    }
    if (mine === asked) state.value = { days, data, failed: data === null };
  }

  return {
    state,
    open: () => load(days),
    period: load,
    close() {
      asked += 1;
      state.value = null;
    },
  };
}

function isReport(body: unknown): body is ReportData {
  if (typeof body !== 'object' || body === null) return false;
  const r = body as Partial<ReportData>;
  return typeof r.handedOff === 'number' && typeof r.reasons === 'object' && typeof r.ratings === 'object' && Array.isArray(r.agents) && typeof r.selfService === 'object';
}
