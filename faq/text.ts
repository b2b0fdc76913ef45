// Turning visitor and FAQ text into comparable tokens. Both sides go through the same folding,
// so a visitor who types without umlauts ("paivaa", "myymala") meets the FAQ's "päivää", "myymälä".

/** Lower-cases and folds diacritics: ä→a, ö→o, å→a, é→e … (Finnish keyboards without umlauts). */
export function fold(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * Splits folded text into word tokens. Apostrophes inside a word are dropped ("don't" → "dont");
 * hyphens split ("e-gift" → "e", "gift"). Digits stay (order numbers, prices) but count as content
 * only when long enough (see `isContent`).
 */
export function tokenize(text: string): string[] {
  return fold(text)
    .replace(/(\p{L})['’](?=\p{L})/gu, '$1')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** Collapses doubled letters (kk→k, aa→a): consonant gradation and long vowels vary with inflection. */
export function undouble(word: string): string {
  return word.replace(/(.)\1+/g, '$1');
}
