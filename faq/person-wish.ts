// The wish to reach a person instead of the bot: "can I talk to a human", "connect me to customer
// service", "haluan asiakaspalveluun", "en halua jutella botin kanssa". Told apart from questions
// ABOUT a person or customer service ("asiakaspalvelun aukioloajat", "customer service phone
// number", "miten saan yhteyden asiakaspalveluun"): those the FAQ answers.
//
// Tokens are folded (ä→a, ö→o) and lower-case, as `tokenize` gives them.

// A person to talk to. Finnish in their case forms, not as the first part of a compound
// (henkilötiedot is personal data, henkilökohtainen personal); English whole words ("personal
// trainer" is not a person to talk to). Every case form, singular and plural: an illative missed
// ("yhdistä myyjään", "agenttiin") is a wish left to the FAQ.
const PERSON_FI = [
  /^ihmi(nen|s|s[aei]\p{L}{0,4}|st[ae]\p{L}{0,2})$/u,
  /^asiakaspalvelij\p{L}{0,5}$/u,
  /^virkailij\p{L}{0,5}$/u,
  /^myyj(a(n|a|an|lle|lta|lla|na|ksi|t)?|i(a|en|in|lle|lta|lla|na))$/u,
  /^agent(ti(a|in|na)?|i(n|lle|lta|lla|ksi|t)|tien|teja|teihin|eille|eilta)$/u,
  /^henkilo(a|n|lle|lta|lla|na|on|t|ita|iden|ihin|ille|ilta|ksi)?$/u,
];
// Someone, as "haluan puhua jonkun kanssa" / "jollekin" says it.
const PERSON_EN = new Set(['human', 'humans', 'person', 'agent', 'representative', 'rep', 'operator', 'someone', 'somebody', 'jonkun', 'jollekin']);
// Customer service as somewhere to be put through to: Finnish in any case form, spoken ones too
// (asiakaspalveluu), but not in a compound (asiakaspalvelunumero is a phone number).
const SERVICE_FI = /^asiakas(palvelu(u?n|u|a|lle|lta|lla|sta|ssa|ksi|nne|si)?|tuki|tuen|tukeen|tukea|tuelle|tuesta)$/;
// English: "customer service", "customer support", "customer care"; "support" alone only with a
// verb of talking ("talk to support"; "i need support" may be about a product).
const SERVICE_EN = new Set(['service', 'services', 'support', 'care']);
// The chat bot in its Finnish case forms and in English, not words that begin alike (bottle,
// bottom), nor a robot: "robotti-imuri ei lataudu" is about a robot vacuum.
const BOT = /^(chat)?bot(s|ti|tia|in|ille|ilta|illa|issa|ista|it|teja|tien)?$/;
const NOT = new Set(['en', 'ei', 'enka', 'emme', 'no', 'not', 'dont', 'doesnt', 'didnt', 'never', 'without', 'ilman']);

// Verbs of talking: with a person, a wish whatever else the message says ("can I talk to a
// human about my order"); with customer service only in a bare wish ("does customer service speak
// swedish" asks the FAQ). Not a talk reported ("I talked", "puhuin") nor asked about ("puhuuko").
const TALK = /^(puhu|jutel|juttel|keskust|talk|speak|chat)/;
const PAST = /^(talked|spoke|spoken|chatted|puhuin|puhuimme|puhuttiin|puhunut|juttelin|keskustelin)$|ko$/;
const talks = (t: string) => TALK.test(t) && !PAST.test(t);
// Contacting asks for a person only in a bare wish ("haluan ottaa yhteyttä myyjään"; not "will
// someone contact me when my order ships"), and never for customer service: "how do I contact
// customer service" asks for the phone number.
const CONTACT = /^(yhteyt|yhteys$|contact)/;
// Verbs of being put through: "yhdistä/yhdistäkää", "siirrä minut", "ohjaa mut", "connect me",
// "transfer me" ("put me through" is two words, see `putThrough`).
const CONNECT = /^(yhdist|siirra|siirtak|ohjaa|ohjatk|connect|transfer|forward|redirect)/;
// Verbs of wanting and needing, standard and spoken: haluan, haluaisin, haluun, haluisin, tahdon,
// tarvitsen, tarviin, want, wanna, need ("I'd like" is two words, see `wants`).
const WANT = /^(halua|haluu|haluis|tahdo|tahtois|tarvi|tartte|want|wanna|need)/;
// Words a bare wish may have around its person or customer service and its verb; any other word
// makes it a question about them ("haluan asiakaspalvelun puhelinnumeron", "I need the customer
// service email").
const PLAIN = new Set(
  (
    'i me my a an the to with now right away asap immediately just please pls plz can could would you id like some real live actual ' +
    'help get let talk speak ok thanks ota ottaa ' +
    'mina ma mun mut minut minua mulle minulle nyt heti kiitos kiitti pliis vaan vain oikea oikean oikeaa oikeen jonkun joku ' +
    'jollekin kanssa kaa teidan teille sinne paasta saada voisinko voinko voiko'
  ).split(' '),
);
// Question words: "how do I talk to customer service" asks how, for the FAQ to answer. Not for a
// person: "how can I talk to a human" has always gone to one.
const QUESTION = new Set('how where when what whats which why miten mites kuinka missa mista mihin milloin mika mita mitka milla minka paljonko'.split(' '));

const isPerson = (t: string) => PERSON_EN.has(t) || PERSON_FI.some((p) => p.test(t));

/** Indexes of the words naming customer service ("customer service" is two). */
function serviceWords(tokens: string[]): Set<number> {
  const at = new Set<number>();
  tokens.forEach((t, i) => {
    if (SERVICE_FI.test(t)) at.add(i);
    if (t === 'customer' && SERVICE_EN.has(tokens[i + 1] ?? '')) at.add(i).add(i + 1);
    if (t === 'support' && tokens.some(talks)) at.add(i);
  });
  return at;
}

const wants = (tokens: string[], i: number) => WANT.test(tokens[i]!) || (tokens[i] === 'like' && (tokens[i - 1] === 'id' || tokens[i - 1] === 'would'));
const politeOnly = new Set('please pls plz pliis kiitos kiitti now nyt heti asap'.split(' '));
/** A verb the visitor asks with: wanting, talking, being put through. */
const asks = (tokens: string[], i: number) => wants(tokens, i) || talks(tokens[i]!) || CONNECT.test(tokens[i]!) || tokens[i] === 'put' || tokens[i] === 'through';
/** "en halua", "I don't need": some verb of asking refused (of the bot, that is a wish). */
const refusesAny = (tokens: string[]) => tokens.some((t, i) => NOT.has(t) && i + 1 < tokens.length && asks(tokens, i + 1));
/**
 * The last verb of asking refused, with the verbs chained to it ("I don't want to talk to a
 * person, just tell me …", "ei tarvitse yhdistää asiakaspalveluun"); not "en halua odottaa,
 * yhdistä asiakaspalveluun", where the refusal is of waiting.
 */
function refused(tokens: string[]): boolean {
  let j = tokens.length;
  while (--j >= 0 && !asks(tokens, j));
  while (j > 0 && (asks(tokens, j - 1) || tokens[j - 1] === 'to')) j--;
  return j > 0 && NOT.has(tokens[j - 1]!);
}

/**
 * A bare wish: nothing but the person or customer service (`target`), plain words and at least
 * one of asking, getting or please ("I need a human", "get me a human", "customer service please", "yhdistä
 * asiakaspalveluun", "haluun asiakaspalveluu nyt"); not "customer service" alone, which may be a
 * search for the contact entry. Any other word makes it a question about them ("can I talk to
 * customer service in english", "siirrä tilaus toiselle henkilölle"). Contacting asks only for a
 * person (`contact`).
 */
function bareWish(tokens: string[], target: (i: number) => boolean, contact: boolean): boolean {
  let asked = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (target(i)) continue;
    if (asks(tokens, i) || politeOnly.has(t) || t === 'get' || (contact && CONTACT.test(t))) asked = true;
    else if (!PLAIN.has(t)) return false;
  }
  return asked;
}

/** Whether the message asks for a person (or customer service) rather than asking the FAQ. */
export function wantsPerson(tokens: string[]): boolean {
  // The bot refused: "en halua jutella botin kanssa", "no bot", "ei bottia", "I don't want a bot";
  // not "the bot did not answer my question", which the FAQ may yet answer.
  if (tokens.some((t) => BOT.test(t)) && (refusesAny(tokens) || tokens.some((t, i) => NOT.has(t) && BOT.test(tokens[i + 1] ?? '')))) return true;
  // "ei tarvitse yhdistää asiakaspalveluun", "I don't want to talk to a person, just tell me …".
  if (refused(tokens)) return false;

  const person = tokens.map(isPerson);
  if (person.some(Boolean)) {
    // A person word alone ("ihminen kiitos") or with a verb of talking is a wish for a person;
    // "someone who can assemble my wardrobe" is not (no talk verb, and long).
    if (tokens.some(talks) || tokens.length <= 3) return true;
    if (bareWish(tokens, (i) => person[i]!, true)) return true;
  }

  const service = serviceWords(tokens);
  if (service.size > 0) {
    if (tokens.some((t) => QUESTION.has(t))) return false;
    if (bareWish(tokens, (i) => service.has(i), false)) return true;
  }
  return false;
}
