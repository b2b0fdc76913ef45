// The site's figures for a period (`GET /api/report`, what `kohtaamo report` prints): how many
// visitors the FAQ helped without a person, and how the ones handed to a person were served.
// Asked for when the agent opens the Report, and again for another period; an older answer
// never replaces a newer one. One that cannot be had says why, in the status mapping a file's
// download uses (http-problem.ts): an expired session is the console's to handle (a login, after
// which the Report loads again), the rest are the agent's to retry or not.
import { signal } from '@preact/signals';
import { serverUrl, type ConsoleEnv } from '../env';
import { statusProblem, type StatusProblem } from './http-problem';

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

/** `problem`: why the figures did not come; null while they load, and once they are here. */
export type ReportState = { days: number; data: ReportData | null; problem: StatusProblem | null };

/** A request the server refuses as it stands: asking again cannot help (a reload may). */
export const isFinalReport = (problem: StatusProblem) => problem === 'refused';

export const REPORT_PERIODS = [7, 30, 90] as const;

/**
 * `expired`: the server no longer takes the session's token (401), saying why (its body's `ended`,
 * passed on unchecked). The console logs out as it does when the socket is refused, and the
 * Report, put aside (`pause`), loads again once the agent has logged back in (`resume`).
 */
export function createReport(env: ConsoleEnv, token: () => string | undefined, expired: (ended: unknown) => void) {
  const state = signal<ReportState | null>(null);
  /** The period last looked at, for the next opening. */
  let days = 30;
  /** Counts the requests, so that only the newest one's answer is shown. */
  let asked = 0;
  /** Open when the session ran out: shown again after the next login. */
  let paused = false;

  async function load(period: number): Promise<void> {
    days = period;
    paused = false;
    const mine = ++asked;
    state.value = { days, data: null, problem: null };
    let data: ReportData | null = null;
    let problem: StatusProblem | null = null;
    /** Why the server ended the session, as its 401 says (agent-sessions.ts). */
    let ended: unknown;
    try {
      const response = await env.fetch(serverUrl(env.pageUrl, `/api/report?days=${days}`), { headers: { authorization: `Bearer ${token() ?? ''}` } });
      if (!response.ok) {
        problem = statusProblem(response.status);
        if (problem === 'unauthorized') ended = ((await response.json().catch(() => null)) as { error?: { ended?: unknown } } | null)?.error?.ended;
      } else {
        const body: unknown = await response.json();
        data = isReport(body) ? body : null;
        // Figures of another shape: a server newer or older than this page, which a reload brings up to date.
        if (!data) problem = 'refused';
      }
    } catch {
      // No answer, the connection dropped mid-answer, or a page that is no JSON (a captive portal's): the network's.
      problem = 'other';
    }
    if (mine !== asked) return;
    state.value = { days, data, problem };
    if (problem === 'unauthorized') expired(ended);
  }

  function close(): void {
    asked += 1;
    paused = false;
    state.value = null;
  }

  return {
    state,
    open: () => load(days),
    period: load,
    close,
    /** The session ran out: the Report goes with the console, to come back after the login. */
    pause() {
      const open = state.value !== null;
      close();
      paused = open;
    },
    /** A session starts for the agent whose Report was put aside: it loads again. */
    resume() {
      if (paused) void load(days);
    },
  };
}

function isReport(body: unknown): body is ReportData {
  if (typeof body !== 'object' || body === null) return false;
  const r = body as Partial<ReportData>;
  return typeof r.handedOff === 'number' && typeof r.reasons === 'object' && typeof r.ratings === 'object' && Array.isArray(r.agents) && typeof r.selfService === 'object';
}
