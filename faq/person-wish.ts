// The wish to reach a person instead of the bot: "can I talk to a human", "connect me to customer
// service", "haluan asiakaspalveluun", "en halua jutella botin kanssa". Told apart from questions
// ABOUT a person or customer service ("asiakaspalvelun aukioloajat", "customer service phone
// number", "miten saan yhteyden asiakaspalveluun"): those the FAQ answers.
//
// Words are folded (ä→a, ö→o) and lower-case, as `tokenize` gives them.
import { tokenize } from './text';

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
const PERSON_EN = new Set(['human', 'humans', 'person', 'agent', 'representative', 'rep', 'operator', 'someone', 'somebody', 'jonkun', 'jonku', 'jollekin']);
// Customer service as somewhere to be put through to: Finnish in any case form, spoken ones too
// (asiakaspalveluu), but not in a compound (asiakaspalvelunumero is a phone number).
const SERVICE_FI = /^asiakas(palvelu(u?n|u|a|lle|lta|lla|sta|ssa|ksi|nne|si)?|tuki|tuen|tukeen|tukea|tuelle|tuesta)$/;
// English: "customer service", "customer support", "customer care"; "support" alone only with a
// verb of talking or of putting through ("talk to support", "connect me to support"; "i need support"
// may be about a product).
const SERVICE_EN = new Set(['service', 'services', 'support', 'care']);
// The chat bot in its Finnish case forms and in English, not words that begin alike (bottle,
// bottom), nor a robot: "robotti-imuri ei lataudu" is about a robot vacuum.
const BOT = /^(chat)?bot(s|ti|tia|in|ille|ilta|illa|issa|ista|it|teja|tien)?$/;
const NOT = new Set(['en', 'ei', 'enka', 'emme', 'no', 'not', 'dont', 'doesnt', 'didnt', 'never', 'without', 'ilman']);

// Verbs of talking, as a visitor asks to: with a person, a wish whatever else the message says
// ("can I talk to a human about my order"); with customer service only in a bare wish ("does
// customer service speak swedish" asks the FAQ). Whole verb forms: not a talk reported ("I
// talked", "puhuin"), asked about ("puhuuko"), or said of someone ("myyjiä jotka puhuu
// englantia"), nor a word that begins alike (keskusta, speakers, chatissa: "chat" is a noun unless
// with or to follows).
const TALK = /^(puhu(a|maan|isin|is|n)|jut?tel(la|emaan|isin|is)|keskustel(la|emaan|isin|is)|talk|talking|speak|speaking)$/;
const talks = (t: string, next?: string, before?: string) =>
  TALK.test(t) || ((t === 'chat' || t === 'chatting') && (next === 'with' || next === 'to')) || (t === 'puhuu' && !!before && (WANT.test(before) || CAN.test(before)));
// Spoken Finnish says the infinitive as "puhuu": "haluun puhuu", "voisinks puhuu", "pääsisinkö puhuu".
const CAN = /^(voi|saa|paas)/;
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
    'jollekin kanssa kaa teidan teille sinne paasta saada voisinko voinko voiko voitteko voisitteko voisiko saanko saisinko saisko saako anna antakaa oikee onko siella hi hello hey hei moi'
  ).split(' '),
);
/**
 * Asking where or when: "is there a phone number where I can talk to a person" wants the contact
 * entry. Not how: "how can I talk to a human" has always gone to one ("how do I talk to customer
 * service" is no bare wish, and so the FAQ's).
 */
const WHERE_WHEN = new Set('where when what whats which missa mista mihin milloin mika mita mitka'.split(' '));

const isPerson = (t: string) => PERSON_EN.has(t) || PERSON_FI.some((p) => p.test(t));

/** Indexes of the words naming customer service ("customer service" is two). */
function serviceWords(tokens: string[]): Set<number> {
  const at = new Set<number>();
  tokens.forEach((t, i) => {
    if (SERVICE_FI.test(t)) at.add(i);
    if (t === 'customer' && SERVICE_EN.has(tokens[i + 1] ?? '')) at.add(i).add(i + 1);
    if (t === 'support' && tokens.some((u, j) => talks(u, tokens[j + 1], tokens[j - 1]) || CONNECT.test(u))) at.add(i);
  });
  return at;
}

const wants = (tokens: string[], i: number) => WANT.test(tokens[i]!) || (tokens[i] === 'like' && (tokens[i - 1] === 'id' || tokens[i - 1] === 'would'));
const politeOnly = new Set('please pls plz pliis kiitos kiitti now nyt heti asap'.split(' '));
/** A verb the visitor asks with: wanting, talking, being put through. */
const asks = (tokens: string[], i: number) => wants(tokens, i) || talks(tokens[i]!, tokens[i + 1], tokens[i - 1]) || CONNECT.test(tokens[i]!) || tokens[i] === 'put' || tokens[i] === 'through';
/** Words that may stand beside the person or customer service in a bare wish. */
const beside = (tokens: string[], i: number, contact: boolean) => asks(tokens, i) || politeOnly.has(tokens[i]!) || tokens[i] === 'get' || (contact && CONTACT.test(tokens[i]!));
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
function bareWish(tokens: string[], target: (i: number) => boolean, contact: boolean, asking = true): boolean {
  let asked = !asking;
  for (let i = 0; i < tokens.length; i++) {
    if (target(i)) continue;
    if (beside(tokens, i, contact)) asked = true;
    else if (!PLAIN.has(tokens[i]!)) return false;
  }
  return asked && !refused(tokens);
}

/** "connect me", "siirrä minut", "ohjaa mut": being put through, said of oneself. */
const putsMeThrough = (tokens: string[]) => tokens.some((t, i) => CONNECT.test(t) && ME.has(tokens[i + 1] ?? ''));
const ME = new Set(['me', 'us', 'minut', 'mut', 'meidat']);

/**
 * The message's clauses, each as tokens: a wish may come after a story ("tilaus on myöhässä,
 * yhdistä ihmiselle") or before one ("transfer me to a human, my sofa arrived broken").
 */
function clausesOf(query: string): string[][] {
  return query
    // Not at spoken "mut": it is "me" as often as "but" ("yhdistä mut asiakaspalveluun").
    .split(/[.!?;,:]+|\s(?:ja|mutta|koska|and|but|because|so)\s/iu)
    .map(tokenize)
    .filter((c) => c.length > 0);
}

/** Whether the message asks for a person (or customer service) rather than asking the FAQ. */
export function wantsPerson(query: string): boolean {
  const tokens = tokenize(query);
  // The bot refused: "en halua jutella botin kanssa", "no bot", "ei bottia", "I don't want a bot";
  // not "the bot did not answer my question", which the FAQ may yet answer.
  if (tokens.some((t) => BOT.test(t)) && (refusesAny(tokens) || tokens.some((t, i) => NOT.has(t) && BOT.test(tokens[i + 1] ?? '')))) return true;
  const clauses = clausesOf(query);
  // A clause that is nothing but the wish, or puts the visitor through: "yhdistä ihmiselle",
  // "human please", "connect me to an agent about order 4711"; not "ei tarvitse yhdistää
  // asiakaspalveluun" (refused), "agent phone number", "myyjän sähköposti" (about them).
  for (const clause of clauses) {
    const person = clause.map(isPerson);
    const service = serviceWords(clause);
    const named = (i: number) => person[i]! || service.has(i);
    if (!clause.some((_, i) => named(i))) continue;
    if (putsMeThrough(clause) && !refused(clause)) return true;
    // Alone or with "please", a person is asked for ("ihminen", "real person please"); customer
    // service alone may be a search for its contact details.
    if (person.some(Boolean) && bareWish(clause, named, true, false)) return true;
    if (bareWish(clause, named, person.some(Boolean))) return true;
  }
  // A person with a verb of talking, whatever else is said ("can I talk to a human about my
  // order"), unless it asks where or when ("is there a phone number where I can talk to a person":
  // the contact entry's) or the talking is refused.
  if (tokens.some(isPerson) && tokens.some((t, i) => talks(t, tokens[i + 1], tokens[i - 1])) && !tokens.some((t) => WHERE_WHEN.has(t)) && !refused(tokens)) return true;
  return false;
}
