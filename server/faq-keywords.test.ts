import { describe, expect, it } from 'vitest';
import type { FaqEntry } from '../faq';
import type { Tally } from './faq-gaps';
import { MIN_AGREEING, withAgentKeywords } from './faq-keywords';

const FAQ: FaqEntry[] = [
  { id: 'tyre-hotel-fi', lang: 'fi', question: 'Säilytättekö renkaat?', answer: 'Rengashotelli 69 €/kausi.', keywords: ['rengashotelli'] },
  { id: 'tyre-hotel-en', lang: 'en', question: 'Do you store tyres?', answer: 'Tyre hotel 69 € a season.' },
  { id: 'booking-fi', lang: 'fi', question: 'Miten varaan ajan?', answer: 'Varaa verkossa.' },
];

const word = (key: string, examples: string[], agentsSaid: { faqId: string; questions: number }[]): Tally => ({ key, count: examples.length, examples, agentsSaid });

describe('withAgentKeywords', () => {
  it("adds a word agents put under one entry in enough questions, to the entry in its questions' language", () => {
    const { entries, added } = withAgentKeywords(FAQ, [
      // As the search reads it (folded), written back as the visitor typed it.
      word('kesarenkaat, kesarenkaita', ['voiks Kesärenkaat jättää teille', 'kesärenkaita säilöön'], [{ faqId: 'tyre-hotel-fi', questions: 2 }]),
      // The agent picked the Finnish entry; the visitors wrote English.
      word('wheels', ['can you keep my summer wheels', 'keep wheels over winter'], [{ faqId: 'tyre-hotel-fi', questions: 2 }]),
    ]);
    expect(added).toEqual([
      { faqId: 'tyre-hotel-fi', word: 'kesärenkaat', questions: 2 },
      { faqId: 'tyre-hotel-en', word: 'wheels', questions: 2 },
    ]);
    expect(entries[0]!.keywords).toEqual(['rengashotelli', 'kesärenkaat']);
    expect(entries[1]!.keywords).toEqual(['wheels']);
    // The FAQ it was given is left as it was.
    expect(FAQ[0]!.keywords).toEqual(['rengashotelli']);
    expect(FAQ[1]!.keywords).toBeUndefined();
  });

  it('leaves a word one question, the search\'s guess alone, or a vanished entry named', () => {
    expect(MIN_AGREEING).toBe(2);
    const { entries, added } = withAgentKeywords(FAQ, [
      word('pyyhkijät', ['pyyhkijät pitäis vaihtaa'], [{ faqId: 'booking-fi', questions: 1 }]),
      { key: 'talveks', count: 3, examples: ['talveks säilöön'], near: ['tyre-hotel-fi'] },
      word('lainaauto', ['lainaauto', 'saako lainaauton'], [{ faqId: 'courtesy-car-fi', questions: 2 }]),
    ]);
    expect(added).toEqual([]);
    expect(entries).toEqual(FAQ);
  });
});
