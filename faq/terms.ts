// From text to index terms: tokens minus stop words, stemmed in the text's language.
import { STOPWORDS } from './stopwords';
import { stem } from './stem';
import { tokenize } from './text';

/** Digits-only tokens shorter than this are quantities ("2 tyynyä"), not identifiers. */
const MIN_NUMBER_LENGTH = 3;

export function isContent(token: string): boolean {
  if (STOPWORDS.has(token)) return false;
  if (/^\d+$/.test(token)) return token.length >= MIN_NUMBER_LENGTH;
  return token.length >= 2;
}

export function contentTokens(text: string): string[] {
  return tokenize(text).filter(isContent);
}

export function termsOf(text: string, lang: 'fi' | 'en'): string[] {
  return contentTokens(text).map((t) => stem(t, lang));
}
