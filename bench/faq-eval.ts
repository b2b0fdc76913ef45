// `npm run faq:eval`: scores FAQ search decisions with the shared scorer
// (/work/shared/faq-eval/score.mjs) on the shared dev set and on our own sets in other trades
// (faq/fixtures/: a bike shop, a gym, a hotel, an electricity company; blind: a telecom
// operator, a vet clinic, an electronics shop, a car workshop, an accounting SaaS, an online
// pharmacy, a ferry line, a clothing shop, an insurer, a transit company, a rental-housing
// company, a dental clinic, a ticket seller, a home-cleaning company, a scooter rental;
// bench/faq-sets.ts), each next to plain fuse.js on the
// same data. Our decisions come from the real CLI (`kohtaamo faq search`), fed one query per
// line, as the scorer expects.
//   npm run faq:eval [-- --verbose]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Fuse from 'fuse.js';
import type { FaqEntry } from '../faq/index';
import { faqCommand } from '../server/cli/faq';
import { SETS, shared, type LabelledQuery } from './faq-sets';

const scorer = join(shared, 'score.mjs');
const verbose = process.argv.includes('--verbose');

type Query = Pick<LabelledQuery, 'q'>;

async function ours(faq: string, queries: Query[]): Promise<string> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (d) => (out += d));
  stdin.end(queries.map((q) => q.q.replace(/\n/g, ' ')).join('\n') + '\n');
  const code = await faqCommand(['search', '--faq', faq], { stdin, stdout, stderr: process.stderr });
  if (code !== 0) throw new Error(`faq search exited ${code}`);
  return out;
}

/** Plain fuse.js over question, keywords and answer, with its usual threshold as the decision. */
function plainFuse(faq: string, queries: Query[]): string {
  const entries = JSON.parse(readFileSync(faq, 'utf8')) as FaqEntry[];
  const fuse = new Fuse(entries, { keys: ['question', 'keywords', 'answer'], includeScore: true, ignoreLocation: true, threshold: 0.6 });
  return queries
    .map(({ q }) => {
      const hits = fuse.search(q, { limit: 3 });
      const best = hits[0]?.score ?? 1;
      const decision = best <= 0.2 ? 'answer' : best <= 0.4 ? 'suggest' : 'none';
      return JSON.stringify({ query: q, decision, results: hits.map((h) => ({ id: h.item.id, score: h.score })) });
    })
    .join('\n');
}

function score(queriesPath: string, decisions: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kohtaamo-eval-')), 'decisions.jsonl');
  writeFileSync(file, decisions);
  const flags = verbose ? ['--verbose'] : [];
  return execFileSync(process.execPath, [scorer, queriesPath, file, ...flags], { encoding: 'utf8' }).trimEnd();
}

if (!existsSync(scorer)) {
  console.error(`faq:eval needs the shared eval data at ${shared} (set KOHTAAMO_FAQ_EVAL)`);
  process.exit(2);
}
for (const set of SETS) {
  const queries = JSON.parse(readFileSync(set.queries, 'utf8')) as Query[];
  console.log(`${set.name}`);
  console.log(`  kohtaamo   ${score(set.queries, await ours(set.faq, queries))}`);
  if (!verbose) console.log(`  plain fuse ${score(set.queries, plainFuse(set.faq, queries))}`);
}
