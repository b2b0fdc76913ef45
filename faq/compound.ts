// Compounds split against the FAQ's own vocabulary (toimitusaika → toimitus + aika), so the
// visitor who writes the parts apart, or together where the FAQ writes them apart, still meets
// it. Against the FAQ's vocabulary because a general Finnish one would not fit in the widget.
import { stem } from './stem';
import { undouble } from './text';

/** Words shorter than this are not split as compounds. */
const MIN_COMPOUND = 7;
/**
 * Longest token taken for a word; longer ones are pasted junk (a hash, a run-together line), and
 * splitting them costs quadratic time: a 20,000-letter token in an answer took 2.8 s to build.
 */
export const MAX_WORD = 40;
const MIN_PART = 3;
/** Letters a compound's head has at least, as written. */
const MIN_HEAD = 4;
const FI_WORD_END = /[aeiouynstlr]$/;

/**
 * The two stems of a compound whose parts are both in `vocabulary`, or none. The head must be a
 * word of its own (four letters or more as written: "-vat", "-mista" are endings, not heads);
 * the modifier a word less at most its final vowels or a genitive -n (toimitusa|ika is no split);
 * English modifiers need four letters (net|work, per|son are not compounds).
 */
export function splitCompound(token: string, lang: 'fi' | 'en', vocabulary: ReadonlySet<string>): string[] {
  if (token.length < MIN_COMPOUND || token.length > MAX_WORD) return [];
  const minModifier = lang === 'fi' ? MIN_PART : MIN_HEAD;
  // The longest head first, and two parts that are words as they stand before a split that
  // needs a linking letter: toimitus|osoite, not toimituso|soite.
  for (const linking of [false, true]) {
    for (let i = minModifier; i <= token.length - MIN_HEAD; i++) {
      const head = token.slice(i);
      const right = stem(head, lang);
      if (!vocabulary.has(right) || right.length < MIN_PART) continue;
      // Linking -s or -n of a genitive first part: "asiakaspalvelu", "kodinkone".
      if (linking && !/[sn]$/.test(token.slice(0, i))) continue;
      const left = linking ? token.slice(0, i - 1) : token.slice(0, i);
      // A Finnish word ends in a vowel or n, s, t, l, r: "vanh|enee" is vanhenee (expires), not
      // old + energy. English modifiers may end otherwise (week|days), but not before a head with
      // a Finnish verb's long final vowel (-ee, -aa), which the English pass would otherwise take.
      if (!FI_WORD_END.test(left) && (lang === 'fi' || /([aeiouy])\1$/.test(head))) continue;
      const leftStem = stem(left, lang);
      if (vocabulary.has(leftStem) && isWordLess(left, leftStem)) return [leftStem, right];
    }
  }
  return [];
}

/** The stem takes from the word only final vowels, an -n, or one of a doubled letter. */
function isWordLess(word: string, wordStem: string): boolean {
  const plain = undouble(word);
  return plain.startsWith(wordStem) && /^[aeiouyn]*$/.test(plain.slice(wordStem.length));
}
