// FAQ search speed and size: per-keystroke latency on a 1,000-entry FAQ against plain fuse.js on
// the same data in the same run, and the bytes the engine adds to the widget (brotli).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import Fuse from 'fuse.js';
import { build } from 'vite';
import { buildFaqBundle, searchFromBundle, validateFaq, type FaqEntry } from '../faq/index';

const root = fileURLToPath(new URL('..', import.meta.url));
const ENTRIES = 1000;
const QUERIES = [
  'kuinka kauan toimitus kestää',
  'paljonko maksaa toimitus kotiin',
  'voiks tilauksen perua viela',
  'mun paketti tuli rikki, mitä nyt',
  'onks myymala auki sunnuntaina',
  'how long does shipping take to oulu',
  'can i return a sofa i bought online',
  'lahjakortin voimassaolo',
  'moi! tilasin eilen tyynyn ja haluaisin tietää milloin se tulee perille',
  'asdfghjk',
];

/** A 1,000-entry FAQ from our two FAQs, each copy made distinct by a product-line word. */
function bigFaq(): FaqEntry[] {
  const base = [
    ...(JSON.parse(readFileSync(join(root, 'demo/faq.json'), 'utf8')) as FaqEntry[]),
    ...(JSON.parse(readFileSync(join(root, 'faq/fixtures/bike-shop.json'), 'utf8')) as FaqEntry[]),
  ];
  const lines = ['sohva', 'matto', 'valaisin', 'pyörä', 'verho', 'tuoli', 'sänky', 'pöytä', 'hylly', 'tyyny', 'lamppu', 'kaappi'];
  return Array.from({ length: ENTRIES }, (_, i) => {
    const e = base[i % base.length]!;
    const line = `${lines[Math.floor(i / base.length) % lines.length]}${Math.floor(i / base.length)}`;
    return { ...e, id: `${e.id.replace(/-(fi|en)$/, '')}-${i}-${e.lang}`, question: `${e.question} (${line})`, keywords: [...(e.keywords ?? []), line] };
  });
}

/** Every prefix a visitor produces while typing, as the widget searches on each keystroke. */
function keystrokes(): string[] {
  return QUERIES.flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)));
}

/**
 * Per-keystroke latency: the median of `repeats` timings of each keystroke, so that the other
 * processes on a shared 2-core machine do not masquerade as our p99.
 */
function timeEach(inputs: string[], fn: (q: string) => unknown, repeats: number): number[] {
  for (const q of inputs) fn(q); // warm-up: JIT, the same for both
  return inputs.map((q) => {
    const times = Array.from({ length: repeats }, () => {
      const t0 = performance.now();
      fn(q);
      return performance.now() - t0;
    });
    return pct(times, 50);
  });
}

function pct(times: number[], p: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const ms = (x: number) => `${x.toFixed(3)} ms`;

async function brotliBytes(entrySource: string, external: string[]): Promise<{ raw: number; brotli: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'kohtaamo-size-'));
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, entrySource);
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      target: 'es2020',
      lib: { entry, formats: ['es'], fileName: () => 'faq.js' },
      rolldownOptions: { external },
    },
  });
  const outputs = Array.isArray(out) ? out : [out];
  const code = outputs
    .flatMap((o) => ('output' in o ? o.output : []))
    .map((chunk) => ('code' in chunk ? chunk.code : ''))
    .join('');
  const brotli = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { raw: Buffer.byteLength(code), brotli };
}

export async function run(): Promise<void> {
  const entries = bigFaq();
  let t0 = performance.now();
  const bundle = buildFaqBundle(entries);
  const buildMs = performance.now() - t0;
  const json = JSON.stringify(bundle);
  t0 = performance.now();
  const ours = searchFromBundle(JSON.parse(json));
  const loadMs = performance.now() - t0;
  const plain = new Fuse(entries, { keys: ['question', 'keywords', 'answer'], includeScore: true, ignoreLocation: true, threshold: 0.6 });

  const inputs = keystrokes();
  const oursTimes = timeEach(inputs, (q) => ours.search(q), 5);
  // Plain fuse.js takes ~100 ms a search here: every 4th keystroke, once, keeps the run short.
  const fuseTimes = timeEach(inputs.filter((_, i) => i % 4 === 0), (q) => plain.search(q, { limit: 5 }), 1);
  console.log(`FAQ of ${entries.length} entries, ${inputs.length} keystrokes (every prefix of ${QUERIES.length} queries), median of 5 per keystroke`);
  console.log('search            p50        p99        max');
  for (const [name, times] of [['kohtaamo', oursTimes], ['plain fuse.js', fuseTimes]] as const) {
    console.log(`${name.padEnd(16)}  ${ms(pct(times, 50)).padEnd(9)}  ${ms(pct(times, 99)).padEnd(9)}  ${ms(Math.max(...times))}`);
  }
  t0 = performance.now();
  const { warnings } = validateFaq(entries, 'big.json');
  const validateMs = performance.now() - t0;
  console.log(`bundle: build ${ms(buildMs)}, load ${ms(loadMs)}, ${(json.length / 1024).toFixed(0)} KiB JSON`);
  console.log(`validateFaq incl. warnings: ${ms(validateMs)} (${warnings.length} warnings: the copies are near-duplicates by design)`);

  const widgetImports = `export * from ${JSON.stringify(join(root, 'faq/client.ts'))};`;
  const engine = await brotliBytes(widgetImports, []);
  // The widget imports faq/index dynamically; if the bundler keeps every export, this is the cost.
  const everything = await brotliBytes(`export * from ${JSON.stringify(join(root, 'faq/index.ts'))};`, []);
  // fuse.js for reference: what plain fuse.js search would add instead (resolved from our node_modules).
  const fuse = await brotliBytes(`export { default } from ${JSON.stringify(join(root, 'node_modules/fuse.js/dist/fuse.basic.mjs'))};`, []);
  console.log('widget bytes, minified           raw        brotli   (budget 12 KB = 12288 B brotli)');
  for (const [name, size] of [['faq engine (search + markdown)', engine], ['all of faq/index', everything], ['fuse.js/basic, for reference', fuse]] as const) {
    console.log(`${name.padEnd(31)}  ${`${size.raw} B`.padEnd(9)}  ${size.brotli} B`);
  }
}
