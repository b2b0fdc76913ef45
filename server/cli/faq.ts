// `kohtaamo faq validate FILE`, `kohtaamo faq search --faq FILE` and `kohtaamo faq explain`.
//
// `search` is a filter: one query per line in, one JSON object per line out, nothing else on
// stdout — the shape `/work/shared/faq-eval/score.mjs` and any script can read.
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createFaqSearch, DEFAULT_OPTIONS, describeFaqProblem, parseFaqOptions, readFaqText, toFaqMd, type AnswerEvidence, type FaqEntry, type FaqProblem, type FaqSearchOptions, type FaqValidation, type FaqSearchWithExplain } from '../../faq/index';
import type { CliIo } from './io';
import { PACKAGE_ROOT } from './package-root';
import { DEFAULTS } from '../defaults';
import { findFaqGaps, type FaqGaps, type Tally } from '../faq-gaps';
import { MIN_AGREEING, withAgentKeywords } from '../faq-keywords';
import { maintenanceFor } from '../store/maintenance';
import type { FaqEntryCounts } from '../store/faq-stats-read';

export const FAQ_USAGE = `Usage:
  kohtaamo faq validate FILE [--all]   check a FAQ file; exit 1 and list every problem; warnings
                                       are grouped by kind, the first 20 of each unless --all
  kohtaamo faq convert FILE NEW_FILE   the same FAQ in the other format: JSON, or Markdown
                                       when the name ends in .md (# question, fields, answer)
  kohtaamo faq search [--faq FILE] [--lang fi|en] [--option NAME=VALUE ...] [QUERY ...]
                                       read queries (one per line) from stdin, write JSON lines;
                                       --option tries the tuning serve's --faq-option would use
  kohtaamo faq explain [same options] [QUERY ...]
                                       the same decisions, with each word's weight and the
                                       entries it matched: what to add to a FAQ's keywords
  kohtaamo faq gaps [--faq FILE] [--data DIR] [--top 20] [--option NAME=VALUE ...] [--write NEW_FILE | --json]
                                       where the FAQ failed visitors who then asked for a person:
                                       answers they said did not help, and the words of their
                                       unsettled questions that no entry has; --write saves a copy
                                       of the FAQ (JSON, or Markdown for .md) with the words agents'
                                       FAQ matches agree on added to keywords, for you to review
                                       and serve; --json prints
                                       the whole report as one JSON object instead
`;
/** Warnings `validate` prints of each kind, unless --all. */
const WARNINGS_SHOWN = 20;
/** Lines of each list `gaps` prints. */
const DEFAULT_TOP = 20;
/** The demo's FAQ, in the package: what `serve` serves without --faq, wherever the command runs. */
const DEFAULT_FAQ = join(PACKAGE_ROOT, DEFAULTS.faq);
/** Topics listed per word by `explain`; a word in more says little anyway. */
const MAX_TOPICS_SHOWN = 4;

/** The FAQ file read and checked; undefined once why not (unreadable, or every problem) is printed. */
async function load(file: string, io: CliIo): Promise<FaqValidation | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    io.stderr.write(`${file}: cannot read the FAQ: ${(error as Error).message}\n`);
    return undefined;
  }
  const result = readFaqText(text, file);
  if (result.problems.length === 0) return result;
  for (const p of result.problems) io.stderr.write(`error: ${describeFaqProblem(p)}\n`);
  io.stderr.write(`${file}: ${result.problems.length} problem(s)\n`);
  return undefined;
}

async function validate(argv: string[], io: CliIo): Promise<number> {
  let all: boolean | undefined;
  let positionals: string[];
  try {
    ({ values: { all }, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { all: { type: 'boolean' } } }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${FAQ_USAGE}`);
    return 2;
  }
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    io.stderr.write(FAQ_USAGE);
    return 2;
  }
  const result = await load(file, io);
  if (!result) return 1;
  // A big FAQ may have hundreds: grouped by kind with a count, so the summary stays in sight.
  const kinds = new Map<string, FaqProblem[]>();
  for (const w of result.warnings) {
    const kind = w.kind ?? 'other';
    kinds.set(kind, [...(kinds.get(kind) ?? []), w]);
  }
  for (const [kind, warnings] of kinds) {
    io.stdout.write(`${warnings.length} ${kind} warning(s):\n`);
    const shown = all ? warnings : warnings.slice(0, WARNINGS_SHOWN);
    for (const w of shown) io.stdout.write(`warning: ${describeFaqProblem(w)}\n`);
    if (shown.length < warnings.length) io.stdout.write(`… and ${warnings.length - shown.length} more: run with --all to see them\n`);
  }
  const langs = ['fi', 'en'].map((l) => `${result.entries.filter((e) => e.lang === l).length} ${l}`).join(', ');
  const counts = kinds.size > 0 ? `: ${[...kinds].map(([kind, warnings]) => `${warnings.length} ${kind}`).join(', ')}` : '';
  io.stdout.write(`${file}: ${result.entries.length} entries (${langs}), ${result.warnings.length} warning(s)${counts}\n`);
  return 0;
}

/** The FAQ, language and queries given on the command line: a search ready to run, or an exit code. */
async function openSearch(
  argv: string[],
  io: CliIo,
  more: NonNullable<ParseArgsConfig['options']> = {},
): Promise<
  | { faq: FaqSearchWithExplain; file: string; entries: FaqEntry[]; options: Partial<FaqSearchOptions>; lang?: 'fi' | 'en'; queries: string[]; flags: Record<string, string | boolean | undefined> }
  | number
> {
  let values: { faq?: string; lang?: string; option?: string[] } & Record<string, unknown>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { faq: { type: 'string' }, lang: { type: 'string' }, option: { type: 'string', multiple: true }, ...more },
    }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${FAQ_USAGE}`);
    return 2;
  }
  const lang = values.lang;
  if (lang !== undefined && lang !== 'fi' && lang !== 'en') {
    io.stderr.write(`--lang must be fi or en\n`);
    return 2;
  }
  const options = parseFaqOptions(values.option ?? []);
  if (!options.ok) {
    io.stderr.write(`${options.message}\n`);
    return 2;
  }
  const file = values.faq ?? process.env.KOHTAAMO_FAQ ?? DEFAULT_FAQ;
  const result = await load(file, io);
  if (!result) return 1;
  const flags = Object.fromEntries(Object.keys(more).map((name) => [name, values[name] as string | boolean | undefined]));
  return { faq: createFaqSearch(result.entries, options.options), file, entries: result.entries, options: options.options, lang, queries: positionals, flags };
}

/**
 * Queries from the command line, or else one per line of stdin: a line ends at \n (and a \r
 * before it goes), never at a lone \r, so every input line gets exactly one output line.
 */
async function* queriesOf(queries: string[], io: CliIo): AsyncGenerator<string> {
  if (queries.length > 0) return yield* queries;
  // Streaming, so a letter split between two chunks stays whole.
  const decoder = new TextDecoder();
  let rest = '';
  for await (const chunk of io.stdin) {
    const lines = (rest + (typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true }))).split('\n');
    rest = lines.pop()!;
    for (const line of lines) yield line.replace(/\r$/, '');
  }
  rest += decoder.decode();
  if (rest !== '') yield rest.replace(/\r$/, '');
}

async function search(argv: string[], io: CliIo): Promise<number> {
  const opened = await openSearch(argv, io);
  if (typeof opened === 'number') return opened;
  const { faq, lang } = opened;
  for await (const line of queriesOf(opened.queries, io)) {
    const { decision, intent, results } = faq.search(line, lang);
    const out = { query: line, decision, ...(intent ? { intent } : {}), results: results.map((h) => ({ id: h.entry.id, score: h.score })) };
    io.stdout.write(`${JSON.stringify(out)}\n`);
  }
  return 0;
}

/** For a person: the decision, then each word with its weight and the entries it matched. */
async function explain(argv: string[], io: CliIo): Promise<number> {
  const opened = await openSearch(argv, io);
  if (typeof opened === 'number') return opened;
  const { faq, lang } = opened;
  for await (const line of queriesOf(opened.queries, io)) {
    const { result, words, evidence } = faq.explain(line, lang);
    const hits = result.results.map((h) => `${h.entry.id} ${h.score}`).join(', ');
    io.stdout.write(`${JSON.stringify(line)} → ${result.decision}${result.intent ? ` (${result.intent})` : ''}${hits ? `: ${hits}` : ''}\n`);
    if (evidence) io.stdout.write(`  ${describeEvidence(evidence, result.results[0]!.score)}\n`);
    const width = Math.max(0, ...words.map((w) => w.word.length));
    for (const w of words) {
      const share = `${Math.round(w.share * 100)}%`.padStart(4);
      const met = w.topics.length > 0
        ? w.topics.slice(0, MAX_TOPICS_SHOWN).map((t) => `${t.topic} ${t.strength}`).join(', ') + (w.topics.length > MAX_TOPICS_SHOWN ? `, +${w.topics.length - MAX_TOPICS_SHOWN} more` : '')
        : 'not in this FAQ: counts against every entry (add it to the keywords of the entry it belongs to)';
      io.stdout.write(`  ${w.word.padEnd(width)} ${share}  ${w.everyday ? 'everyday word: ' : ''}${met}\n`);
    }
  }
  return 0;
}

/** The evidence about the best entry, in the words of the answer model (faq/calibration.ts). */
function describeEvidence(e: AnswerEvidence, probability: number): string {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return `right with probability ${probability} (answerThreshold compares this): explains ${pct(e.confidence)}, ` +
    `lead ${pct(e.margin)} (ranking ${pct(e.rankMargin)}), unknown words ${pct(e.unknown)}, other entries' words ${pct(e.rival)}, ` +
    `${e.words} content word${e.words === 1 ? '' : 's'}${e.story ? ', a story before the question' : ''}`;
}

/** Where the FAQ failed visitors who were handed to a person, from the server's stored conversations. */
async function gaps(argv: string[], io: CliIo): Promise<number> {
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
    await writeFile(file, faqFileText(changed, file), { flag: 'wx' });
  } catch (error) {
    io.stderr.write(`${file}: cannot write: ${(error as Error).message} (--write makes a new file and never overwrites one)\n`);
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

/** The entries as a file of the format its name says: Markdown for .md, else JSON. */
function faqFileText(entries: FaqEntry[], file: string): string {
  return /\.(md|markdown)$/i.test(file) ? toFaqMd(entries) : `${JSON.stringify(entries, null, 2)}\n`;
}

/** `convert`: a FAQ in the other format (by the new file's name), checked on the way in, never over an existing file. */
async function convert(argv: string[], io: CliIo): Promise<number> {
  const [from, to] = argv;
  if (!from || !to || argv.length > 2) {
    io.stderr.write(FAQ_USAGE);
    return 2;
  }
  const result = await load(from, io);
  if (!result) return 1;
  try {
    await writeFile(to, faqFileText(result.entries, to), { flag: 'wx' });
  } catch (error) {
    io.stderr.write(`${to}: cannot write: ${(error as Error).message} (convert makes a new file and never overwrites one)\n`);
    return 1;
  }
  io.stdout.write(`${to}: ${result.entries.length} entries; serve it with --faq ${to}\n`);
  return 0;
}

export async function faqCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'validate') return validate(rest, io);
  if (sub === 'convert') return convert(rest, io);
  if (sub === 'search') return search(rest, io);
  if (sub === 'explain') return explain(rest, io);
  if (sub === 'gaps') return gaps(rest, io);
  // `kohtaamo faq --help` is main's (every command's --help is); this is a missing or mistyped subcommand.
  io.stderr.write(sub === undefined ? FAQ_USAGE : `kohtaamo faq: unknown subcommand "${sub}"\n\n${FAQ_USAGE}`);
  return 2;
}
