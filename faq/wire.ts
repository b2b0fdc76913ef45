// The bundle as the widget downloads it (GET /api/faq?v=2): what the search needs and the widget
// shows, without what the widget can recompute cheaply. A topic's key and entries follow from
// the entries' ids; a term's weight is 1 or `answerFieldWeight`, so a topic lists its terms of
// each weight, ascending, as gaps from the one before (small numbers); and the widget never
// reads an entry's keywords. On a 1,000-entry FAQ that is 30 % fewer bytes to parse and 17 %
// fewer brotli bytes than the plain bundle (bench/faq-load.bench.ts). `readLeanBundle` gives the
// plain bundle back but for the keywords and the order of a topic's terms, which no search reads.
import type { FaqBundle } from './bundle';
import type { FaqSearchOptions } from './options';
import type { Aliases } from './lexicon';
import type { FaqEntry } from './types';
import { topicKey } from './topic-key';

export interface LeanBundle {
  version: 2;
  /** The entries without keywords. */
  entries: Omit<FaqEntry, 'keywords'>[];
  options: FaqSearchOptions;
  /** The FAQ's vocabulary of stems, sorted, separated by spaces (a stem has none). */
  terms: string;
  /**
   * Per topic, in the order the entries first name it: how many of its terms weigh 1, then
   * those terms' indexes, then those of the terms that weigh `answerFieldWeight`; each group
   * ascending, as gaps from the previous index (the first from 0).
   */
  topics: number[][];
  aliases: Aliases;
}

const gaps = (sorted: number[]) => sorted.map((term, i) => term - (i === 0 ? 0 : sorted[i - 1]!));

/** The lean form of a built bundle; throws if the bundle is not one `buildFaqBundle` makes. */
export function leanBundle(bundle: FaqBundle): LeanBundle {
  const { entries, options, terms } = bundle;
  const derived = deriveTopics(entries);
  const same = derived.length === bundle.topics.length && bundle.topics.every((t, i) => t.key === derived[i]!.key && t.entries.join() === derived[i]!.entries.join());
  if (!same) throw new Error('the topics do not follow from the entries');
  if (terms.some((t) => t === '' || /\s/.test(t))) throw new Error('a term is empty or has a space');
  const topics = bundle.topics.map((topic) => {
    const strong: number[] = [];
    const weak: number[] = [];
    topic.terms.forEach((term, i) => {
      const weight = topic.weights[i];
      if (weight === 1) strong.push(term);
      else if (weight === options.answerFieldWeight) weak.push(term);
      else throw new Error(`a weight other than 1 and answerFieldWeight: ${weight}`);
    });
    const ascending = (a: number, b: number) => a - b;
    return [strong.length, ...gaps(strong.sort(ascending)), ...gaps(weak.sort(ascending))];
  });
  return {
    version: 2,
    entries: entries.map(({ id, lang, question, answer }) => ({ id, lang, question, answer })),
    options,
    terms: terms.join(' '),
    topics,
    aliases: bundle.aliases ?? {},
  };
}

function deriveTopics(entries: readonly Pick<FaqEntry, 'id'>[]): { key: string; entries: number[] }[] {
  const topics: { key: string; entries: number[] }[] = [];
  const byKey = new Map<string, { key: string; entries: number[] }>();
  entries.forEach((entry, i) => {
    const key = topicKey(entry.id);
    let topic = byKey.get(key);
    if (!topic) {
      topic = { key, entries: [] };
      byKey.set(key, topic);
      topics.push(topic);
    }
    topic.entries.push(i);
  });
  return topics;
}

/** The plain bundle `searchFromBundle` takes, from the lean one. */
export function readLeanBundle(lean: LeanBundle): FaqBundle {
  const { options } = lean;
  const topics = deriveTopics(lean.entries).map(({ key, entries }, t) => {
    const coded = lean.topics[t]!;
    const strong = coded[0]!;
    const terms = new Array<number>(coded.length - 1);
    for (let i = 1, term = 0; i < coded.length; i++) terms[i - 1] = term = (i === 1 || i === strong + 1 ? 0 : term) + coded[i]!;
    return { key, entries, terms, weights: new Array<number>(terms.length).fill(options.answerFieldWeight).fill(1, 0, strong) };
  });
  return { version: 1, entries: lean.entries, options, terms: lean.terms === '' ? [] : lean.terms.split(' '), topics, aliases: lean.aliases };
}
