// `kohtaamo faq validate|convert|search|explain|gaps`: the commands; gaps is in gaps.ts.
//
// `search` is a filter: one query per line in, one JSON object per line out, nothing else on
// stdout — the shape `/work/shared/faq-eval/score.mjs` and any script can read.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { describeFaqProblem, type AnswerEvidence, type FaqProblem } from '../../faq/index';
import type { CliIo } from './io';
import { faqFileText, load, openSearch } from './faq-open';
import { downloadWarning } from './faq-weight';
import { FAQ_USAGE } from './faq-usage';
import { gaps } from './gaps';

/** Warnings `validate` prints of each kind, unless --all. */
const WARNINGS_SHOWN = 20;
/** Topics listed per word by `explain`; a word in more says little anyway. */
const MAX_TOPICS_SHOWN = 4;

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
  const large = downloadWarning(result.entries);
  if (large) result.warnings.push({ file, kind: 'large', message: large });
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

/** `convert`: a FAQ in the other format (by the new file's name), checked on the way in, never over an existing file. */
async function convert(argv: string[], io: CliIo): Promise<number> {
  const [from, to] = argv;
  if (!from || !to || argv.length > 2) {
    io.stderr.write(FAQ_USAGE);
    return 2;
  }
  const result = await load(from, io);
  if (!result) return 1;
  let text: string;
  try {
    text = faqFileText(result.entries, to);
  } catch (error) {
    // What the new format cannot hold (a keyword with a comma, in Markdown): nothing to do with the file.
    io.stderr.write(`${to}: cannot convert: ${(error as Error).message}\n`);
    return 1;
  }
  try {
    await writeFile(to, text, { flag: 'wx' });
  } catch (error) {
    const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
    io.stderr.write(`${to}: cannot write: ${(error as Error).message}${exists ? ' (convert makes a new file and never overwrites one)' : ''}\n`);
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
