// `kohtaamo faq gaps`: where the FAQ failed visitors who then asked for a person, and a copy of
// the FAQ with the words agents agree on added to keywords.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createFaqSearch, DEFAULT_OPTIONS, type FaqEntry } from '../../faq/index';
import { DEFAULTS } from '../defaults';
import { findFaqGaps, type FaqGaps, type Tally } from '../faq-gaps';
import { MIN_AGREEING, withAgentKeywords } from '../faq-keywords';
import type { FaqEntryCounts } from '../store/faq-stats-read';
import { maintenanceFor } from '../store/maintenance';
import { OWNER_ONLY } from '../store/owner-only';
import { faqFileText, openSearch } from './faq-open';
import { FAQ_USAGE } from './faq-usage';
import type { CliIo } from './io';

/** Lines of each list `gaps` prints. */
const DEFAULT_TOP = 20;

/** Where the FAQ failed visitors who were handed to a person, from the server's stored conversations. */
export async function gaps(argv: string[], io: CliIo): Promise<number> {
  const opened = await openSearch(argv, io, { data: { type: 'string' }, top: { type: 'string' }, write: { type: 'string' }, json: { type: 'boolean' } });
  if (typeof opened === 'number') return opened;
  const { top: topFlag, write: writeFlag, data, json } = opened.flags;
  const top = Number(topFlag ?? DEFAULT_TOP);
  if (opened.queries.length > 0 || !Number.isInteger(top) || top < 1) {
    io.stderr.write(`gaps takes no queries, and --top a whole number from 1\n${FAQ_USAGE}`);
    return 2;
  }
  if (json && writeFlag !== undefined) {
    io.stderr.write(`--json prints the report alone: run --write without it\n`);
    return 2;
  }
  const write = typeof writeFlag === 'string' ? resolve(writeFlag) : undefined;
  if (write === resolve(opened.file)) {
    io.stderr.write(`--write must name a new file, not the FAQ itself: review the changes, then replace ${opened.file} with it\n`);
    return 2;
  }
  const dir = resolve(typeof data === 'string' ? data : process.env.KOHTAAMO_DATA || DEFAULTS.data);
  const stored = maintenanceFor({ data: dir, database: process.env.KOHTAAMO_DATABASE_URL || undefined });
  const file = stored.where;
  let history;
  let counts: FaqEntryCounts[];
  try {
    history = await stored.botHistory();
    // How often each answer was shown at all, since the first count: how big a share said "no".
    counts = await stored.faqStats('0000-01-01');
  } catch (error) {
    const hint = process.env.KOHTAAMO_DATABASE_URL ? 'KOHTAAMO_DATABASE_URL must be the server\'s database' : "--data must be the server's data directory";
    io.stderr.write(`${file}: cannot read the conversations: ${(error as Error).message} (${hint})\n`);
    return 1;
  }
  const answerThreshold = opened.options.answerThreshold ?? DEFAULT_OPTIONS.answerThreshold;
  // One search answering at any probability judges every threshold in one pass (see faq-gaps.ts).
  const reportOn = (entries: FaqEntry[]) =>
    findFaqGaps(history, createFaqSearch(entries, { ...opened.options, answerThreshold: 0, suggestThreshold: 0 }), answerThreshold);
  const report = reportOn(opened.entries);
  if (json) {
    // Whole lists (no --top): for scripts and dashboards. The shape is FaqGaps (server/faq-gaps.ts).
    io.stdout.write(`${JSON.stringify({ database: file, answerThreshold, ...report, answersShown: counts })}\n`);
    return 0;
  }
  const more = (count: number) => (count > top ? `  … and ${count - top} more (--top)\n` : '');
  const shown = new Map(counts.map((c) => [c.faqId, c.shown]));
  const list = (tallies: Tally[], { ofShown = false } = {}) => {
    if (tallies.length === 0) return '  none\n';
    const width = Math.max(...tallies.slice(0, top).map((t) => t.key.length));
    const line = (t: Tally) => {
      const of = ofShown && shown.has(t.key) ? `of ${shown.get(t.key)} shown  ` : '';
      const said = t.agentsSaid?.length ? `agents said ${t.agentsSaid.slice(0, 2).map((a) => a.faqId).join(', ')}  ` : '';
      const near = t.near?.length ? `near ${t.near.slice(0, 2).join(', ')}  ` : '';
      return `  ${t.key.padEnd(width)}  ${t.count}×  ${of}${said}${near}${t.examples.map((q) => JSON.stringify(q)).join(', ')}\n`;
    };
    return tallies.slice(0, top).map(line).join('') + more(tallies.length);
  };
  const { agentChecked: checked, notInFaq } = report;
  io.stdout.write(
    `${report.conversations} handed-off conversation(s) in ${file}: ${report.questions} question(s) to the bot, ` +
      `${report.unsettled} not settled by it (${report.answeredNow} of them the FAQ would answer now)\n` +
      (checked.questions > 0
        ? `Agents matched ${checked.questions} of those to an entry or to none (console: FAQ match): ` +
          `the FAQ now answers ${checked.right} of them with the entry they named and ${checked.wrong} wrongly\n` +
          `  by answerThreshold: ${checked.byThreshold
            .map((t) => `${t.answerThreshold}${t.answerThreshold === answerThreshold ? ' (now)' : ''} ${t.right} right, ${t.wrong} wrong`)
            .join('; ')} (serve with --faq-option answerThreshold=…)\n`
        : '') +
      `Answers visitors said did not help (read the entry: were these questions about it?):\n${list(report.unhelpful, { ofShown: true })}` +
      `Words of unsettled questions that no entry has (add each to the keywords of the entry agents said, or else one it is near; check with faq explain):\n` +
      list(report.missingWords) +
      (notInFaq.length > 0
        ? `Questions agents said no entry answers (write one if they recur):\n` +
          notInFaq.slice(0, top).map((q) => `  ${JSON.stringify(q)}\n`).join('') +
          more(notInFaq.length)
        : ''),
  );
  if (write) return writeAgentKeywords(write, opened.entries, report, reportOn, io);
  return 0;
}

/** `gaps --write`: the FAQ with agents' agreed words in keywords, and what that does to their questions. */
async function writeAgentKeywords(file: string, entries: FaqEntry[], before: FaqGaps, reportOn: (entries: FaqEntry[]) => FaqGaps, io: CliIo): Promise<number> {
  const { entries: changed, added } = withAgentKeywords(entries, before.missingWords);
  if (added.length === 0) {
    io.stdout.write(`No word was put under one entry by agents in ${MIN_AGREEING} or more questions: ${file} not written\n`);
    return 0;
  }
  try {
    // Its new keywords are words of visitors' questions: this user's alone until reviewed, as the
    // database is (a new file's mode, which the umask can only narrow).
    await writeFile(file, faqFileText(changed, file), { flag: 'wx', mode: OWNER_ONLY });
  } catch (error) {
    // Said of a file there already, not of a folder missing or not this user's.
    const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
    io.stderr.write(`${file}: cannot write: ${(error as Error).message}${exists ? ' (--write makes a new file and never overwrites one)' : ''}\n`);
    return 1;
  }
  const after = reportOn(changed).agentChecked;
  io.stdout.write(
    `Wrote ${file}, the FAQ with ${added.length} keyword(s) added where agents' FAQ matches agree (${MIN_AGREEING}+ questions):\n` +
      added.map((a) => `  ${a.faqId} + ${JSON.stringify(a.word)} (${a.questions} questions)\n`).join('') +
      `On the agent-matched questions it answers ${after.right} with the entry they named (now ${before.agentChecked.right}) ` +
      `and ${after.wrong} wrongly (now ${before.agentChecked.wrong}); these are the questions the words came from, ` +
      `so check others with faq explain before you serve it\n`,
  );
  return 0;
}
