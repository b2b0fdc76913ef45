// Small talk and the wish for a person, recognised before any FAQ matching: a greeting gets a
// friendly reply, not the "contact" entry; "can I talk to a human" goes to an agent.
import type { FaqIntent } from './types';
import { tokenize } from './text';

const GREETING = new Set(
  'moi moikka moro hei heippa hi hello hey terve tervehdys huomenta paivaa iltaa hyvaa good morning evening afternoon'.split(' '),
);
const THANKS = new Set('kiitos kiitti kiitoksia kitos thanks thank thx ty cheers bye goodbye nakemiin moikka heippa'.split(' '));
// Words that may accompany a greeting or thanks without making it a question.
const FILLER = new Set('vaan vain paljon tosi oikein sulle teille you so much very a lot and ja :) kaikille all'.split(' '));
// Words naming a person to talk to: Finnish ones as prefixes of folded tokens (they inflect),
// English ones whole ("personal trainer" is not a person to talk to).
const PERSON_FI = ['ihmi', 'asiakaspalvelija', 'myyja', 'agentti', 'agentin', 'henkilo', 'virkailija'];
const PERSON_EN = new Set(['human', 'humans', 'person', 'agent', 'representative', 'operator', 'someone']);
/** Words a thank-you may have ("thanks for the quick help"). */
const MAX_THANKS_WORDS = 5;
const TALK = /^(puhu|jutel|keskust|yhteyt|talk|speak|chat|connect|transfer)/;

export function detectIntent(query: string): FaqIntent | undefined {
  const tokens = tokenize(query);
  if (tokens.length === 0) return undefined;
  const person = tokens.some((t) => PERSON_EN.has(t) || PERSON_FI.some((p) => t.startsWith(p)));
  // A person word alone ("ihminen kiitos") or with a verb of talking is a wish for a person;
  // "someone who can assemble my wardrobe" is not (no talk verb, and long).
  if (person && (tokens.some((t) => TALK.test(t)) || tokens.length <= 3)) return 'handoff';
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
