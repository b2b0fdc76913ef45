// Splitting a message into clauses and finding the one that asks. Visitors tell a story and then
// ask ("tilasin eilen kaks tyynyä ja peiton, kauanko menee…"), or ask and then explain ("can I
// get the refund to my bank account? I paid with…"): the asking clause is what to answer, the
// rest is context whose unknown words say little about the topic.
import { tokenize } from './text';

/** Sentence and clause boundaries: punctuation, and conjunctions joining clauses. */
const BOUNDARY = /([.!?;,:]+(?:\s|$)|\s(?:ja|mutta|mut|koska|and|but|because)\s)/iu;
/** Words that open a question: Finnish (also spoken: mist, miks) and English question words and auxiliaries. */
const QUESTION_WORDS = new Set(
  `kauanko kuinka paljonko montako moneltako milloin miten mita mika mitka missa mista mihin miksi kuka ketka
  mist mis mil
  how what when where which who why can could do does did is are will would should may`.split(/\s+/),
);
/**
 * A Finnish yes/no question puts the -ko/-kö (spoken -ks) clitic on its first word: toimitatteko,
 * voiko, tuleeks. After a k it is a noun ending instead (laatikko, verkko).
 */
const QUESTION_CLITIC = /[^k](ko|ks)$/;

export interface Clause {
  tokens: string[];
  /** The clause asks: a question mark ends it or a question word opens it. */
  asks: boolean;
  /** No clause asks, so this last one is taken for the question. */
  guessed?: boolean;
}

/** The message's clauses in order. When none asks, the last one is taken as the question. */
export function splitClauses(text: string): Clause[] {
  const parts = text.split(BOUNDARY);
  const clauses: Clause[] = [];
  // split() with a capturing group alternates text and the boundary that ended it.
  for (let i = 0; i < parts.length; i += 2) {
    const tokens = tokenize(parts[i]!);
    if (tokens.length === 0) continue;
    const first = tokens[0]!;
    const asks = (parts[i + 1] ?? '').includes('?') || QUESTION_WORDS.has(first) || QUESTION_CLITIC.test(first);
    clauses.push({ tokens, asks });
  }
  if (clauses.length > 0 && !clauses.some((c) => c.asks)) {
    Object.assign(clauses[clauses.length - 1]!, { asks: true, guessed: true });
  }
  return clauses;
}
