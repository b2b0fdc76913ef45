// Every tunable of the search, in one frozen object. Site owners pass a partial override to
// `createFaqSearch(entries, options)` / `buildFaqBundle(entries, options)`.

export interface FaqSearchOptions {
  /** Probability that the best entry is right (calibration.ts) at or above which it is shown as the answer. */
  answerThreshold: number;
  /** Confidence at or above which candidates are suggested. Below it the decision is `none`. */
  suggestThreshold: number;
  /** Candidates shown when suggesting. */
  maxSuggestions: number;
  /** Results listed with an answer (the answer first, then related entries). */
  maxResults: number;
  /** Weight of a word that appears only in an entry's answer, relative to question and keywords. */
  answerFieldWeight: number;
  /**
   * Weight of a word the FAQ never uses, relative to its rarest word: how much unexplained words
   * doubt a match (a word under six letters, proportionally less).
   */
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
  answerThreshold: 0.709,
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

/** Whole numbers and their allowed range; every other option is a share from 0 to 1. */
const COUNTS: Partial<Record<keyof FaqSearchOptions, readonly [number, number]>> = {
  maxSuggestions: [1, 10],
  maxResults: [1, 10],
  maxQueryChars: [50, 5000],
};

/**
 * Site owners' overrides, as `name=value` pairs (a flag given several times, or one comma-separated
 * variable): `answerThreshold=0.6,minMargin=0.2`. Every name and value is checked, with a message
 * that says what to fix.
 */
export function parseFaqOptions(pairs: readonly string[]): { ok: true; options: Partial<FaqSearchOptions> } | { ok: false; message: string } {
  const options: Partial<FaqSearchOptions> = {};
  const names = Object.keys(DEFAULT_OPTIONS) as (keyof FaqSearchOptions)[];
  for (const pair of pairs.flatMap((p) => p.split(',')).map((p) => p.trim()).filter(Boolean)) {
    const [name, value, extra] = pair.split('=').map((x) => x.trim());
    if (value === undefined || extra !== undefined) return { ok: false, message: `FAQ option "${pair}" must look like name=value, e.g. answerThreshold=0.6` };
    if (!names.includes(name as keyof FaqSearchOptions)) return { ok: false, message: `unknown FAQ option "${name}" (known: ${names.join(', ')})` };
    const key = name as keyof FaqSearchOptions;
    const problem = optionProblem(key, value === '' ? NaN : Number(value), value);
    if (problem) return { ok: false, message: problem };
    options[key] = Number(value);
  }
  try {
    resolveOptions(options);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  return { ok: true, options };
}

/** What is wrong with a value for an option, or null when it is in range. */
export function optionProblem(key: keyof FaqSearchOptions, value: unknown, written: unknown = value): string | null {
  const [min, max] = COUNTS[key] ?? [0, 1];
  const whole = key in COUNTS;
  const fits = typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (!whole || Number.isInteger(value));
  return fits ? null : `FAQ option ${key} must be ${whole ? 'a whole number' : 'a number'} from ${min} to ${max}, got "${String(written)}"`;
}

/** Overrides given in code are checked as those from the command line are: NaN turns into null on its way to the widget. */
export function resolveOptions(options?: Partial<FaqSearchOptions>): FaqSearchOptions {
  for (const [key, value] of Object.entries(options ?? {})) {
    const problem = value === undefined ? null : optionProblem(key as keyof FaqSearchOptions, value);
    if (problem) throw new TypeError(problem);
  }
  const merged = { ...DEFAULT_OPTIONS, ...options };
  if (merged.suggestThreshold > merged.answerThreshold) {
    throw new TypeError('suggestThreshold must not exceed answerThreshold');
  }
  return merged;
}
