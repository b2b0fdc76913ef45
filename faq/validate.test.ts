import { describe, expect, it } from 'vitest';
import { describeFaqProblem, readFaqText, validateFaq } from './index';

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

  it('refuses a control character or half a character in a question, answer, keyword or id, naming entry, field and where', () => {
    const r = validateFaq(
      [
        ok('a-fi', 'fi', 'Kuinka kauan\u0000 kestää?', 'Viisi päivää.'),
        ok('b-fi', 'fi', 'Mitä toimitus maksaa \ud83d?', 'Viisi\u001b euroa.', ['hinta', 'posti\u0007']),
        ok('c\u0000-fi', 'fi', 'Q?', 'A.'),
      ],
      'faq.json',
    );
    expect(r.problems).toEqual([
      { file: 'faq.json', entry: 0, id: 'a-fi', field: 'question', message: 'question must not contain a control character (U+0000 at character 13)' },
      { file: 'faq.json', entry: 1, id: 'b-fi', field: 'question', message: 'question must not contain half a character, a lone UTF-16 surrogate (U+D83D at character 22)' },
      { file: 'faq.json', entry: 1, id: 'b-fi', field: 'answer', message: 'answer must not contain a control character (U+001B at character 6)' },
      { file: 'faq.json', entry: 1, id: 'b-fi', field: 'keywords', message: 'keyword 2 must not contain a control character (U+0007 at character 6)' },
      expect.objectContaining({ entry: 2, field: 'id' }),
    ]);
    expect(r.entries).toEqual([]);
  });

  it('takes the tabs and line breaks Markdown answers hold, and whole emoji', () => {
    const r = validateFaq([ok('a-fi', 'fi', 'Kestääkö sohva? 🛋️', '- Kyllä\r\n- \tEhdottomasti 😀\n\nKiitos.', ['sohva 🛋️'])], 'faq.json');
    expect(r.problems).toEqual([]);
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
      expect.objectContaining({ entry: 1, id: 'returns', field: 'id', message: expect.stringContaining('entry 1 (returns-fi) is already the "fi" entry of topic "returns"') }),
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

describe('problems in a JSON FAQ file, as a person finds them', () => {
  const describe_ = (text: string, file = 'faq.json') => readFaqText(text, file).problems.map(describeFaqProblem);
  const entry = (fields: string) => `  {\n${fields}\n  }`;
  const returnsFi = entry('    "id": "returns-fi",\n    "lang": "fi",\n    "question": "Miten palautan tuotteen?",\n    "answer": "Lomakkeella."');

  it('names the line and column of the field at fault, or of its entry when the field is missing, and no 0-based entry number', () => {
    const missing = entry('    "id": "returns-en",\n    "lang": "en",\n    "answer": "By form."');
    const noId = entry('    "id": "",\n    "lang": "en",\n    "question": "How do I return?",\n    "answer": "By form."');
    expect(describe_(`[\n${returnsFi},\n${missing},\n${noId}\n]\n`)).toEqual([
      'faq.json:8:3 (returns-en) field "question": question is missing',
      'faq.json:14:5 field "id": id must be a non-empty string',
    ]);
  });

  it('says a field left out is missing, not that its value is wrong', () => {
    const noLang = entry('    "id": "returns",\n    "question": "Miten palautan?",\n    "answer": "Lomakkeella."');
    const noId = entry('    "lang": "fi",\n    "question": "Miten vaihdan?"');
    expect(describe_(`[\n${noLang},\n${noId}\n]\n`)).toEqual([
      'faq.json:2:3 (returns) field "lang": lang is missing; it must be one of fi, en',
      'faq.json:7:3 field "id": id is missing',
      'faq.json:7:3 field "answer": answer is missing',
    ]);
    expect(describe_('[{"id": "returns", "lang": "sv", "question": "Q", "answer": "A"}]')).toEqual(['faq.json:1:20 (returns) field "lang": lang must be one of fi, en']);
  });

  it('names the other entry of a duplicate by its line too', () => {
    expect(describe_(`[\n${returnsFi},\n${returnsFi}\n]\n`)).toEqual([
      'faq.json:9:5 (returns-fi) field "id": duplicate id (first used by the entry at line 2)',
    ]);
  });

  it('counts entries from 1 when it has no line to give', () => {
    expect(validateFaq([ok('a-fi', 'fi', 'Q?', 'A.'), { id: 'b-fi', lang: 'fi', answer: 'A.' }], 'f.json').problems.map(describeFaqProblem)).toEqual([
      'f.json entry 2 (b-fi) field "question": question is missing',
    ]);
  });

  it('tells a trailing comma on the line of the comma, not of the "]" after it', () => {
    expect(describe_(`[\n${returnsFi},\n]\n`)).toEqual(['faq.json: line 7: a trailing comma after the last entry; remove it']);
    expect(describe_('[\n  {"id": "a-fi", "lang": "fi", "question": "Q", "answer": "A",\n  }\n]')).toEqual([
      'faq.json: line 2: a trailing comma after the last field; remove it',
    ]);
  });

  it('tells a missing comma between entries, and single or typographic quotes', () => {
    expect(describe_(`[\n${returnsFi}\n${returnsFi}\n]\n`)).toEqual(['faq.json: line 7: a comma is missing after this entry, before the next; add one']);
    expect(describe_("[\n  {'id': 'a-fi'}\n]")).toEqual([`faq.json: line 2: a single quote ('); JSON needs double quotes (") around names and text`]);
    expect(describe_('[\n  {“id”: "a-fi"}\n]')).toEqual([`faq.json: line 2: a typographic quote (“); JSON needs straight double quotes (")`]);
  });

  it('tells a YAML file, by its name or its first line, that YAML is not supported', () => {
    const yaml = '- id: returns-fi\n  lang: fi\n  question: Miten palautan?\n  answer: 30 päivää.\n';
    const notSupported = (file: string) => [`${file}: YAML is not supported; write JSON or Markdown (see faq/README.md)`];
    expect(describe_(yaml, 'faq.yaml')).toEqual(notSupported('faq.yaml'));
    expect(describe_('[]', 'faq.yml')).toEqual(notSupported('faq.yml'));
    expect(describe_(yaml, 'faq.json')).toEqual(notSupported('faq.json'));
    expect(describe_('---\nid: a\n', 'faq.txt')).toEqual(notSupported('faq.txt'));
  });
});
