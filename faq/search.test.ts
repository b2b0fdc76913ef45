import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFaqBundle, createFaqSearch, searchFromBundle, type FaqEntry } from './index';

// A small bike shop FAQ: the search must work for words it has never been tuned on.
const FAQ: FaqEntry[] = [
  { id: 'delivery-time-fi', lang: 'fi', question: 'Kuinka kauan toimitus kestää?', answer: 'Pyörät toimitetaan 3–5 arkipäivässä.', keywords: ['toimitusaika'] },
  { id: 'delivery-time-en', lang: 'en', question: 'How long does delivery take?', answer: 'Bikes are delivered in 3–5 working days.', keywords: ['delivery time'] },
  { id: 'service-fi', lang: 'fi', question: 'Huollatteko polkupyöriä?', answer: 'Huoltokorjaamomme huoltaa kaikki merkit. Varaa aika verkossa.', keywords: ['huolto', 'korjaus'] },
  { id: 'service-en', lang: 'en', question: 'Do you service bicycles?', answer: 'Our workshop services all brands. Book a time online.', keywords: ['repair', 'maintenance'] },
  { id: 'returns-fi', lang: 'fi', question: 'Voinko palauttaa tuotteen?', answer: 'Käyttämättömillä tuotteilla on 14 päivän palautusoikeus.', keywords: ['palautus'] },
  { id: 'returns-en', lang: 'en', question: 'Can I return a product?', answer: 'Unused products can be returned within 14 days.', keywords: ['return'] },
  { id: 'hours-fi', lang: 'fi', question: 'Milloin myymälä on auki?', answer: 'Myymälä on auki arkisin 10–18.', keywords: ['aukioloajat'] },
  { id: 'hours-en', lang: 'en', question: 'When is the store open?', answer: 'The store is open on weekdays 10–18.', keywords: ['opening hours'] },
];
const faq = createFaqSearch(FAQ);
const top = (q: string, lang?: 'fi' | 'en') => faq.search(q, lang).results[0]?.entry.id;

describe('FAQ search', () => {
  it.each([
    ['toimituksen kesto', 'delivery-time-fi'],
    ['toimitusta', 'delivery-time-fi'],
    ['toimitus aika', 'delivery-time-fi'],
    ['palautusoikeus', 'returns-fi'],
    ['palautuksen', 'returns-fi'],
    ['myymalan aukiolo', 'hours-fi'],
    ['onks myymälä auki', 'hours-fi'],
    ['voiks mun pyörän huoltaa teillä', 'service-fi'],
    ['huoltokorjaamo', 'service-fi'],
    ['korjaamon aukioloajat', 'hours-fi'],
    ['palatusoikeus', 'returns-fi'],
    ['how long is delivery', 'delivery-time-en'],
    ['returning products', 'returns-en'],
    ['voiko bikes palauttaa', 'returns-fi'],
  ])('finds %s → %s', (q, id) => {
    expect(top(q, id.endsWith('-fi') ? 'fi' : 'en')).toBe(id);
  });

  it('refuses options out of range given in code, as on the command line: NaN would turn into null in the widget', () => {
    expect(() => buildFaqBundle(FAQ, { answerThreshold: NaN })).toThrow('FAQ option answerThreshold must be a number from 0 to 1, got "NaN"');
    expect(() => createFaqSearch(FAQ, { maxResults: 0 })).toThrow('FAQ option maxResults must be a whole number from 1 to 10');
  });

  it("answers in the page's language, unless the message is clearly in the other one", () => {
    // A word or a product name is the page's: a Finnish visitor who writes "delivery" or "ipad".
    expect(top('delivery', 'fi')).toBe('delivery-time-fi');
    expect(top('toimitus', 'en')).toBe('delivery-time-en');
    // An English visitor on the Finnish page, a Finnish one on the English page: their own.
    expect(top('how long does the delivery take', 'fi')).toBe('delivery-time-en');
    expect(top('where is my delivery', 'fi')).toBe('delivery-time-en');
    const r = faq.search('kuinka kauan toimitus kestää', 'en');
    expect(r.decision).toBe('answer');
    expect(r.results[0]?.entry.id).toBe('delivery-time-fi');
    expect(r.results[0]?.score).toBeGreaterThan(0);
    expect(r.results[0]?.score).toBeLessThanOrEqual(1);
  });

  it("scores the best entry with the probability that it is right, which answerThreshold compares", () => {
    const p = faq.search('kuinka kauan toimitus kestää', 'fi').results[0]!.score;
    expect(createFaqSearch(FAQ, { answerThreshold: p - 0.001 }).search('kuinka kauan toimitus kestää', 'fi').decision).toBe('answer');
    expect(createFaqSearch(FAQ, { answerThreshold: p + 0.01 }).search('kuinka kauan toimitus kestää', 'fi').decision).toBe('suggest');
  });

  it('explains the evidence behind a decision', () => {
    const { evidence } = faq.explain('kuinka kauan toimitus kestää wombatille', 'fi');
    expect(evidence).toMatchObject({ words: 3, story: 0, rival: 0 });
    expect(evidence!.unknown).toBeGreaterThan(0.1);
    expect(faq.explain('asdfghjk', 'fi').evidence).toBeUndefined();
  });

  it('detects the language when none is given', () => {
    expect(top('when is the store open')).toBe('hours-en');
    expect(top('milloin myymälä on auki')).toBe('hours-fi');
    expect(top('opening hours')).toBe('hours-en');
    expect(top('aukioloajat')).toBe('hours-fi');
  });

  it('suggests rather than answers when two topics fit equally', () => {
    const tie = createFaqSearch([
      { id: 'gift-price-fi', lang: 'fi', question: 'Mitä lahjakortti maksaa?', answer: 'Valitset summan itse.' },
      { id: 'gift-use-fi', lang: 'fi', question: 'Missä lahjakortti käy?', answer: 'Kaikissa myymälöissä.' },
    ]);
    const r = tie.search('lahjakortti', 'fi');
    expect(r.decision).toBe('suggest');
    expect(r.results.map((h) => h.entry.id).sort()).toEqual(['gift-price-fi', 'gift-use-fi']);
  });

  it('does not split an everyday word into FAQ words', () => {
    const faq2 = createFaqSearch([
      { id: 'card-fi', lang: 'fi', question: 'Kortti hävisi?', answer: 'Lukitse kortti, ettei kukaan muu käytä sitä. Saat uuden kortin.' },
      { id: 'new-fi', lang: 'fi', question: 'Onko uusi malli tulossa?', answer: 'Uusi malli tulee keväällä.' },
    ]);
    expect(faq2.search('kuukausi', 'fi').decision).toBe('none');
  });

  it('answers although another entry mentions a word of the message in passing', () => {
    // "pyörä" is only in the delivery entry's answer ("Pyörät toimitetaan…"): weak evidence for
    // delivery, so weak evidence against returns too.
    const r = faq.search('miten palautan käyttämättömän pyörän', 'fi');
    expect(r.decision).toBe('answer');
    expect(r.results[0]?.entry.id).toBe('returns-fi');
  });

  it('does not settle a complaint about the visitor\'s own case with an entry', () => {
    expect(faq.search('huollatteko polkupyöriä', 'fi').decision).toBe('answer');
    const complaint = faq.search('veloititte huollosta kahdesti, huollatteko polkupyöriä', 'fi');
    expect(complaint.decision).toBe('suggest');
    expect(complaint.results[0]?.entry.id).toBe('service-fi');
  });

  it('does not settle a message quoting an order number with an entry', () => {
    expect(faq.search('kauanko toimitus kestää', 'fi').decision).toBe('answer');
    const own = faq.search('tilaus 2024117 on kesken, kauanko toimitus kestää', 'fi');
    expect(own.decision).toBe('suggest');
    expect(own.results[0]?.entry.id).toBe('delivery-time-fi');
    // A price or a year is no reference number.
    expect(faq.search('kauanko toimitus kestää vuonna 2025', 'fi').decision).toBe('answer');
  });

  it('doubts a match less for a short unknown word (a spoken particle) than for a long one', () => {
    const score = (q: string) => faq.search(q, 'fi').results[0]?.score ?? 0;
    expect(score('voinko palauttaa pyörän ite')).toBeGreaterThan(score('voinko palauttaa pyörän kanootilla'));
  });

  it('suggests when a runner-up explains enough of the message, though the best-ranked does not', () => {
    // From a blind test set: the bank entry ranks first on words of its answer, but the
    // cancellation entry explains more of the message; both are worth offering.
    const saas = createFaqSearch(JSON.parse(readFileSync(new URL('./fixtures/saas.json', import.meta.url), 'utf8')) as FaqEntry[]);
    const r = saas.search('pankin tiedot lakkas päivittymästä johonki puoli vuotta sitte, pitääks jotain uusia?', 'fi');
    expect(r.decision).toBe('suggest');
    expect(r.results.map((h) => h.entry.id)).toContain('bank-fi');
  });

  it('does not answer when the head of a compound is unknown', () => {
    // "pyöräilykypärä" is a helmet: knowing "pyörä" does not make it the service entry.
    expect(faq.search('huollatteko pyöräilykypäriä', 'fi').decision).not.toBe('answer');
  });

  it('answers a question after a story', () => {
    const r = faq.search('hei! ostin teiltä keväällä maastopyörän, kuinka kauan toimitus kestää', 'fi');
    expect(r.results[0]?.entry.id).toBe('delivery-time-fi');
  });

  it('judges a question after a long story by the question', () => {
    const story = 'moi, ostin teiltä viime kesänä maastopyörän ja nyt vaihteet natisee ja ketju hyppii';
    const asked = faq.search(`${story}, voiko sen tuoda huoltoon?`, 'fi');
    expect(asked.decision).toBe('answer');
    expect(asked.results[0]?.entry.id).toBe('service-fi');
    // Without the question part the story's unknown words would leave it a mere suggestion.
    const whole = createFaqSearch(FAQ, { questionWeight: 0 }).search(`${story}, voiko sen tuoda huoltoon?`, 'fi');
    expect(whole.decision).toBe('suggest');
    // A question the FAQ cannot answer stays unanswered however familiar the story.
    expect(faq.search('ostin teiltä pyörän, myyttekö lemmikkien ruokaa?', 'fi').decision).not.toBe('answer');
  });

  it('does not answer a complaint that asks nothing, whatever word it shares with an entry', () => {
    // No clause asks, so no clause may vouch for the service entry, and the unknown words of the
    // whole statement (valitus, tyly) weigh fully: it is about them.
    expect(faq.search('tein valituksen, myyjä oli tyly ja mun huolto viime viikolla', 'fi').decision).not.toBe('answer');
    expect(faq.search('haluun tehdä valituksen, myyjä oli tosi tyly mulle ja mun pyörälle viime viikolla', 'fi').decision).not.toBe('answer');
    // The same story before a real question still gets its answer.
    expect(faq.search('ostin pyörän, huolto viime viikolla, milloin myymälä on auki', 'fi').decision).toBe('answer');
  });

  it('counts an everyday word where the FAQ uses it', () => {
    // "days" is noise in most messages, but this FAQ's delivery answer is about working days.
    expect(top('days', 'en')).toBe('delivery-time-en');
  });

  it('says none to gibberish and to topics the FAQ does not have', () => {
    expect(faq.search('asdfghjk', 'fi').decision).toBe('none');
    expect(faq.search('myyttekö lemmikkien ruokaa', 'fi').decision).not.toBe('answer');
  });

  it('recognises greetings, thanks and the wish for a person', () => {
    expect(faq.search('moi', 'fi')).toEqual({ decision: 'none', intent: 'greeting', results: [] });
    expect(faq.search('kiitos paljon!', 'fi')).toMatchObject({ decision: 'none', intent: 'thanks' });
    expect(faq.search('thanks for the help', 'en')).toMatchObject({ decision: 'none', intent: 'thanks' });
    expect(faq.search('kiitos, mutta milloin myymälä on auki?', 'fi').intent).toBeUndefined();
    expect(faq.search('haluan puhua ihmisen kanssa', 'fi')).toMatchObject({ decision: 'none', intent: 'handoff' });
    expect(faq.search('can I talk to a human', 'en')).toMatchObject({ decision: 'none', intent: 'handoff' });
    expect(faq.search('personal bike service', 'en').intent).toBeUndefined();
  });

  it('fills options missing from an older bundle with the defaults', () => {
    const bundle = buildFaqBundle(FAQ);
    const { minMargin: _dropped, ...older } = bundle.options;
    const search = searchFromBundle({ ...bundle, options: older as typeof bundle.options });
    expect(search.search('kuinka kauan toimitus kestää', 'fi').decision).toBe('answer');
  });

  it('works the same from a JSON round-tripped bundle', () => {
    const fromBundle = searchFromBundle(JSON.parse(JSON.stringify(buildFaqBundle(FAQ))));
    expect(fromBundle.search('toimituksen kesto', 'fi')).toEqual(faq.search('toimituksen kesto', 'fi'));
  });
});

describe('one search per entry of a big FAQ (kohtaamo faq validate)', () => {
  // Every question shares three words with every other, as many of a big FAQ's do: a search walks
  // those words' postings once, and keeps its sums between searches.
  const big: FaqEntry[] = Array.from({ length: 400 }, (_, i) => ({
    id: `e${i}-fi`,
    lang: 'fi',
    question: `Kysymys numero ${i * 7 + 1000} tuotteesta ${i * 13 + 5000}?`,
    answer: 'Vastaus.',
  }));
  const search = createFaqSearch(big);

  it('weighs a message as explain does, without the reading of each word', () => {
    for (const q of ['Kysymys numero 1007 tuotteesta 5013?', 'kysymys numero', 'Mitä?', 'hei']) {
      const { result, evidence } = search.explain(q, 'fi');
      expect(search.weigh(q, 'fi')).toEqual(evidence ? { result, evidence } : { result });
    }
  });

  it('finds the same whatever was searched before, and ranks ties in the order of the FAQ', () => {
    const ask = (q: string) => JSON.stringify(search.explain(q, 'fi'));
    const first = ['Kysymys numero 1007 tuotteesta 5013?', 'kysymys numero tuotteesta', 'numero 2000'].map(ask);
    for (const q of big.slice(0, 50)) search.search(q.question, 'fi');
    expect(['Kysymys numero 1007 tuotteesta 5013?', 'kysymys numero tuotteesta', 'numero 2000'].map(ask)).toEqual(first);
    expect(search.search('kysymys numero tuotteesta', 'fi').results.map((h) => h.entry.id)).toEqual(['e0-fi', 'e1-fi', 'e2-fi']);
    expect(search.search('Kysymys numero 1007 tuotteesta 5013?', 'fi')).toMatchObject({ decision: 'answer', results: [{ entry: { id: 'e1-fi' } }] });
  });
});
