// Finding a visitor's word in the FAQ's vocabulary, first hit wins: exactly (after stemming in
// both languages, which also covers mixed messages) or through the general lexicon's aliases;
// as two FAQ words of a compound; by shared prefix (stems the stripper left unequal:
// maksu/maksusta, toimit/toimitus) or as the head of an FAQ compound (numero → puhelinnumero);
// as a compound of which one part is known; within one or two typos ("ilmanen", "maksuika"); by
// a long shared beginning (vaihdettua ~ vaihto). The typo step is a bounded edit distance rather
// than fuse.js: fuse.js would cost 7.4 KB brotli of the widget's 12 KB FAQ budget and scores
// substrings, not typos.
import { MAX_WORD, splitCompound } from './compound';
import { AS_TYPED, type Aliases } from './lexicon';
import { stemEn, stemFi } from './stem';

/** One meaningful part of the query: the FAQ terms it matches (none: a word the FAQ lacks). */
export interface QueryPart {
  matches: TermMatch[];
  /** Share of the part's usual weight: an unknown compound modifier counts half. */
  weight: number;
}

export interface TermMatch {
  term: number;
  /** 1 for an exact stem match, less for prefix and fuzzy matches. */
  strength: number;
}

/** Shortest stem that may match another by prefix: shorter prefixes are too ambiguous. */
const MIN_PREFIX = 4;
/** Shortest stem worth a fuzzy lookup: short stems have too many near neighbours. */
const MIN_FUZZY = 5;
/** Letters an ending may leave after stemming before the rest is another word (a compound's head). */
const MAX_LEFTOVER = 3;
/** Shortest stem tried as a compound with one known part, and the shortest part. */
const MIN_COMPOUND_STEM = 7;
const MIN_PART = 3;
/** A match on one part of a compound counts this much of an exact one. */
const PART_STRENGTH = 0.9;
/** Words at least this long may have two typos; shorter ones one. */
const LONG_WORD = 8;
/** A fuzzy match counts at most this much of an exact one. */
const FUZZY_STRENGTH = 0.8;

/** The FAQ's terms that lexicon words stand for (see lexicon.ts), with the strength of such a match. */
export interface Synonyms {
  aliases: Aliases;
  strength: number;
}

export class Vocabulary {
  private readonly index: Map<string, number>;
  private readonly set: ReadonlySet<string>;
  /** Term indexes sorted by the reversed term: finds the FAQ compounds a word is the head of. */
  private readonly byEnding: number[];
  private readonly endings: string[];

  private readonly aliases: Map<string, number[]>;

  constructor(
    readonly terms: readonly string[],
    private readonly synonyms: Synonyms = { aliases: {}, strength: 0 },
  ) {
    this.index = new Map(terms.map((t, i) => [t, i]));
    this.aliases = new Map(Object.entries(synonyms.aliases));
    this.set = new Set(terms);
    const reversed = terms.map(reverse);
    this.byEnding = terms.map((_, i) => i).sort((a, b) => (reversed[a]! < reversed[b]! ? -1 : reversed[a]! > reversed[b]! ? 1 : 0));
    this.endings = this.byEnding.map((i) => reversed[i]!);
  }

  /**
   * What one query token means to this FAQ: usually one part; a compound gives two (both known,
   * or one known and one the FAQ does not have — "pyöräilykypärä" is about helmets, not bikes).
   */
  lookup(token: string): QueryPart[] {
    // No word is this long: pasted junk, which costs quadratic time in the compound steps.
    if (token.length > MAX_WORD) return [{ matches: [], weight: 1 }];
    const stems = [...new Set([stemFi(token), stemEn(token), token])];
    // Each reading of the word (Finnish stem, English stem, as typed) is the FAQ's term when the
    // FAQ has it, or else the terms the lexicon says it means.
    const readings = (list: string[]) =>
      list.flatMap((s) => {
        const term = this.index.get(s);
        if (term !== undefined) return [{ term, strength: 1 }];
        return (this.aliases.get(s) ?? []).map((t) => ({ term: t, strength: this.synonyms.strength }));
      });
    // An abbreviation the FAQ lacks ("2fa") stands for its lexicon group as typed (see lexicon.ts).
    const known = readings(stems);
    if (!known.some((m) => m.strength === 1)) known.push(...readings([AS_TYPED + token]));
    if (known.length > 0) return [{ matches: known, weight: 1 }];
    for (const lang of ['fi', 'en'] as const) {
      const parts = splitCompound(token, lang, this.set);
      if (parts.length > 0) return parts.map((p) => ({ matches: [{ term: this.index.get(p)!, strength: 1 }], weight: 1 }));
    }
    const prefix = this.prefixMatches(stems);
    if (prefix.length > 0) return [{ matches: prefix, weight: 1 }];
    return this.knownPart(stems) ?? [{ matches: this.fuzzy(token), weight: 1 }];
  }

  /** Stems the stripper left unequal: one extends the other by at most an inflection's letters. */
  private prefixMatches(stems: string[]): TermMatch[] {
    const best = new Map<number, number>();
    const note = (term: number | undefined, strength: number) => {
      if (term !== undefined && strength > (best.get(term) ?? 0)) best.set(term, strength);
    };
    for (const s of stems) {
      if (s.length < MIN_PREFIX) continue;
      // Vocabulary stems that extend this one (maks → maksus), also a word still being typed.
      for (let i = this.lowerBound(s); i < this.terms.length && this.terms[i]!.startsWith(s); i++) {
        note(i, 0.5 + (0.5 * s.length) / this.terms[i]!.length);
      }
      // FAQ compounds this word is the head of (numer → puhelinnumer).
      for (const i of this.endingWith(s)) {
        if (this.terms[i]!.length - s.length >= MIN_PART) note(i, PART_STRENGTH * (0.5 + (0.5 * s.length) / this.terms[i]!.length));
      }
      // Vocabulary stems this one extends by an ending the stripper missed (maksus → maks).
      for (let len = s.length - 1; len >= Math.max(MIN_PREFIX, s.length - MAX_LEFTOVER); len--) {
        note(this.index.get(s.slice(0, len)), 0.5 + (0.5 * len) / s.length);
      }
    }
    return [...best].map(([term, strength]) => ({ term, strength }));
  }

  /**
   * A compound of which the FAQ knows one part. Finnish compounds put the head last: a known
   * head (pellava|verho) still answers, with the unknown modifier counting half; a known modifier
   * with an unknown head (pyöräily|kypärä) leaves the head as a word the FAQ cannot explain, and
   * as what the word names, it counts double: a helmet is not a bike, however well bikes match.
   */
  private knownPart(stems: string[]): QueryPart[] | undefined {
    for (const s of stems) {
      if (s.length < MIN_COMPOUND_STEM) continue;
      for (let start = MIN_PART; start <= s.length - MIN_PREFIX; start++) {
        const head = this.index.get(s.slice(start));
        if (head !== undefined) return [{ matches: [{ term: head, strength: PART_STRENGTH }], weight: 1 }, { matches: [], weight: 0.5 }];
      }
      for (let len = s.length - MAX_LEFTOVER - 1; len >= MIN_PREFIX; len--) {
        const modifier = this.index.get(s.slice(0, len));
        if (modifier !== undefined) return [{ matches: [{ term: modifier, strength: PART_STRENGTH }], weight: 1 }, { matches: [], weight: 2 }];
      }
    }
    return undefined;
  }

  private fuzzy(token: string): TermMatch[] {
    const query = stemFi(token);
    if (query.length < MIN_FUZZY) return [];
    const limit = query.length >= LONG_WORD ? 2 : 1;
    const found: TermMatch[] = [];
    // A typo rarely hits the first letter, so only that letter's run of the sorted terms is read.
    for (let i = this.lowerBound(query[0]!); i < this.terms.length && this.terms[i]![0] === query[0]; i++) {
      const term = this.terms[i]!;
      if (Math.abs(term.length - query.length) > limit) continue;
      const d = editDistance(query, term, limit);
      if (d <= limit) found.push({ term: i, strength: FUZZY_STRENGTH * (1 - d / Math.max(query.length, term.length)) });
    }
    if (found.length === 0) {
      // Same word, different grade or derivation (vaihdettua ~ vaihto): a long shared beginning.
      for (let i = this.lowerBound(query.slice(0, 4)); i < this.terms.length && this.terms[i]!.startsWith(query.slice(0, 4)); i++) {
        const term = this.terms[i]!;
        let common = 0;
        while (common < term.length && term[common] === query[common]) common++;
        if (common >= 0.75 * Math.min(term.length, query.length)) found.push({ term: i, strength: 0.6 * (common / Math.max(term.length, query.length)) + 0.2 });
      }
    }
    return found.sort((a, b) => b.strength - a.strength).slice(0, 2);
  }

  private *endingWith(s: string): Generator<number> {
    const key = reverse(s);
    let lo = 0;
    let hi = this.byEnding.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.endings[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.endings.length && this.endings[i]!.startsWith(key); i++) yield this.byEnding[i]!;
  }

  private lowerBound(s: string): number {
    let lo = 0;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.terms[mid]! < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function reverse(s: string): string {
  return [...s].reverse().join('');
}

/** Optimal-string-alignment distance (a swap of neighbours is one typo), giving up past `max`. */
function editDistance(a: string, b: string, max: number): number {
  let prev2: number[] = [];
  // A loop, not Array.from's map: MooTools and Prototype replace Array.from with one that ignores it.
  let prev: number[] = [];
  for (let j = 0; j <= b.length; j++) prev.push(j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}
