// From the evidence about the best-ranked entry to the probability that it is the right answer.
//
// The engine measures several things about its best guess (how much of the message it explains,
// its lead over the runner-up, the words the FAQ lacks …). No single one separates right
// answers from wrong ones and out-of-scope messages: right-but-unsure messages and out-of-scope
// ones overlap on each. A logistic model weighs them together, and its output is a probability,
// so one threshold means the same on any FAQ. The weights are fitted by `npm run faq:fit` on
// labelled queries of thirteen FAQs in thirteen trades (bench/faq-fit.ts), and only there.
import type { AnswerEvidence } from './types';

type Weights = Readonly<Record<keyof AnswerEvidence, number>>;

/**
 * Fitted by `npm run faq:fit` (logistic regression, L2 0.01) on the dev set and twelve of our own
 * sets; the four kept-aside sets never took part. `words` enters as log(1 + words).
 */
export const ANSWER_MODEL: Readonly<{ bias: number; weights: Weights }> = {
  bias: -2.4032,
  weights: { confidence: 3.9782, unknown: -4.846, rival: -2.693, margin: -0.8495, rankMargin: 2.3701, words: 1.4033, story: -0.4996 },
};

/** Probability in (0, 1) that the entry the evidence is about is the right answer. */
export function answerProbability(evidence: AnswerEvidence, model = ANSWER_MODEL): number {
  let z = model.bias;
  for (const key of Object.keys(model.weights) as (keyof AnswerEvidence)[]) {
    z += model.weights[key] * (key === 'words' ? Math.log1p(evidence[key]) : evidence[key]);
  }
  return 1 / (1 + Math.exp(-z));
}
