// Every tunable of the search, in one frozen object. Site owners pass a partial override to
// `createFaqSearch(entries, options)` / `buildFaqBundle(entries, options)`.

export interface FaqSearchOptions {
  /** Confidence at or above which the best entry is shown as the answer. */
  answerThreshold: number;
  /** Confidence at or above which candidates are suggested. Below it the decision is `none`. */
  suggestThreshold: number;
  /** Candidates shown when suggesting. */
  maxSuggestions: number;
  /** Results listed with an answer (the answer first, then related entries). */
  maxResults: number;
  /** Weight of a word that appears only in an entry's answer, relative to question and keywords. */
  answerFieldWeight: number;
  /** Weight of a word the FAQ never uses, relative to its rarest word: how much unexplained words doubt a match. */
  unknownWordWeight: number;
  /** Weight of an unknown word before the last clause (the story before the question), relative to one in it. */
  storyWeight: number;
  /** Weight of a question or everyday word the FAQ uses ("per month", "how long"), relative to other words. */
  softWordWeight: number;
  /** Only the last this many characters of a message are searched (the question is usually last). */
  maxQueryChars: number;
  /** Least lead over the runner-up topic (share of the best score) for an answer; below it, suggest. */
  minMargin: number;
  /** How much the margin over the runner-up topic counts in the confidence (0 … 1). */
  marginWeight: number;
  /**
   * After a story, the question alone may vouch for the best topic: its confidence there, times
   * this, counts when it beats the whole message's (0 turns it off).
   */
  questionWeight: number;
  /**
   * Strength of a match through the general lexicon (a visitor's "piikki" for the FAQ's "rokote"),
   * relative to an exact one; 0 leaves the lexicon out of the bundle.
   */
  synonymStrength: number;
}

export const DEFAULT_OPTIONS: Readonly<FaqSearchOptions> = Object.freeze({
  answerThreshold: 0.5,
  suggestThreshold: 0.12,
  maxSuggestions: 3,
  maxResults: 3,
  answerFieldWeight: 0.5,
  unknownWordWeight: 0.4,
  marginWeight: 0.2,
  minMargin: 0.1,
  maxQueryChars: 500,
  storyWeight: 0.5,
  softWordWeight: 0.25,
  questionWeight: 0.9,
  synonymStrength: 0.8,
});

export function resolveOptions(options?: Partial<FaqSearchOptions>): FaqSearchOptions {
  const merged = { ...DEFAULT_OPTIONS, ...options };
  if (merged.suggestThreshold > merged.answerThreshold) {
    throw new TypeError('suggestThreshold must not exceed answerThreshold');
  }
  return merged;
}
