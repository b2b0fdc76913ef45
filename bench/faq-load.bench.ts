// `npm run bench faq-load`: what GET /api/faq costs the visitor's phone, the plain bundle (what
// /api/faq sends the console and widgets from before v2) against the lean one (?v=2, faq/wire.ts)
// the widget reads: bytes raw, gzip and brotli as the server compresses them, and the main-thread
// time to parse, unpack and index them, for the demo FAQ and a 1,000-entry one. Then the proof
// that the lean bundle changes no search: every labelled query of every FAQ set (bench/faq-sets.ts)
// and all of them on the 1,000-entry FAQ, each search's results, decision and evidence compared.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildFaqBundle, searchFromBundle, type FaqBundle, type FaqEntry } from '../faq/index';
import { leanBundle, readLeanBundle, type LeanBundle } from '../faq/wire';
import { thousandEntries } from './big-faq';
import { SETS, type LabelledQuery } from './faq-sets';

const REPEATS = 15;
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 10, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } };
const read = <T>(file: string) => JSON.parse(readFileSync(file, 'utf8')) as T;

/** Median of `REPEATS` timings, and the first (cold, as on a visitor's page). */
function time(fn: () => unknown): { first: number; median: number } {
  const times = Array.from({ length: REPEATS }, () => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  });
  const first = times[0]!;
  return { first, median: times.sort((a, b) => a - b)[Math.floor(REPEATS / 2)]! };
}

const ms = ({ first, median }: { first: number; median: number }) => `${median.toFixed(1).padStart(6)} ms (first ${first.toFixed(1)})`;
const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(7)} KiB`;

function sizes(name: string, entries: FaqEntry[]): void {
  const bundle = buildFaqBundle(entries);
  const plain = JSON.stringify({ bundle });
  const lean = JSON.stringify(leanBundle(bundle));
  console.log(`\n${name}: ${entries.length} entries, ${bundle.topics.length} topics, ${bundle.terms.length} terms`);
  console.log(`${'form'.padEnd(22)} ${'raw'.padStart(11)} ${'gzip -9'.padStart(11)} ${'brotli 10'.padStart(11)}`);
  for (const [form, json] of [['plain /api/faq', plain], ['lean /api/faq?v=2', lean]] as const) {
    const raw = Buffer.byteLength(json);
    console.log(`${form.padEnd(22)} ${kb(raw)} ${kb(gzipSync(json, { level: 9 }).length)} ${kb(brotliCompressSync(json, BROTLI).length)}`);
  }
  console.log(`main thread, Node, one core (a phone is several times slower):`);
  console.log(`  plain: JSON.parse                ${ms(time(() => JSON.parse(plain)))}`);
  console.log(`  lean:  JSON.parse                ${ms(time(() => JSON.parse(lean)))}`);
  const parsed = JSON.parse(lean) as LeanBundle;
  console.log(`  lean:  unpack (readLeanBundle)   ${ms(time(() => readLeanBundle(parsed)))}`);
  const fromPlain = (JSON.parse(plain) as { bundle: FaqBundle }).bundle;
  const fromLean = readLeanBundle(parsed);
  console.log(`  plain: index (searchFromBundle)  ${ms(time(() => searchFromBundle(fromPlain)))}`);
  console.log(`  lean:  index (searchFromBundle)  ${ms(time(() => searchFromBundle(fromLean)))}`);
}

/** How many of `queries` the lean bundle answers differently from the plain one (results, decision, evidence, word readings). */
function differences(entries: FaqEntry[], queries: LabelledQuery[]): number {
  const bundle = buildFaqBundle(entries);
  const plain = searchFromBundle(bundle);
  const lean = searchFromBundle(readLeanBundle(JSON.parse(JSON.stringify(leanBundle(bundle))) as LeanBundle));
  const view = (x: unknown) => JSON.stringify(x, (key, value: unknown) => (key === 'keywords' ? undefined : value));
  return queries.filter(({ q, lang }) => view(plain.explain(q, lang)) !== view(lean.explain(q, lang))).length;
}

export async function run(): Promise<void> {
  sizes('demo FAQ', read<FaqEntry[]>(fileURLToPath(new URL('../demo/faq.json', import.meta.url))));
  const big = thousandEntries();
  sizes('1,000-entry FAQ (bench/big-faq.ts)', big);
  console.log('\nsame search, lean or plain:');
  const all: LabelledQuery[] = [];
  for (const set of SETS) {
    let queries: LabelledQuery[];
    try {
      queries = read<LabelledQuery[]>(set.queries);
    } catch {
      console.log(`  ${set.name}: not found (${set.queries})`);
      continue;
    }
    all.push(...queries);
    console.log(`  ${set.name.padEnd(40)} ${queries.length} queries, ${differences(read<FaqEntry[]>(set.faq), queries)} differ`);
  }
  console.log(`  ${'1,000-entry FAQ, every query above'.padEnd(40)} ${all.length} queries, ${differences(big, all)} differ`);
}
