import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFaqSearch, validateFaq, type FaqEntry } from './index';

const fi = (id: string, question: string, answer: string, keywords?: string[]): FaqEntry => ({ id, lang: 'fi', question, answer, ...(keywords ? { keywords } : {}) });
const nearDuplicates = (entries: FaqEntry[]) => validateFaq(entries, 'f.json').warnings.filter((w) => w.message.startsWith('near-duplicate'));
const FIXTURES = join(import.meta.dirname, 'fixtures');

describe('near-duplicate warnings', () => {
  it('are not given for entries one word tells apart, when the search answers each with its own', () => {
    const faq = [
      fi('delivery-rug-fi', 'Kuinka kauan maton toimitus kestää?', 'Matot toimitetaan 2–4 arkipäivässä.'),
      fi('delivery-sofa-fi', 'Kuinka kauan sohvan toimitus kestää?', 'Sohvat toimitetaan 2–3 viikossa.'),
      fi('delivery-lamp-fi', 'Kuinka kauan valaisimen toimitus kestää?', 'Valaisimet toimitetaan 1–3 arkipäivässä.'),
      fi('returns-fi', 'Voinko palauttaa tuotteen?', 'Kyllä, 30 päivän ajan.'),
    ];
    const search = createFaqSearch(faq);
    for (const entry of faq) {
      const met = search.search(entry.question, 'fi');
      expect([met.decision, met.results[0]?.entry.id]).toEqual(['answer', entry.id]);
    }
    expect(validateFaq(faq, 'f.json').warnings).toEqual([]);
  });

  it('are given once per pair, on an entry whose own question the search does not answer with it', () => {
    const faq = [
      fi('ship-fi', 'Paljonko toimitus maksaa?', 'Viisi euroa.', ['toimitusmaksu']),
      fi('ship2-fi', 'Mitä toimitus maksaa?', 'Kuusi euroa.', ['toimitusmaksu']),
      fi('hours-fi', 'Milloin myymälä on auki?', 'Aina.'),
    ];
    const warnings = nearDuplicates(faq);
    expect(warnings).toEqual([expect.objectContaining({ id: 'ship2-fi', message: expect.stringContaining('near-duplicate of entry 1 (ship-fi): visitors cannot be told which one answers') })]);
    const met = createFaqSearch(faq).search(faq[1]!.question, 'fi');
    expect(met.decision === 'answer' && met.results[0]!.entry.id === 'ship2-fi').toBe(false);
  });

  it('say what a visitor meets: in every fixture FAQ, a warned entry is not the answer to its own question', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json') && !f.endsWith('-queries.json'));
    expect(files.length).toBeGreaterThan(10);
    for (const name of files) {
      const entries = JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as FaqEntry[];
      const search = createFaqSearch(entries);
      for (const w of nearDuplicates(entries)) {
        const entry = entries[w.entry!]!;
        const met = search.search(entry.question, entry.lang);
        expect({ name, id: entry.id, answered: met.decision === 'answer' && met.results[0]!.entry.id === entry.id }).toEqual({ name, id: entry.id, answered: false });
      }
    }
  });
});

describe('unreachable warnings', () => {
  const unreachable = (entries: FaqEntry[]) => validateFaq(entries, 'f.json').warnings.filter((w) => w.kind === 'unreachable');

  it('say to add keywords when the search does not find an entry by its own question', () => {
    const faq = [fi('returns-fi', 'Voinko palauttaa tuotteen?', 'Kyllä.'), fi('odd-fi', 'Mitä?', 'Jotain.')];
    expect(unreachable(faq)).toEqual([expect.objectContaining({ id: 'odd-fi', message: expect.stringContaining('add keywords a visitor would use') })]);
  });

  it.each([
    ['Voinko puhua ihmisen kanssa?', 'a wish for a person'],
    ['Hei!', 'a greeting'],
    ['Kiitos!', 'thanks'],
  ])('say to reword a question taken as small talk or a wish for a person (%s), which no keyword helps', (question, reads) => {
    const faq = [fi('returns-fi', 'Voinko palauttaa tuotteen?', 'Kyllä.'), fi('human-fi', question, 'Soita 010 555 0199.', ['asiakaspalvelu', 'ihminen'])];
    const [warning] = unreachable(faq);
    expect(warning).toEqual(expect.objectContaining({ id: 'human-fi', message: expect.stringContaining(`reads as ${reads}`) }));
    expect(warning!.message).toContain('reword the question');
    expect(warning!.message).not.toContain('add keywords');
  });
});

describe('one-language warnings', () => {
  const en = (id: string, question: string, answer: string): FaqEntry => ({ id, lang: 'en', question, answer });
  it('name a topic in one language of a FAQ written in both, and what its visitors of the other get', () => {
    const faq = [
      fi('returns-fi', 'Voinko palauttaa tuotteen?', 'Kyllä, 30 päivän ajan.'),
      en('returns-en', 'Can I return a product?', 'Yes, for 30 days.'),
      fi('ebike-repair-fi', 'Korjaatteko sähköpyöriä?', 'Kyllä, akun vaihto alkaen 450 €.'),
    ];
    expect(validateFaq(faq, 'f.json').warnings.filter((w) => w.kind === 'one-language').map((w) => [w.id, w.message])).toEqual([
      ['ebike-repair-fi', 'one-language: no English entry ebike-repair-en, so English visitors are answered in Finnish; add one, unless that is meant'],
    ]);
  });

  it('are not given for a FAQ in one language only', () => {
    const faq = [fi('returns-fi', 'Voinko palauttaa tuotteen?', 'Kyllä, 30 päivän ajan.'), fi('hours-fi', 'Milloin myymälä on auki?', 'Arkisin 10–18.')];
    expect(validateFaq(faq, 'f.json').warnings.filter((w) => w.kind === 'one-language')).toEqual([]);
  });
});
