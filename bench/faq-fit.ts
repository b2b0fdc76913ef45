// `npm run faq:fit`: fits the answer model of faq/calibration.ts and the answerThreshold that
// goes with it, on the labelled sets that are not kept aside (bench/faq-sets.ts).
//
// Each query that matches an entry gives the evidence about its best-ranked entry
// (`explain().evidence`) and one label: is that entry the right one? Out-of-scope queries are
// never right. The threshold is the lowest probability at which the fitted sets would get at
// most 2 % of all their queries answered wrong (the target is 3 %: the margin is for FAQs
// we have not seen). Paste the printed model and threshold into faq/calibration.ts and
// faq/options.ts, then run `npm run faq:eval`.
//   npm run faq:fit
import { readFileSync } from 'node:fs';
import { createFaqSearch, DEFAULT_OPTIONS, type AnswerEvidence, type FaqEntry } from '../faq/index';
import { isOwnCase } from '../faq/own-case';
import { topicKey } from '../faq/bundle';
import { fitLogistic, predict } from './logistic';
import { SETS, type LabelledQuery } from './faq-sets';

const MAX_WRONG = 0.02;
const FEATURES: (keyof AnswerEvidence)[] = ['confidence', 'unknown', 'rival', 'margin', 'rankMargin', 'words', 'story'];
// answerProbability takes log(1 + words): a third word says more than a tenth.
const feature = (e: AnswerEvidence, key: keyof AnswerEvidence) => (key === 'words' ? Math.log1p(e[key]) : e[key]);

interface Sample {
  x: number[];
  right: boolean;
  /** Never answered whatever its probability: too small a lead, or the visitor's own case. */
  blocked: boolean;
}

const samples: Sample[] = [];
let queries = 0;
for (const set of SETS.filter((s) => !s.keptAside)) {
  const faq = createFaqSearch(JSON.parse(readFileSync(set.faq, 'utf8')) as FaqEntry[]);
  for (const { q, expect } of JSON.parse(readFileSync(set.queries, 'utf8')) as LabelledQuery[]) {
    queries++;
    const query = q.replace(/\n/g, ' ');
    const { result, evidence } = faq.explain(query);
    const best = result.results[0];
    if (!evidence || !best) continue;
    samples.push({
      x: FEATURES.map((key) => feature(evidence, key)),
      right: expect !== null && topicKey(best.entry.id) === expect,
      blocked: evidence.margin < DEFAULT_OPTIONS.minMargin || isOwnCase(query),
    });
  }
}

const model = fitLogistic(
  samples.map((s) => s.x),
  samples.map((s) => s.right),
);
const scored = samples.map((s) => ({ ...s, p: predict(model, s.x) })).sort((a, b) => b.p - a.p);
let threshold = 1;
let wrong = 0;
let right = 0;
for (const s of scored.filter((s) => !s.blocked)) {
  if (!s.right && (wrong + 1) / queries > MAX_WRONG) break;
  if (s.right) right++;
  else wrong++;
  threshold = s.p;
}

const weights = Object.fromEntries(FEATURES.map((key, i) => [key, round(model.weights[i]!)]));
console.log(`fitted on ${samples.length} matched queries of ${queries}; ${samples.filter((s) => s.right).length} have the right entry first`);
console.log(`bias: ${round(model.bias)},\nweights: ${JSON.stringify(weights).replace(/"/g, '').replace(/,/g, ', ').replace(/:/g, ': ')},`);
console.log(`answerThreshold: ${Math.floor(threshold * 1000) / 1000} (answers ${right} right, ${wrong} wrong on these sets)`);

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
