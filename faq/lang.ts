// Guessing a message's language when the caller does not know it (the CLI; the widget passes
// its UI language). Function words and Finnish letters are telling even in two-word messages.
import { tokenize } from './text';

const FI_HINTS = new Set(
  'ja on ei en se ne mä mun sä sun onko onks voiko voiks miten mitä mikä missä mistä mihin kuinka paljonko kauanko milloin minä minun teillä teidän saako voinko haluan haluun kiitos moi hei et ku'.split(' '),
);
const EN_HINTS = new Set(
  'the a an and is are do does can could i my you your what where when how which will would to of for it please thanks hi hello'.split(' '),
);

export function detectLang(query: string): 'fi' | 'en' {
  const lower = query.toLowerCase();
  const words = lower.split(/[^\p{L}]+/u).filter(Boolean);
  let fi = /[äö]/.test(lower) ? 2 : 0;
  let en = 0;
  for (const w of words) {
    if (FI_HINTS.has(w)) fi++;
    if (EN_HINTS.has(w)) en++;
    // Finnish inflection: case endings and vowel pairs English rarely has.
    if (/(ssa|ssä|sta|stä|lla|llä|lta|lle|ksi|sen|tta|aa|ää|ii|uu|yy)$/.test(w)) fi += 0.5;
  }
  if (tokenize(query).length === 0) return 'fi';
  return en > fi ? 'en' : 'fi';
}
