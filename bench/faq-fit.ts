// `npm run faq:fit`: fits the answer model of faq/calibration.ts and the answerThreshold that
// goes with it, on the labelled sets that are not kept aside (bench/faq-sets.ts).
//
// Each query that matches an entry gives the evidence about its best-ranked entry
// (`explain().evidence`) and one label: is that entry the right one? Out-of-scope queries are
// never right. The threshold is the lowest probability at which the fitted sets would get at
// most 2 % of all their queries answered wrong (the target is 3 %). Leave-one-set-out
// figures show what to expect on FAQs the model has not seen: over the thirteen fitted sets, at
// 2 % it answers 237 of 431 in-scope queries for 12 wrong of 573, against 218 and 12 before the
// model; 1.5 % answers 218 for 10 wrong, 2.5 % 244 for 14.
// Paste the printed model and threshold into faq/calibration.ts and faq/options.ts, then run
// `npm run faq:eval`.
//   npm run faq:fit
import { readFileSync } from 'node:fs';
import { createFaqSearch, type AnswerEvidence, type FaqEntry } from '../faq/index';
import { topicKey } from '../faq/bundle';
import { fitLogistic, predict, type LogisticModel } from './logistic';
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

interface SetSamples {
  name: string;
  queries: number;
  inScope: number;
  samples: Sample[];
}

function samplesOf(faqFile: string, queriesFile: string, name: string): SetSamples {
  const entries = JSON.parse(readFileSync(faqFile, 'utf8')) as FaqEntry[];
  const faq = createFaqSearch(entries);
  // With no threshold, the search itself says which messages its other rules never let it answer.
  const anyProbability = createFaqSearch(entries, { answerThreshold: 0, suggestThreshold: 0 });
  const queries = JSON.parse(readFileSync(queriesFile, 'utf8')) as LabelledQuery[];
  const samples: Sample[] = [];
  for (const { q, expect } of queries) {
    const query = q.replace(/\n/g, ' ');
    const { result, evidence } = faq.explain(query);
    const best = result.results[0];
    if (!evidence || !best) continue;
    samples.push({
      x: FEATURES.map((key) => feature(evidence, key)),
      right: expect !== null && topicKey(best.entry.id) === expect,
      blocked: anyProbability.search(query).decision !== 'answer',
    });
  }
  return { name, queries: queries.length, inScope: queries.filter((q) => q.expect !== null).length, samples };
}

function fit(sets: SetSamples[]): { model: LogisticModel; threshold: number } {
  const samples = sets.flatMap((s) => s.samples);
  const queries = sets.reduce((sum, s) => sum + s.queries, 0);
  const model = fitLogistic(samples.map((s) => s.x), samples.map((s) => s.right));
  const open = samples.filter((s) => !s.blocked).map((s) => ({ ...s, p: predict(model, s.x) })).sort((a, b) => b.p - a.p);
  let threshold = 1;
  let wrong = 0;
  for (const s of open) {
    if (!s.right && (wrong + 1) / queries > MAX_WRONG) break;
    if (!s.right) wrong++;
    threshold = s.p;
  }
  return { model, threshold };
}

function answered(set: SetSamples, { model, threshold }: { model: LogisticModel; threshold: number }) {
  const answers = set.samples.filter((s) => !s.blocked && predict(model, s.x) >= threshold);
  return { right: answers.filter((s) => s.right).length, wrong: answers.filter((s) => !s.right).length };
}

const sets = SETS.filter((s) => !s.keptAside).map((s) => samplesOf(s.faq, s.queries, s.name));
const total = (key: 'queries' | 'inScope') => sets.reduce((sum, s) => sum + s[key], 0);

const held = { right: 0, wrong: 0 };
for (const set of sets) {
  const { right, wrong } = answered(set, fit(sets.filter((s) => s !== set)));
  held.right += right;
  held.wrong += wrong;
  console.log(`  left out ${set.name}: answered ${right} of ${set.inScope}, wrong ${wrong} of ${set.queries}`);
}
console.log(`leave-one-set-out: answered ${held.right} of ${total('inScope')}, wrong ${held.wrong} of ${total('queries')}`);

const all = fit(sets);
const seen = sets.reduce((sum, s) => sum + answered(s, all).right, 0);
const weights = Object.fromEntries(FEATURES.map((key, i) => [key, round(all.model.weights[i]!)]));
console.log(`fitted on all ${sets.length} sets: answered ${seen} of ${total('inScope')}`);
console.log(`  bias: ${round(all.model.bias)},`);
console.log(`  weights: ${JSON.stringify(weights).replace(/"/g, '').replace(/,/g, ', ').replace(/:/g, ': ')},`);
console.log(`  answerThreshold: ${Math.floor(all.threshold * 1000) / 1000}`);

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
