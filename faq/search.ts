// The search: rank topics by how much of the visitor's message they explain, then decide.
//
// Each content word of the query is weighed by its rarity in the FAQ (BM25's idf); a word the
// FAQ never uses weighs a share of the rarest word's weight (`unknownWordWeight`), because an
// unexplained word is what tells "my sofa arrived broken" from "how long does delivery take".
// Topics are ranked by the weight of the words they match; a topic's coverage is the weighed
// share of the query it matches, where a word the FAQ uses only in answers' prose weighs as
// little as such a match does (answerFieldWeight): it is weak evidence for any topic, so it
// should be weak evidence against the best one too. The best topic's confidence is its coverage
// with its lead over the runner-up; after a story, the question clause alone may vouch for it
// (see clauses.ts). What decides is the probability that the best topic is right, which a
// fitted model reads off the confidence and the rest of the evidence (see calibration.ts); a
// topic without a clear lead is never answered. See README.md for the figures behind the defaults.
import type { AnswerEvidence, FaqDecision, FaqExplanation, FaqHit, FaqSearchResult, FaqSearchWithExplain } from './types';
import type { FaqBundle } from './bundle';
import { detectIntent } from './intent';
import { detectLang } from './lang';
import { Vocabulary, type TermMatch } from './match';
import { DEFAULT_OPTIONS } from './options';
import { SOFT_WORDS } from './stopwords';
import { isContent } from './terms';
import { splitClauses } from './clauses';
import { isOwnCase } from './own-case';
import { answerProbability } from './calibration';

/** Fewer words than this in the question alone are too little to judge it by. */
const MIN_QUESTION_TERMS = 2;
/**
 * Letters from which an unknown word doubts a match fully; a shorter one, proportionally less.
 * Short words the FAQ lacks are mostly spoken particles and fragments (viel, ite, tuu, 10v, pv);
 * the words that name another topic are long (kaukolämpö, ravintoloita, wheelchair).
 */
const FULL_UNKNOWN_LETTERS = 6;

interface Posting {
  topic: number;
  weight: number;
}

/**
 * What the `terms` that `keep` weigh together. A loop, not reduce: Prototype 1.6 (on old Magento 1
 * shops) replaces Array's reduce with one that returns the array.
 */
function weightOf(terms: QueryTerm[], keep?: (term: QueryTerm, i: number) => boolean): number {
  let sum = 0;
  for (let i = 0; i < terms.length; i++) if (!keep || keep(terms[i]!, i)) sum += terms[i]!.weight;
  return sum;
}

interface QueryTerm {
  token: string;
  /** What the word weighs in ranking topics: its idf. */
  rank: number;
  /** What it weighs in the coverage: its idf times its best field's weight. */
  weight: number;
  matches: TermMatch[];
  /** The word is in the clause that asks, and the message has other clauses too. */
  asked: boolean;
  /** A question or everyday word: it counts, but is too weak to make a question on its own. */
  soft: boolean;
}

export function searchFromBundle(bundle: FaqBundle): FaqSearchWithExplain {
  const { topics, entries } = bundle;
  // A bundle cached from an older server may lack newer options: defaults fill them in.
  const options = { ...DEFAULT_OPTIONS, ...bundle.options };
  const vocabulary = new Vocabulary(bundle.terms, { aliases: bundle.aliases ?? {}, strength: options.synonymStrength });
  const postings: Posting[][] = bundle.terms.map(() => []);
  topics.forEach((topic, t) =>
    topic.terms.forEach((term, i) => postings[term]!.push({ topic: t, weight: topic.weights[i]! })),
  );
  const n = topics.length;
  const idf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
  const termIdf = postings.map((p) => idf(p.length));
  const termWeight = postings.map((p, term) => termIdf[term]! * Math.max(...p.map((posting) => posting.weight)));
  const unknownWeight = idf(1) * options.unknownWordWeight;
  // One search's sums per topic, kept from search to search and cleared where the last one wrote:
  // a search costs the postings of its words, not the size of the FAQ (a FAQ check runs one per entry).
  const ranks = new Float64Array(n);
  const scores = new Float64Array(n);
  /** A word's strongest match in each topic, while its matches are walked. */
  const strongest = new Float64Array(n);
  /** The topics the last search wrote sums for, each once (`isTouched` says which). */
  let touched: number[] = [];
  const isTouched = new Uint8Array(n);

  function queryTerms(query: string): QueryTerm[] {
    const terms: QueryTerm[] = [];
    const clauses = splitClauses(query);
    const story = clauses.some((c) => !c.asks);
    // A message that asks nothing is all statement: its unknown words say what it is about.
    const stated = clauses.some((c) => c.guessed);
    const seen = new Set<string>();
    for (const clause of clauses) {
      // Words the FAQ lacks outside the question are more often story than topic.
      const unknown = clause.asks || stated ? 1 : options.storyWeight;
      for (const token of clause.tokens) {
        if (seen.has(token)) continue;
        seen.add(token);
        addToken(token, unknown, story && clause.asks, terms);
      }
    }
    return terms;
  }

  function addToken(token: string, unknown: number, asked: boolean, terms: QueryTerm[]) {
    const soft = SOFT_WORDS.has(token);
    if (!soft && !isContent(token)) return;
    const parts = vocabulary.lookup(token);
    // Everyday words are not compounds ("kuukausi" is no "kuuka" + "usi").
    if (soft && parts.length > 1) return;
    for (const part of parts) {
      // Question and everyday words count only where the FAQ itself uses them, and then less.
      const matches = soft ? part.matches.filter((m) => m.strength === 1) : part.matches;
      if (soft && matches.length === 0) continue;
      const share = part.weight * (soft ? options.softWordWeight : 1);
      const doubt = unknownWeight * unknown * Math.min(1, token.length / FULL_UNKNOWN_LETTERS);
      const best = (of: number[]) => (matches.length === 0 ? doubt : Math.max(...matches.map((m) => of[m.term]! * m.strength)));
      terms.push({ token, rank: best(termIdf) * share, weight: best(termWeight) * share, matches, asked, soft });
    }
  }

  /**
   * How well `topic` answers the question alone, when a story comes with it: the share of the
   * asking clause it explains, with its lead there over every other topic. A story full of
   * product names and events ("tilasin väärän kokosen maton, …") dilutes the whole message's
   * coverage, but not the question's ("saanko vaihdettua isompaan").
   */
  function questionConfidence(terms: QueryTerm[], topic: number): number {
    const asked = terms.filter((t) => t.asked);
    if (asked.filter((t) => !t.soft).length < MIN_QUESTION_TERMS) return 0;
    const scores = new Map<number, number>();
    let total = 0;
    for (const term of asked) {
      total += term.weight;
      for (const [t, s] of bestPerTopic(term)) scores.set(t, (scores.get(t) ?? 0) + term.weight * s);
    }
    const own = scores.get(topic) ?? 0;
    if (own === 0) return 0;
    let rival = 0;
    for (const [t, s] of scores) if (t !== topic) rival = Math.max(rival, s);
    const margin = 1 - rival / own;
    if (margin < options.minMargin) return 0;
    return options.questionWeight * (own / total) * (1 - options.marginWeight + options.marginWeight * margin);
  }

  /** The strongest match of a query word in each topic. */
  function bestPerTopic(term: QueryTerm): Map<number, number> {
    const best = new Map<number, number>();
    for (const m of term.matches) {
      for (const p of postings[m.term]!) {
        const s = m.strength * p.weight;
        if (s > (best.get(p.topic) ?? 0)) best.set(p.topic, s);
      }
    }
    return best;
  }

  /**
   * Each topic's ranking and coverage sums for the message; the topics with some coverage, best
   * ranked first (ties in topic order), only the first `shown` of them; and whether query word
   * `i` matched a topic. Valid until the next search.
   */
  function rankTopics(terms: QueryTerm[], shown: number) {
    for (const t of touched) ranks[t] = scores[t] = isTouched[t] = 0;
    touched = [];
    terms.forEach((term, i) => {
      const matched: number[] = [];
      for (const m of term.matches) {
        for (const p of postings[m.term]!) {
          const s = m.strength * p.weight;
          if (s > strongest[p.topic]!) {
            if (strongest[p.topic] === 0) matched.push(p.topic);
            strongest[p.topic] = s;
          }
        }
      }
      for (const t of matched) {
        if (!isTouched[t]) touched.push(t);
        isTouched[t] = 1;
        ranks[t]! += terms[i]!.rank * strongest[t]!;
        scores[t]! += terms[i]!.weight * strongest[t]!;
        strongest[t] = 0;
      }
    });
    const before = (a: number, b: number) => ranks[b]! - ranks[a]! || a - b;
    const ranked: number[] = [];
    for (const t of touched) {
      if (!(scores[t]! > 0) || (ranked.length === shown && before(ranked[shown - 1]!, t) < 0)) continue;
      let at = ranked.length;
      while (at > 0 && before(t, ranked[at - 1]!) < 0) at--;
      ranked.splice(at, 0, t);
      if (ranked.length > shown) ranked.pop();
    }
    /** What bestPerTopic(terms[i]).has(topic) says, from the topic's few terms. */
    const has = (i: number, topic: number) => {
      const { terms: own, weights } = topics[topic]!;
      return terms[i]!.matches.some((m) => own.some((term, k) => term === m.term && m.strength * weights[k]! > 0));
    };
    return { ranked, rank: (t: number) => ranks[t]!, score: (t: number) => scores[t]!, has };
  }

  /** A pasted essay: the question is at its end, and every keystroke must stay fast. */
  function clip(query: string): string {
    return query.length > options.maxQueryChars ? query.slice(-options.maxQueryChars) : query;
  }

  function explain(query: string, lang?: 'fi' | 'en'): FaqExplanation {
    const { result, terms, evidence } = evaluate(query, lang);
    const total = weightOf(terms);
    const words = terms.map((t) => ({
      word: t.token,
      share: total > 0 ? round(t.weight / total) : 0,
      everyday: t.soft,
      topics: [...bestPerTopic(t)].sort((a, b) => b[1] - a[1]).map(([topic, s]) => ({ topic: topics[topic]!.key, strength: round(s) })),
    }));
    return evidence ? { result, words, evidence } : { result, words };
  }

  function weigh(query: string, lang?: 'fi' | 'en'): Omit<FaqExplanation, 'words'> {
    const { result, evidence } = evaluate(query, lang);
    return evidence ? { result, evidence } : { result };
  }

  function search(query: string, lang?: 'fi' | 'en'): FaqSearchResult {
    return evaluate(query, lang).result;
  }

  function evaluate(query: string, lang?: 'fi' | 'en'): { result: FaqSearchResult; terms: QueryTerm[]; evidence?: AnswerEvidence } {
    const intent = detectIntent(query);
    if (intent) return { result: { decision: 'none', intent, results: [] }, terms: [] };
    const terms = queryTerms(clip(query));
    const nothing = { result: { decision: 'none' as const, results: [] }, terms };
    const total = weightOf(terms);
    if (total === 0) return nothing;
    const shown = Math.max(options.maxResults, options.maxSuggestions);
    // The margin reads the runner-up, shown or not.
    const { ranked, rank, score, has } = rankTopics(terms, Math.max(shown, 2));
    if (ranked.length === 0) return nothing;
    const [first, runnerUp] = ranked as [number, number | undefined];
    const margin = 1 - (runnerUp === undefined ? 0 : score(runnerUp)) / score(first);
    // The best topic is judged on the whole message or on its question alone, whichever is surer.
    const asked = questionConfidence(terms, first);
    const confidence = (t: number, i: number) =>
      i === 0
        ? Math.max((score(t) / total) * (1 - options.marginWeight + options.marginWeight * margin), asked)
        : (score(t) / total) * (1 - options.marginWeight);
    const best = confidence(first, 0);
    const share = (keep: (term: QueryTerm, i: number) => boolean) => weightOf(terms, keep) / total;
    const evidence: AnswerEvidence = {
      confidence: best,
      unknown: share((t) => t.matches.length === 0),
      rival: share((t, i) => t.matches.length > 0 && !has(i, first)),
      margin,
      rankMargin: runnerUp === undefined ? 1 : 1 - rank(runnerUp) / rank(first),
      words: terms.filter((t) => !t.soft).length,
      story: terms.some((t) => t.asked) ? 1 : 0,
    };
    const probability = answerProbability(evidence);
    const visitorLang = detectLang(query, lang);
    const hit = (t: number, i: number): FaqHit => {
      const own = topics[t]!.entries.map((e) => entries[e]!);
      return { entry: own.find((e) => e.lang === visitorLang) ?? own[0]!, score: round(i === 0 ? probability : confidence(t, i)) };
    };
    // Two topics that explain the message equally well ("toimitus" alone) are a choice for the
    // visitor; their own case (a complaint, an order number) is not settled by an entry at all.
    // Checked last: it reads the message again, and only a would-be answer needs it.
    const answers = probability >= options.answerThreshold && margin >= options.minMargin && !isOwnCase(query);
    // Runners-up scored with the margin term left out (× 0.8 by default) are compared on that scale.
    const floor = options.suggestThreshold * (1 - options.marginWeight);
    const candidates = ranked.slice(0, shown).map(hit);
    // The best-ranked topic may explain less of the message than a runner-up: either may justify suggesting.
    const suggestable = best >= options.suggestThreshold || candidates.slice(1, options.maxSuggestions).some((h) => h.score >= floor);
    const decision: FaqDecision = answers ? 'answer' : suggestable ? 'suggest' : 'none';
    const count = decision === 'answer' ? options.maxResults : options.maxSuggestions;
    const results = candidates.slice(0, count).filter((h, i) => i === 0 || h.score >= floor);
    return { result: { decision, results }, terms, evidence };
  }

  return { search, explain, weigh };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

