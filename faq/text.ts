// Turning visitor and FAQ text into comparable tokens. Both sides go through the same folding,
// so a visitor who types without umlauts ("paivaa", "myymala") meets the FAQ's "päivää", "myymälä".

/** Lower-cases and folds diacritics: ä→a, ö→o, å→a, é→e … (Finnish keyboards without umlauts). */
export function fold(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/**
 * Splits folded text into word tokens. Apostrophes inside a word are dropped ("don't" → "dont");
 * a Finnish case ending after a colon is dropped ("iphone 12:sta" → "iphone", "12");
 * hyphens split ("e-gift" → "e", "gift"). Digits stay (order numbers, prices) but count as content
 * only when long enough (see `isContent`).
 */
export function tokenize(text: string): string[] {
  return fold(text)
    .replace(/(\p{L})['’](?=\p{L})/gu, '$1')
    // A case ending after a colon belongs to the number or abbreviation before it: 12:sta, PS5:n, USB:llä.
    .replace(/([\p{L}\p{N}]):\p{L}{1,5}(?!\p{L})/gu, '$1')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** Collapses doubled letters (kk→k, aa→a): consonant gradation and long vowels vary with inflection. */
export function undouble(word: string): string {
  return word.replace(/(.)\1+/g, '$1');
}
