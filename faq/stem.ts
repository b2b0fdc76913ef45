// Compact suffix strippers for Finnish and English, in the spirit of Snowball but a fraction of
// its size (the widget ships this). They work on folded text (see text.ts), so "päivää" and
// "paivaa" stem alike. Stems need not be words: they only have to agree between a visitor's
// form and the FAQ's form. What they miss (s-stems like toimitus/toimitusta, gradation like
// hinta/hinnan) the matcher catches with prefix and fuzzy matching (see match.ts).
import { undouble } from './text';

const FI_CLITICS = ['kaan', 'kin', 'ko', 'ks', 'pa'];
const FI_POSSESSIVES = ['nsa', 'mme', 'nne', 'ni', 'si'];
// Case, plural and common verb endings, longest first so "-issa" wins over "-ssa" and "-a".
const FI_ENDINGS = [
  'isiin', 'itten', 'iksi', 'issa', 'ista', 'illa', 'ilta', 'ille', 'iden', 'ihin', 'seen',
  'siin', 'neet', 'maan', 'massa', 'ssa', 'sta', 'lla', 'lta', 'lle', 'ksi', 'tta', 'tse',
  'ina', 'ita', 'ien', 'jen', 'aan', 'een', 'iin', 'oon', 'uun', 'yyn', 'vat', 'mme', 'tte',
  'nut', 'nyt', 'ttu', 'tty', 'na', 'ta', 'ja', 'ia', 'in', 'en', 'an', 'on', 'un', 'yn',
  'n', 't', 'a',
].sort((a, b) => b.length - a.length);
const VOWELS = 'aeiouy';

function stripOne(word: string, suffixes: readonly string[], minStem: number): string {
  for (const s of suffixes) {
    if (word.endsWith(s) && word.length - s.length >= minStem) return word.slice(0, -s.length);
  }
  return word;
}

/**
 * Strips a case ending, keeping its first vowel when the stem would drop under four letters:
 * kotiin → koti (not kot), so it meets koti, kodin and kotiinkuljetus.
 */
function stripEnding(word: string): string {
  for (const s of FI_ENDINGS) {
    if (!word.endsWith(s) || word.length - s.length < 3) continue;
    if (word.length - s.length < 4 && s.length > 1 && VOWELS.includes(s[0]!)) return word.slice(0, 1 - s.length);
    return word.slice(0, -s.length);
  }
  return word;
}

export function stemFi(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  // The question clitic follows a vowel or a verb's -n (voiko, voinko); katko and pelko end in -ko.
  let w = /[^aeiouyn]k[os]$/.test(word) ? word : stripOne(word, FI_CLITICS, 3);
  // -nen adjectives and nouns inflect on an -s- stem: ihminen, ihmisen, ihmistä → ihmis.
  if (w.endsWith('nen') && w.length >= 6) return undouble(w.slice(0, -3) + 's');
  w = stripOne(w, FI_POSSESSIVES, 4);
  // Partitive of -us/-ys words (toimitusta, kysymystä) keeps its -s; the elative -sta would eat it.
  if (/[uy]sta$/.test(w) && w.length >= 7) w = w.slice(0, -2);
  // Illative of a -kse- stem (toimitukseen, toimituksiin): the -s- belongs to the stem.
  else if (/ks(een|iin)$/.test(w)) w = w.slice(0, -3);
  else w = stripEnding(w);
  // Stems shorter than four letters collide across unrelated words (takuu, takaa → tak).
  while (w.length > 4 && VOWELS.includes(w[w.length - 1] ?? '')) w = w.slice(0, -1);
  // -us/-ys/-is words take a -kse- stem when inflected: toimituksen, toimitukset → toimitus.
  if (w.endsWith('ks') && w.length >= 5) w = w.slice(0, -2) + 's';
  return undouble(w);
}

const EN_RULES: ReadonlyArray<readonly [string, string]> = [
  ['ational', 'ate'], ['ations', ''], ['ation', ''], ['ments', ''], ['ment', ''], ['ness', ''],
  ['ies', 'y'], ['ied', 'y'], ['sses', 'ss'], ['ings', ''], ['ing', ''], ['ed', ''], ['ly', ''],
  ['able', ''], ['ible', ''], ['al', ''], ['s', ''],
];

export function stemEn(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  for (const [suffix, replacement] of EN_RULES) {
    if (!w.endsWith(suffix)) continue;
    const stem = w.slice(0, -suffix.length) + replacement;
    // "ss", "us", "is" endings are not plurals (address, status, this); -xes, -ches take -es.
    if (suffix === 's' && /(ss|us|is)$/.test(w)) break;
    if (suffix === 's' && /(x|ch|sh|z)es$/.test(w)) {
      w = w.slice(0, -2);
      break;
    }
    if (stem.length >= 3) w = stem;
    break;
  }
  if (w.length > 4 && /[ye]$/.test(w)) w = w.slice(0, -1);
  return undouble(w);
}

export function stem(word: string, lang: 'fi' | 'en'): string {
  return lang === 'fi' ? stemFi(word) : stemEn(word);
}
