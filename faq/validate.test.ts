import { describe, expect, it } from 'vitest';
import { validateFaq } from './index';

const ok = (id: string, lang: 'fi' | 'en', question: string, answer: string, keywords?: string[]) => ({
  id,
  lang,
  question,
  answer,
  ...(keywords ? { keywords } : {}),
});

describe('validateFaq', () => {
  it('accepts a valid FAQ', () => {
    const r = validateFaq([ok('a-fi', 'fi', 'Mitä toimitus maksaa?', 'Viisi euroa.')], 'faq.json');
    expect(r.problems).toEqual([]);
    expect(r.entries).toHaveLength(1);
  });

  it('names the file, entry and field of every problem', () => {
    const r = validateFaq(
      [ok('a', 'fi', 'Q?', 'A.'), { id: 'a', lang: 'sv', question: '', answer: 'x', keywords: 'x', extra: 1 }, 'nope'],
      'shop.json',
    );
    expect(r.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'shop.json', entry: 1, id: 'a', field: 'lang' }),
        expect.objectContaining({ file: 'shop.json', entry: 1, field: 'question' }),
        expect.objectContaining({ file: 'shop.json', entry: 1, field: 'keywords' }),
        expect.objectContaining({ file: 'shop.json', entry: 1, field: 'extra' }),
        expect.objectContaining({ file: 'shop.json', entry: 2 }),
      ]),
    );
  });

  it('reports duplicate ids and a non-array file', () => {
    const dup = validateFaq([ok('a', 'fi', 'Q?', 'A.'), ok('a', 'en', 'Q?', 'A.')], 'f.json');
    expect(dup.problems).toEqual([expect.objectContaining({ entry: 1, field: 'id', message: expect.stringContaining('duplicate') })]);
    expect(validateFaq({}, 'f.json').problems).toHaveLength(1);
  });

  it('reports a duplicate id also on an entry with other problems, so one round fixes all', () => {
    const r = validateFaq([ok('a', 'fi', 'Q?', 'A.'), { id: 'a', lang: 'sv', question: 'Q?', answer: 'A.' }], 'f.json');
    expect(r.problems.map((p) => [p.entry, p.field])).toEqual([
      [1, 'lang'],
      [1, 'id'],
    ]);
  });

  it('refuses a second entry of one language in a topic ("returns" beside "returns-fi"), which would never be shown', () => {
    const { problems } = validateFaq(
      [ok('returns-fi', 'fi', 'Miten palautan tuotteen?', 'Lomakkeella.'), ok('returns', 'fi', 'Paljonko palautus maksaa?', 'Ei mitään.'), ok('returns-en', 'en', 'How do I return?', 'By form.')],
      'faq.json',
    );
    expect(problems).toEqual([
      expect.objectContaining({ entry: 1, id: 'returns', field: 'id', message: expect.stringContaining('entry 0 (returns-fi) is already the "fi" entry of topic "returns"') }),
    ]);
  });

  it("refuses an id whose -fi / -en says another language than its lang: the topic's pairing depends on it", () => {
    const r = validateFaq([ok('ship-fi', 'fi', 'Q?', 'A.'), ok('ship-en', 'fi', 'Q?', 'A.')], 'f.json');
    expect(r.problems).toEqual([
      expect.objectContaining({ entry: 1, id: 'ship-en', field: 'id', message: expect.stringContaining('ends in "-en" but lang is "fi"') }),
    ]);
  });

  it('warns about near-duplicates and unreachable entries', () => {
    const r = validateFaq(
      [
        ok('ship-fi', 'fi', 'Paljonko toimitus maksaa?', 'Viisi euroa.', ['toimitusmaksu']),
        ok('ship2-fi', 'fi', 'Mitä toimitus maksaa?', 'Kuusi euroa.', ['toimitusmaksu']),
        ok('odd-fi', 'fi', 'Mitä?', 'Jotain.'),
        ok('hours-fi', 'fi', 'Milloin myymälä on auki?', 'Aina.'),
      ],
      'f.json',
    );
    expect(r.problems).toEqual([]);
    expect(r.warnings.map((w) => [w.id, w.message.split(' ')[0]])).toEqual(
      expect.arrayContaining([
        ['ship2-fi', 'near-duplicate'],
        ['odd-fi', 'unreachable:'],
      ]),
    );
    expect(r.warnings.some((w) => w.id === 'hours-fi')).toBe(false);
  });
});
