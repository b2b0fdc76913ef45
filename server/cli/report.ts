// `kohtaamo report`: how the visitors handed to a person were served, for the site owner
// (service-report.ts). Reads the data directory's SQLite file, or PostgreSQL when
// KOHTAAMO_DATABASE_URL is set; also beside a running server.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIo } from './io';
import { spokenDuration } from '../../protocol/durations';
import { DEFAULTS } from '../defaults';
import { ENV, readFlags } from '../flags';
import { maintenanceFor } from '../store/maintenance';
import type { Durations, Ratings } from '../service-report';
import { localDateTime } from '../local-days';
import { timeZoneProblem } from '../time-zone';
import { siteReport, type SelfService, type SiteReport } from '../site-report';

export const REPORT_USAGE = `Usage:
  kohtaamo report [--days 30] [--timezone ZONE] [--data DIR] [--json]

What the bot settled in the last DAYS days (FAQ answers the widget showed, and how often a
visitor said one helped or not), and how the visitors handed to a person were served: why the
bot handed them over, how many an agent reached, the wait for an agent and for the first reply
(median and the time nine in ten were within), ratings, and the same per agent. --json prints
it as one object. The days are the site's calendar days, today so far and the DAYS-1 before it,
each from midnight in ZONE (like Europe/Helsinki): --timezone, else KOHTAAMO_TIMEZONE, else this
machine's zone. Give the zone the server has, or the figures differ from the console's report.
With KOHTAAMO_DATABASE_URL set (a scaled-out server), the conversations are read from PostgreSQL.
`;

const MAX_DAYS = 36_500;

/** 45 s, 3 min 20 s, 2 h 5 min: what a person reads at a glance. */
const pct = (share: number) => `${Math.round(share * 100)} %`;
const conversations = (n: number) => `${n} conversation${n === 1 ? '' : 's'}`;
const timing = (d: Durations | null) => (d === null ? 'none yet' : `median ${spokenDuration(d.median)}, 9 in 10 within ${spokenDuration(d.p90)}, over ${conversations(d.count)}`);
const rated = (r: Ratings) =>
  r.average === null ? 'none' : `${r.average.toFixed(1)} / 5 from ${r.count} rating${r.count === 1 ? '' : 's'}, ${pct(r.satisfied!)} gave 4 or 5`;

const MOST_SHOWN = 5;

function selfServiceLines(s: SelfService, report: SiteReport): string[] {
  // Counts kept per whole UTC day by an earlier version, or per hour in a zone half an hour off UTC.
  const from = s.since > report.since ? [`  (FAQ answers counted from ${localDateTime(s.since, report.timeZone)}: before that they are kept per whole UTC day or hour)`] : [];
  if (s.shown === 0) return ['FAQ answers shown in the widget: none', ...from];
  const most = s.entries.slice(0, MOST_SHOWN).map((e) => `${e.faqId} ${e.shown} (helped ${e.helped})`);
  return [
    `FAQ answers shown in the widget: ${s.shown}; "it helped" ${s.helped} (${pct(s.helped / s.shown)}), "it did not help" ${s.notHelpful} (handed to a person)`,
    `  most shown: ${most.join(', ')}${s.entries.length > MOST_SHOWN ? `, and ${s.entries.length - MOST_SHOWN} more entries` : ''}`,
    ...from,
  ];
}

function formatReport(report: SiteReport, where: string): string {
  const { reasons, langs, unreached, ratings } = report;
  const lines = [
    `Service report, ${report.firstDay} – ${report.lastDay}, days in ${report.timeZone} (${where})`,
    ...selfServiceLines(report.selfService, report),
    `Handed to a person: ${report.handedOff}`,
  ];
  if (report.handedOff > 0) {
    lines.push(
      `  why: asked for a person ${reasons.asked_for_person}, no FAQ answer ${reasons.no_answer}, an answer did not help ${reasons.not_helpful}`,
      `  language: Finnish ${langs.fi}, English ${langs.en}`,
      `Reached by an agent: ${report.reached} (${pct(report.reached / report.handedOff)}); never: ${unreached.closed} closed first, ${unreached.waiting} still waiting`,
      `Wait for an agent: ${timing(report.wait)}`,
      `First reply: ${timing(report.firstResponse)}`,
      `Ratings: ${rated(ratings)}${ratings.count > 0 ? ` (5: ${ratings.scores[4]}, 4: ${ratings.scores[3]}, 3: ${ratings.scores[2]}, 2: ${ratings.scores[1]}, 1: ${ratings.scores[0]})` : ''}`,
    );
    // Only where the server sends such emails (--smtp): elsewhere the line would always say 0.
    const { emailed } = report;
    if (emailed.conversations + emailed.failed > 0) {
      lines.push(`Replies emailed to visitors who had left: ${conversations(emailed.conversations)}${emailed.failed > 0 ? `; could not be sent in ${conversations(emailed.failed)}` : ''}`);
    }
  }
  if (report.agents.length > 0) {
    lines.push('Agents:');
    for (const a of report.agents) lines.push(`  ${a.name}: ${conversations(a.conversations)}; first reply ${timing(a.firstResponse)}; ratings ${rated(a.ratings)}`);
  }
  return lines.join('\n') + '\n';
}

export async function reportCommand(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env, now = Date.now()): Promise<number> {
  const json = argv.includes('--json');
  const read = readFlags(
    argv.filter((arg) => arg !== '--json'),
    ['days', 'timezone', 'data'],
  );
  const fail = (message: string) => {
    io.stderr.write(`kohtaamo report: ${message}\n\n${REPORT_USAGE}`);
    return 2;
  };
  if (!read.ok) return fail(read.message);
  const flag = (name: string) => read.flags.get(name)?.at(-1);
  const days = flag('days') ?? '30';
  if (!/^\d+$/.test(days) || Number(days) < 1 || Number(days) > MAX_DAYS) return fail(`--days needs a number of days, 1 to ${MAX_DAYS} (got "${days}")`);
  const timeZone = flag('timezone') ?? (env[ENV.timezone] || DEFAULTS.timeZone);
  const badZone = timeZoneProblem(timeZone);
  if (badZone) return fail(`--timezone: ${badZone}`);
  const dataDir = resolve(flag('data') ?? (env.KOHTAAMO_DATA || DEFAULTS.data));
  const store = maintenanceFor({ data: dataDir, database: env.KOHTAAMO_DATABASE_URL || undefined });
  if (!env.KOHTAAMO_DATABASE_URL && !existsSync(store.where)) return fail(`no conversations are stored in ${dataDir} (no ${store.where}); pass --data DIR`);
  let report;
  try {
    report = await siteReport(store, { days: Number(days), until: now, timeZone });
  } catch (error) {
    // Where and why in one line (a database a newer release wrote, one out of reach), not a stack.
    io.stderr.write(`kohtaamo report: ${store.where}: ${(error as Error).message}\n`);
    return 1;
  }
  io.stdout.write(json ? JSON.stringify({ where: store.where, ...report }) + '\n' : formatReport(report, store.where));
  return 0;
}
