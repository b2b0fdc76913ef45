// The prebuilt index: entries grouped into topics (one topic = the same question in each
// language), each topic with its stemmed terms and their field weights. Plain JSON, so the
// server can build it once and the widget only loads it (`searchFromBundle`).
import type { FaqEntry } from './types';
import { resolveOptions, type FaqSearchOptions } from './options';
import { stem } from './stem';
import { SOFT_WORDS } from './stopwords';
import { isContent } from './terms';
import { tokenize } from './text';
import { splitCompound } from './compound';
import { lexiconAliases, parseLexicon, type Aliases } from './lexicon';
import { LEXICON } from './lexicon-data';
import { topicKey } from './topic-key';

export interface BundleTopic {
  /** The entry id without its -fi/-en suffix: `returns-fi` and `returns-en` are one topic. */
  key: string;
  /** Indexes into `FaqBundle.entries`. */
  entries: number[];
  /** Indexes into `FaqBundle.terms`, parallel to `weights`. */
  terms: number[];
  /** 1 for a term of a question or keyword; `answerFieldWeight` for one found only in answers. */
  weights: number[];
}

export interface FaqBundle {
  version: 1;
  entries: FaqEntry[];
  options: FaqSearchOptions;
  /** The FAQ's vocabulary of stems, sorted (prefix lookups use binary search). */
  terms: string[];
  topics: BundleTopic[];
  /** Words the FAQ does not use that mean one of its terms (see lexicon.ts); absent in older bundles. */
  aliases?: Aliases;
}

export { topicKey };

/** Markdown link targets and bare URLs are addresses, not words a visitor types. */
function prose(markdown: string): string {
  return markdown.replace(/\]\([^)]*\)/g, ']').replace(/https?:\/\/\S+/g, ' ');
}

function stemsOf(text: string, lang: 'fi' | 'en'): { token: string; stem: string }[] {
  // Question words are indexed too: a visitor's "when"/"milloin" counts where the FAQ has it.
  return tokenize(text)
    .filter((t) => isContent(t) || SOFT_WORDS.has(t))
    .map((token) => ({ token, stem: stem(token, lang) }));
}

let groups: string[][] | undefined;
function lexicon(): string[][] {
  return (groups ??= parseLexicon(LEXICON));
}

export function buildFaqBundle(entries: FaqEntry[], options?: Partial<FaqSearchOptions>): FaqBundle {
  const resolved = resolveOptions(options);
  const fields = entries.map((e) => ({
    strong: stemsOf(`${e.question} ${(e.keywords ?? []).join(' ')}`, e.lang),
    weak: stemsOf(prose(e.answer), e.lang),
  }));
  const vocabulary = new Set(fields.flatMap((f) => [...f.strong, ...f.weak].map((s) => s.stem)));
  const topicByKey = new Map<string, { entries: number[]; weights: Map<string, number> }>();
  entries.forEach((entry, index) => {
    const key = topicKey(entry.id);
    const topic = topicByKey.get(key) ?? { entries: [], weights: new Map<string, number>() };
    topicByKey.set(key, topic);
    topic.entries.push(index);
    const add = (term: string, weight: number) =>
      topic.weights.set(term, Math.max(weight, topic.weights.get(term) ?? 0));
    const { strong, weak } = fields[index]!;
    for (const [list, weight] of [[strong, 1], [weak, resolved.answerFieldWeight]] as const) {
      for (const { token, stem: s } of list) {
        add(s, weight);
        for (const part of splitCompound(token, entry.lang, vocabulary)) add(part, weight);
      }
    }
  });
  const allTerms = new Set<string>();
  for (const t of topicByKey.values()) for (const term of t.weights.keys()) allTerms.add(term);
  const terms = [...allTerms].sort();
  const termIndex = new Map(terms.map((t, i) => [t, i]));
  const topics = [...topicByKey].map(([key, t]) => ({
    key,
    entries: t.entries,
    terms: [...t.weights.keys()].map((term) => termIndex.get(term)!),
    weights: [...t.weights.values()],
  }));
  const aliases = resolved.synonymStrength > 0 ? lexiconAliases(terms, lexicon()) : {};
  return { version: 1, entries, options: resolved, terms, topics, aliases };
}
