// The FAQ file a `kohtaamo faq` command names, read and checked, and the search over it.
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createFaqSearch, describeFaqProblem, parseFaqOptions, readFaqText, toFaqMd, type FaqEntry, type FaqSearchOptions, type FaqValidation, type FaqSearchWithExplain } from '../../faq/index';
import { DEFAULTS } from '../defaults';
import { emptyEnvironment, ENV } from '../flags';
import { FAQ_USAGE } from './faq-usage';
import type { CliIo } from './io';
import { PACKAGE_ROOT } from './package-root';
import { readUtf8File } from '../text-file';

/** The demo's FAQ, in the package: what `serve` serves without --faq, wherever the command runs. */
const DEFAULT_FAQ = join(PACKAGE_ROOT, DEFAULTS.faq);

/** The FAQ file read and checked; undefined once why not (unreadable, or every problem) is printed. */
export async function load(file: string, io: CliIo): Promise<FaqValidation | undefined> {
  let text: string;
  try {
    text = await readUtf8File(file);
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
/** The FAQ, language and queries given on the command line: a search ready to run, or an exit code. */
export async function openSearch(
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
  const options = servedOptions(values.option);
  if (!options.ok) {
    io.stderr.write(`${options.message}\n`);
    return 2;
  }
  const named = positionals.find(looksLikeFaqFile);
  if (named !== undefined) {
    io.stderr.write(`"${named}" looks like a FAQ file, not a query: pass the FAQ with --faq ${named}, and the queries on stdin (one per line) or after it\n${FAQ_USAGE}`);
    return 2;
  }
  const file = values.faq ?? process.env.KOHTAAMO_FAQ ?? DEFAULT_FAQ;
  // Without this a site owner reads a report on the demo's entries believing it is on theirs.
  // On stderr: search's stdout stays one JSON line per query.
  if (values.faq === undefined && process.env.KOHTAAMO_FAQ === undefined) io.stderr.write(`using the demo FAQ (${DEFAULT_FAQ}): pass yours with --faq FILE (or KOHTAAMO_FAQ)\n`);
  const result = await load(file, io);
  if (!result) return 1;
  const flags = Object.fromEntries(Object.keys(more).map((name) => [name, values[name] as string | boolean | undefined]));
  return { faq: createFaqSearch(result.entries, options.options), file, entries: result.entries, options: options.options, lang, queries: positionals, flags };
}
/**
 * The search tuning as serve reads it (server/config.ts), so that these commands report the
 * decisions the served widget makes: --option, as serve's --faq-option, replaces the variable
 * rather than adding to it, and a value serve refuses is refused with serve's message.
 */
function servedOptions(flags: string[] | undefined): ReturnType<typeof parseFaqOptions> {
  const name = ENV['faq-option'];
  const env = process.env[name];
  const empty = emptyEnvironment({ [name]: env });
  if (empty) return { ok: false, message: empty };
  return parseFaqOptions(flags ?? (env === undefined ? [] : [env]));
}
/**
 * A positional that is a FAQ file's name rather than a query: `faq search my-faq.md`, written like
 * `faq validate FILE`, would otherwise search the demo FAQ for the file's name. A query has words;
 * one word ending in a FAQ file's extension is a file name.
 */
function looksLikeFaqFile(arg: string): boolean {
  return /^\S+\.(json|md|markdown)$/i.test(arg);
}
/** The entries as a file of the format its name says: Markdown for .md, else JSON. */
export function faqFileText(entries: FaqEntry[], file: string): string {
  return /\.(md|markdown)$/i.test(file) ? toFaqMd(entries) : `${JSON.stringify(entries, null, 2)}\n`;
}
