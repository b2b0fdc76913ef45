// Finding a visitor's word in the FAQ's vocabulary: exactly (after stemming in both languages,
// which also covers mixed messages), by shared prefix (stems the stripper left unequal:
// maksu/maksusta, toimit/toimitus), as the parts of a compound, or, failing all, within one or
// two typos ("ilmanen", "maksuika"). The typo step is a bounded edit distance rather than fuse.js:
// fuse.js would cost 7.4 KB brotli of the widget's 12 KB FAQ budget and scores substrings, not typos.
import { splitCompound } from './bundle';
import { stemEn, stemFi } from './stem';

export interface TermMatch {
  term: number;
  /** 1 for an exact stem match, less for prefix and fuzzy matches. */
  strength: number;
}

/** Shortest stem that may match another by prefix: shorter prefixes are too ambiguous. */
const MIN_PREFIX = 4;
/** Shortest word worth a fuzzy lookup: short words have too many near neighbours. */
const MIN_FUZZY = 5;
/** Words at least this long may have two typos; shorter ones one. */
const LONG_WORD = 8;
/** A fuzzy match counts at most this much of an exact one. */
const FUZZY_STRENGTH = 0.8;

export class Vocabulary {
  private readonly index: Map<string, number>;
  private readonly set: ReadonlySet<string>;

  constructor(readonly terms: readonly string[]) {
    this.index = new Map(terms.map((t, i) => [t, i]));
    this.set = new Set(terms);
  }

  /** Matches of one query token, or of its compound parts; each inner list is one query term. */
  lookup(token: string): TermMatch[][] {
    const stems = [...new Set([stemFi(token), stemEn(token), token])];
    const direct = this.direct(stems);
    if (direct.length > 0) return [direct];
    for (const lang of ['fi', 'en'] as const) {
      const parts = splitCompound(token, lang, this.set);
      if (parts.length > 0) return parts.map((p) => [{ term: this.index.get(p)!, strength: 1 }]);
    }
    return [this.fuzzy(token)];
  }

  private direct(stems: string[]): TermMatch[] {
    const best = new Map<number, number>();
    const note = (term: number | undefined, strength: number) => {
      if (term !== undefined && strength > (best.get(term) ?? 0)) best.set(term, strength);
    };
    for (const s of stems) {
      note(this.index.get(s), 1);
      if (s.length < MIN_PREFIX) continue;
      // Vocabulary stems that extend this one (maks → maksus).
      for (let i = this.lowerBound(s); i < this.terms.length && this.terms[i]!.startsWith(s); i++) {
        note(i, 0.5 + (0.5 * s.length) / this.terms[i]!.length);
      }
      // Vocabulary stems this one extends (toimitusaik → toimitus).
      for (let len = s.length - 1; len >= MIN_PREFIX; len--) {
        note(this.index.get(s.slice(0, len)), 0.5 + (0.5 * len) / s.length);
      }
    }
    return [...best].map(([term, strength]) => ({ term, strength }));
  }

  private fuzzy(token: string): TermMatch[] {
    if (token.length < MIN_FUZZY) return [];
    const query = stemFi(token);
    const limit = query.length >= LONG_WORD ? 2 : 1;
    const found: TermMatch[] = [];
    // A typo rarely hits the first letter, so only that letter's run of the sorted terms is read.
    for (let i = this.lowerBound(query[0]!); i < this.terms.length && this.terms[i]![0] === query[0]; i++) {
      const term = this.terms[i]!;
      if (Math.abs(term.length - query.length) > limit) continue;
      const d = editDistance(query, term, limit);
      if (d <= limit) found.push({ term: i, strength: FUZZY_STRENGTH * (1 - d / Math.max(query.length, term.length)) });
    }
    return found.sort((a, b) => b.strength - a.strength).slice(0, 2);
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

/** Optimal-string-alignment distance (a swap of neighbours is one typo), giving up past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
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
