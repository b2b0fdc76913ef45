// Guessing a message's language: the CLI's, where nothing else says it; the widget's, where the
// page's language is the guess until the message says clearly otherwise (an English visitor on
// a Finnish page). Function words and Finnish letters are telling even in two-word messages.
import { fold, tokenize } from './text';

// Function words, folded (a visitor without umlauts writes "mita"); none that is a Finnish word
// too ("me" is "we", spoken "no" is "well"). Ties go to Finnish: most visitors are Finnish.
const FI_HINTS = new Set(
  fold(
    'ja on ei en se ne mä mun sä sun onko onks voiko voiks miten mitä mikä missä mistä mihin kuinka paljonko kauanko kauan milloin miks miksi minä minun minulla mulla minulle mulle teillä teidän teiltä saako saanko voinko voitteko haluan haluun kiitos moi hei et ku kun jos että tai mutta vai myös vielä jo olen oon oli ole oo tää tämä sitä niin',
  ).split(' '),
);
const EN_HINTS = new Set(
  'the a an and is are was were be has have had not do does did can could i my you your what where when why who how which will would to of for from with in at it this that there any much many please thanks hi hello'.split(' '),
);

/**
 * Function words of the other language the message must have, more than of the page's, to be
 * answered in it: "where is my order" (3) on a Finnish page, not "click and collect nouto" (1),
 * nor a place ("jyväskylä store hours") or a product name, which have none.
 */
const SWITCH = 2;

/** The message's language; ties, and without `page` anything short of clear, go to `page` (else Finnish). */
export function detectLang(query: string, page?: 'fi' | 'en'): 'fi' | 'en' {
  const words = tokenize(query);
  if (words.length === 0) return page ?? 'fi';
  let fiWords = 0;
  let enWords = 0;
  for (const w of words) {
    if (FI_HINTS.has(w)) fiWords++;
    if (EN_HINTS.has(w)) enWords++;
  }
  if (page) return (page === 'fi' ? enWords - fiWords : fiWords - enWords) >= SWITCH ? (page === 'fi' ? 'en' : 'fi') : page;
  // Nothing else to go by: letters and endings count too.
  const lower = query.toLowerCase();
  let fi = fiWords + (/[äö]/.test(lower) ? 2 : 0);
  let en = enWords;
  for (const w of lower.split(/[^\p{L}]+/u)) {
    if (!w) continue;
    // Finnish inflection: case endings, the question clitic and vowel pairs English rarely has.
    if (/(ssa|ssä|sta|stä|lla|llä|lta|lle|ksi|sen|tta|aa|ää|ii|uu|yy|ko|kö|ks)$/.test(w)) fi += 0.5;
    // Native Finnish words end in a vowel, n, t, s, l or r, and rarely use b, c, f, g, q, w, x, z.
    else if (/[bcdfghkmpvwxz]$/.test(w) || /[bcfgqwxz]/.test(w)) en += 0.5;
  }
  return en > fi ? 'en' : 'fi';
}
