// Guessing a message's language: the CLI's, where nothing else says it; the widget's, where the
// page's language is the guess until the message says clearly otherwise (an English visitor on
// a Finnish page). Function words and Finnish letters are telling even in two-word messages.
import { tokenize } from './text';

// Ties go to Finnish: most visitors are Finnish.
const FI_HINTS = new Set(
  'ja on ei en se ne mä mun sä sun onko onks voiko voiks miten mitä mikä missä mistä mihin kuinka paljonko kauanko milloin minä minun teillä teidän saako voinko haluan haluun kiitos moi hei et ku'.split(' '),
);
const EN_HINTS = new Set(
  'the a an and is are do does can could i my you your what where when how which will would to of for it please thanks hi hello'.split(' '),
);

/**
 * How much more the message must look like the other language than the page's: a word of it
 * ("my", "onko") and a little more, so that a loanword or a product name ("ipad akku",
 * "refund") does not switch a Finnish visitor to English.
 */
const SWITCH = 1;

/** The message's language; ties, and without `page` anything short of clear, go to `page` (else Finnish). */
export function detectLang(query: string, page?: 'fi' | 'en'): 'fi' | 'en' {
  const lower = query.toLowerCase();
  const words = lower.split(/[^\p{L}]+/u).filter(Boolean);
  let fi = /[äö]/.test(lower) ? 2 : 0;
  let en = 0;
  for (const w of words) {
    if (FI_HINTS.has(w)) fi++;
    if (EN_HINTS.has(w)) en++;
    // Finnish inflection: case endings, the question clitic and vowel pairs English rarely has.
    if (/(ssa|ssä|sta|stä|lla|llä|lta|lle|ksi|sen|tta|aa|ää|ii|uu|yy|ko|kö|ks)$/.test(w)) fi += 0.5;
    // Native Finnish words end in a vowel, n, t, s, l or r, and rarely use b, c, f, g, q, w, x, z.
    else if (/[bcdfghkmpvwxz]$/.test(w) || /[bcfgqwxz]/.test(w)) en += 0.5;
  }
  if (tokenize(query).length === 0) return page ?? 'fi';
  if (page) return (page === 'fi' ? en - fi : fi - en) >= SWITCH ? (page === 'fi' ? 'en' : 'fi') : page;
  return en > fi ? 'en' : 'fi';
}
