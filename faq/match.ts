// Finding a visitor's word in the FAQ's vocabulary: exactly (after stemming in both languages,
// which also covers mixed messages), by shared prefix (stems the stripper left unequal:
// maksu/maksusta, toimit/toimitus), as the parts of a compound, or, failing all, by fuse.js
// fuzzy matching for typos ("untill", "ilmanen").
import Fuse from 'fuse.js/basic';
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
/** A fuzzy match counts at most this much of an exact one. */
const FUZZY_STRENGTH = 0.8;

export class Vocabulary {
  private readonly index: Map<string, number>;
  private readonly set: ReadonlySet<string>;
  private fuse: Fuse<string> | undefined;

  constructor(
    readonly terms: readonly string[],
    private readonly fuzzyThreshold: number,
  ) {
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
    // Built on first need: most keystrokes never reach the fuzzy step.
    this.fuse ??= new Fuse([...this.terms], { includeScore: true, threshold: this.fuzzyThreshold });
    const query = stemFi(token);
    // fuse.js scores substrings too; a typo keeps the first letter and roughly the length.
    return this.fuse
      .search(query, { limit: 5 })
      .filter((r) => r.item[0] === query[0] && Math.abs(r.item.length - query.length) <= 2)
      .slice(0, 2)
      .map((r) => ({ term: r.refIndex, strength: FUZZY_STRENGTH * (1 - (r.score ?? 1)) }));
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
