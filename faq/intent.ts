// Small talk and the wish for a person, recognised before any FAQ matching: a greeting gets a
// friendly reply, not the "contact" entry; "can I talk to a human" goes to an agent.
import type { FaqIntent } from './types';
import { wantsPerson } from './person-wish';
import { tokenize } from './text';

const GREETING = new Set(
  'moi moikka moro hei heippa hi hello hey terve tervehdys huomenta paivaa iltaa hyvaa good morning evening afternoon'.split(' '),
);
const THANKS = new Set('kiitos kiitti kiitoksia kitos thanks thank thx ty cheers bye goodbye nakemiin moikka heippa'.split(' '));
// Words that may accompany a greeting or thanks without making it a question.
const FILLER = new Set('vaan vain paljon tosi oikein sulle teille you so much very a lot and ja :) kaikille all'.split(' '));
/** Words a thank-you may have ("thanks for the quick help"). */
const MAX_THANKS_WORDS = 5;

export function detectIntent(query: string): FaqIntent | undefined {
  const tokens = tokenize(query);
  if (tokens.length === 0) return undefined;
  if (wantsPerson(query)) return 'handoff';
  const rest = tokens.filter((t) => !FILLER.has(t));
  if (rest.length > 0 && rest.every((t) => THANKS.has(t) || GREETING.has(t))) {
    return rest.some((t) => THANKS.has(t) && !GREETING.has(t)) ? 'thanks' : 'greeting';
  }
  // "kiitos avusta", "thanks for the help": a short message opening with thanks, asking nothing.
  if (THANKS.has(tokens[0]!) && !GREETING.has(tokens[0]!) && tokens.length <= MAX_THANKS_WORDS && !query.includes('?')) {
    return 'thanks';
  }
  return undefined;
}
