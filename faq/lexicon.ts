// Everyday words a FAQ does not use, mapped at build time onto the words it does: the visitor
// writes "piikki", "kämppä", "cancel"; the FAQ says "rokote", "asunto", "terminate". Groups of
// words that mean the same in customer service come from a general lexicon (lexicon-data.ts),
// written from knowledge of Finnish and English, not from any FAQ or visitor query. Only the
// aliases one FAQ can use travel in its bundle, so the widget never loads the lexicon itself.
import { stemEn, stemFi } from './stem';
import { tokenize } from './text';

/** Alias stem → indexes of the FAQ terms it stands for. */
export type Aliases = Record<string, number[]>;

/**
 * Words shorter than this are abbreviations ("pin", "2fa", "ma" for maanantai). They stand for
 * their group only as typed, under the key `=word`: stemmed, they would meet what longer words
 * stem to ("pinnan" → pin, "montako" → mon).
 */
const MIN_ALIAS = 4;
export const AS_TYPED = '=';

/** One group per line, words separated by commas; `#` starts a comment line. */
export function parseLexicon(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .map((line) => line.split(',').map((w) => tokenize(w)).filter((t) => t.length === 1).map((t) => t[0]!))
    .filter((group) => group.length > 1);
}

/**
 * For each group that shares a word with the FAQ's vocabulary, its other words become aliases of
 * the FAQ's: a word in several such groups stands for the terms of all of them.
 */
export function lexiconAliases(terms: readonly string[], groups: readonly string[][]): Aliases {
  const index = new Map(terms.map((t, i) => [t, i]));
  const aliases = new Map<string, Set<number>>();
  for (const group of groups) {
    const stems = group.map((word) => [...new Set([stemFi(word), stemEn(word)])]);
    const known = new Set(stems.flat().flatMap((s) => (index.has(s) ? [index.get(s)!] : [])));
    if (known.size === 0) continue;
    for (const s of group.flatMap((word) => (word.length < MIN_ALIAS ? [AS_TYPED + word] : [stemFi(word), stemEn(word)]))) {
      if (index.has(s)) continue;
      const into = aliases.get(s) ?? new Set<number>();
      for (const t of known) into.add(t);
      aliases.set(s, into);
    }
  }
  return Object.fromEntries([...aliases].sort(([a], [b]) => (a < b ? -1 : 1)).map(([s, t]) => [s, [...t].sort((a, b) => a - b)]));
}
