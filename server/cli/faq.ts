// `kohtaamo faq validate FILE` and `kohtaamo faq search --faq FILE`.
//
// `search` is a filter: one query per line in, one JSON object per line out, nothing else on
// stdout — the shape `/work/shared/faq-eval/score.mjs` and any script can read.
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createFaqSearch, parseFaqOptions, validateFaq, type FaqProblem } from '../../faq/index';
import type { CliIo } from './io';

const USAGE = `usage:
  kohtaamo faq validate FILE           check a FAQ file; exit 1 and list every problem
  kohtaamo faq search [--faq FILE] [--lang fi|en] [--option NAME=VALUE ...]
                                       read queries (one per line) from stdin, write JSON lines;
                                       --option tries the tuning serve's --faq-option would use
`;
const DEFAULT_FAQ = 'demo/faq.json';

function describe(p: FaqProblem): string {
  const where = [p.file, p.entry !== undefined ? `entry ${p.entry}` : '', p.id ? `(${p.id})` : '', p.field ? `field "${p.field}"` : '']
    .filter(Boolean)
    .join(' ');
  return `${where}: ${p.message}`;
}

async function load(file: string, io: CliIo) {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    io.stderr.write(`${file}: cannot read the FAQ: ${(error as Error).message}\n`);
    return undefined;
  }
  return validateFaq(data, file);
}

async function validate(argv: string[], io: CliIo): Promise<number> {
  const file = argv[0];
  if (!file || argv.length > 1) {
    io.stderr.write(USAGE);
    return 2;
  }
  const result = await load(file, io);
  if (!result) return 1;
  if (result.problems.length > 0) {
    for (const p of result.problems) io.stderr.write(`error: ${describe(p)}\n`);
    io.stderr.write(`${file}: ${result.problems.length} problem(s)\n`);
    return 1;
  }
  for (const w of result.warnings) io.stdout.write(`warning: ${describe(w)}\n`);
  const langs = ['fi', 'en'].map((l) => `${result.entries.filter((e) => e.lang === l).length} ${l}`).join(', ');
  io.stdout.write(`${file}: ${result.entries.length} entries (${langs}), ${result.warnings.length} warning(s)\n`);
  return 0;
}

async function search(argv: string[], io: CliIo): Promise<number> {
  let values: { faq?: string; lang?: string; option?: string[] };
  try {
    ({ values } = parseArgs({ args: argv, options: { faq: { type: 'string' }, lang: { type: 'string' }, option: { type: 'string', multiple: true } } }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${USAGE}`);
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
  if (result.problems.length > 0) {
    for (const p of result.problems) io.stderr.write(`error: ${describe(p)}\n`);
    return 1;
  }
  const faq = createFaqSearch(result.entries, options.options);
  for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
    const { decision, intent, results } = faq.search(line, lang);
    const out = { query: line, decision, ...(intent ? { intent } : {}), results: results.map((h) => ({ id: h.entry.id, score: h.score })) };
    io.stdout.write(`${JSON.stringify(out)}\n`);
  }
  return 0;
}

export async function faqCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'validate') return validate(rest, io);
  if (sub === 'search') return search(rest, io);
  io.stderr.write(USAGE);
  return sub === undefined || sub === '--help' || sub === 'help' ? 0 : 2;
}
