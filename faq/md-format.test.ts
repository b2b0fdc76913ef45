import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeFaqProblem, readFaqText, toFaqMd, validateFaq } from './index';

const FAQ_MD = `# Kuinka kauan toimitus kestää?
id: delivery-time-fi
keywords: toimitusaika, milloin perillä

Posti tuo paketin **1–3 arkipäivässä**.

- Huonekalut rahtina
- 5–10 arkipäivää

# How long does delivery take?
id: delivery-time-en

Posti brings it in 1–3 working days.
\\# is how Markdown starts a heading; here it is a hash.

# Toimitetaanko Ahvenanmaalle?
id: aland
lang: fi

Kyllä.
`;

describe('the Markdown FAQ format', () => {
  it('reads each "# question" with its fields and answer, the language from the id where it says it', () => {
    const { entries, problems } = readFaqText(FAQ_MD, 'faq.md');
    expect(problems).toEqual([]);
    expect(entries).toEqual([
      {
        id: 'delivery-time-fi',
        lang: 'fi',
        question: 'Kuinka kauan toimitus kestää?',
        answer: 'Posti tuo paketin **1–3 arkipäivässä**.\n\n- Huonekalut rahtina\n- 5–10 arkipäivää',
        keywords: ['toimitusaika', 'milloin perillä'],
      },
      { id: 'delivery-time-en', lang: 'en', question: 'How long does delivery take?', answer: 'Posti brings it in 1–3 working days.\n# is how Markdown starts a heading; here it is a hash.' },
      { id: 'aland', lang: 'fi', question: 'Toimitetaanko Ahvenanmaalle?', answer: 'Kyllä.' },
    ]);
  });

  it('writes any FAQ as Markdown that reads back the same, the demo store\'s included', () => {
    const json = JSON.parse(readFileSync('demo/faq.json', 'utf8')) as unknown;
    const entries = validateFaq(json, 'faq.json').entries;
    const md = toFaqMd(entries);
    expect(readFaqText(md, 'faq.md')).toMatchObject({ entries, problems: [] });
    const odd = [{ id: 'x-fi', lang: 'fi' as const, question: 'Q', answer: '#1 in town\n\\#escaped\n## not a heading' }];
    expect(readFaqText(toFaqMd(odd), 'faq.md').entries).toEqual(odd);
    expect(() => toFaqMd([{ id: 'c', lang: 'en', question: 'Q', answer: 'A', keywords: ['a, b'] }])).toThrow(/the keyword "a, b" has a comma/);
    expect(() => toFaqMd([{ id: 'c', lang: 'en', question: 'Q', answer: 'A', keywords: ['one\ntwo'] }])).toThrow(/a line break/);
    // A lone carriage return is no line start to the reader, so nothing is escaped after it.
    const cr = [{ id: 'x-fi', lang: 'fi' as const, question: 'Q', answer: 'Vastaus\r# ei otsikko' }];
    expect(readFaqText(toFaqMd(cr), 'faq.md').entries).toEqual(cr);
  });

  it('says where each problem is, by line, so an author can fix them all in one round', () => {
    const broken = `Usein kysyttyä

# Kuinka kauan toimitus kestää?
id: delivery-time-fi
Posti tuo paketin.

# Missä myymälä on?
lang: sv

Helsingissä.
`;
    const { problems } = readFaqText(broken, 'faq.md');
    expect(problems.map(describeFaqProblem)).toEqual([
      'faq.md:1: text before the first "# question" heading: every entry starts with one',
      'faq.md:5: expected "id:", "lang:" or "keywords:" under the question, then an empty line before the answer',
      'faq.md:3 (delivery-time-fi) field "answer": answer must be a non-empty Markdown string',
      'faq.md:7 field "id": id is missing',
      'faq.md:7 field "lang": lang must be one of fi, en',
    ]);
  });

  it('refuses a heading typed wrong with its fields under it, rather than join them into the answer above', () => {
    const typo = (heading: string) => `# Vaihdatteko talvirenkaat?
id: winter-tyres-fi

Kyllä, 25 € / pyörä.

${heading}
id: ebike-repair-fi
keywords: sähköpyörä

Kyllä, akun vaihto alkaen 450 €.
`;
    const said = (text: string) => readFaqText(text, 'faq.md').problems.map(describeFaqProblem);
    const inside = 'and the field lines under it are inside the answer of the question on line 1';
    const how = 'entry starts with "#", a space and the question, its fields right under it';
    expect(said(typo('#Korjaatteko sähköpyöriä?'))).toEqual([
      `faq.md:6 (winter-tyres-fi): "#Korjaatteko sähköpyöriä?" ${inside}: did you mean "# Korjaatteko sähköpyöriä?"? An ${how}`,
    ]);
    expect(said(typo('## Korjaatteko sähköpyöriä?'))).toEqual([
      `faq.md:6 (winter-tyres-fi): "## Korjaatteko sähköpyöriä?" ${inside}: did you mean "# Korjaatteko sähköpyöriä?"? An ${how}`,
    ]);
    // Read on as the entry it was meant to be: the only other problem is the question it lacks.
    expect(said(typo('#'))).toEqual([
      `faq.md:6 (winter-tyres-fi): "#" ${inside}: an ${how}`,
      'faq.md:6 (ebike-repair-fi) field "question": question must be a non-empty string',
    ]);
    // Read on as two entries, so that no message after it is about a merged answer.
    expect(readFaqText(typo('#Korjaatteko sähköpyöriä?'), 'faq.md').entries.map((e) => e.answer)).toEqual(['Kyllä, 25 € / pyörä.', 'Kyllä, akun vaihto alkaen 450 €.']);
  });

  it('refuses a field line written after the empty line, inside the answer, and says where fields go', () => {
    const late = `# Milloin olette auki?
id: opening-hours-fi

keywords: aukioloajat, auki

Ma–pe 9–17.

# When are you open?
id: opening-hours-en

Mon–Fri 9–17.
lang: en
`;
    const where = 'fields go right under the "# question" heading (a "#", a space, the question), before the empty line';
    const read = readFaqText(late, 'faq.md');
    expect(read.problems.map(describeFaqProblem)).toEqual([
      `faq.md:4 (opening-hours-fi): "keywords: aukioloajat, auki" is inside the answer of the question on line 1: ${where}`,
      `faq.md:12 (opening-hours-en): "lang: en" is inside the answer of the question on line 8: ${where}`,
    ]);
    expect(read.entries.map((e) => e.answer)).toEqual(['Ma–pe 9–17.', 'Mon–Fri 9–17.']);
  });

  it('names an empty line between the question and its fields as the mistake, not the id it hides', () => {
    const blank = '# Milloin olette auki?\n\nid: opening-hours-fi\nkeywords: aukioloajat\n\nMa–pe 9–17.\n';
    const read = readFaqText(blank, 'faq.md');
    expect(read.problems.map(describeFaqProblem)).toEqual([
      'faq.md:2 (opening-hours-fi): an empty line under the question on line 1, so no "id:" line right under it: the fields go directly under the heading, then one empty line, then the answer',
    ]);
    expect(read.entries).toEqual([{ id: 'opening-hours-fi', lang: 'fi', question: 'Milloin olette auki?', answer: 'Ma–pe 9–17.', keywords: ['aukioloajat'] }]);
  });

  it('keeps a hashtag line in an answer, and writes an answer line that looks like a field so that it reads back', () => {
    const tag = '# Onko teillä Instagram?\nid: some-fi\n\nOn!\n#kiitopyörä\n\nKatso kuvat.\n';
    expect(readFaqText(tag, 'faq.md')).toMatchObject({ problems: [], entries: [{ answer: 'On!\n#kiitopyörä\n\nKatso kuvat.' }] });
    const fieldLike = [{ id: 'x-fi', lang: 'fi' as const, question: 'Q', answer: 'Kirjoita lomakkeeseen:\nid: tilausnumero\nkeywords: ei tarvita\n\\lang: fi' }];
    expect(readFaqText(toFaqMd(fieldLike), 'faq.md')).toMatchObject({ problems: [], entries: fieldLike });
  });

  it('reads a file an editor began with a byte order mark, in either format', () => {
    expect(readFaqText(`\uFEFF${FAQ_MD}`, 'faq.md').problems).toEqual([]);
    expect(readFaqText('\uFEFF[{"id":"a-fi","lang":"fi","question":"Q","answer":"A"}]', 'faq.json').entries).toHaveLength(1);
  });

  it('tells a JSON FAQ that does not parse from one in Markdown', () => {
    expect(readFaqText('[{', 'faq.json').problems.map(describeFaqProblem)).toEqual([
      expect.stringMatching(/^faq\.json: cannot read the FAQ as JSON: .* \(a Markdown FAQ needs a name ending in \.md\)$/),
    ]);
  });
});
