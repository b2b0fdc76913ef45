import { describe, expect, it } from 'vitest';
import { describeFaqProblem, readFaqText } from './index';
import { faultPosition, lineColumn } from './json-position';

describe('a FAQ file that is not valid JSON', () => {
  it('says the line and column of the fault, not only a character offset', () => {
    const text = '[\n  {"id": "a-fi", "lang": "fi",\n   "question": "Q", "answer": A}\n]\n';
    const [problem] = readFaqText(text, 'faq.json').problems.map(describeFaqProblem);
    expect(problem).toMatch(/^faq\.json: cannot read the FAQ as JSON: [\s\S]*, at line 3, column 31 \(a Markdown FAQ needs a name ending in \.md\)$/);
  });

  it('a file cut short: its end', () => {
    const [problem] = readFaqText('[\n  {"id": "a-fi",\n', 'faq.json').problems.map(describeFaqProblem);
    expect(problem).toContain(', at line 3, column 1 (');
  });
});

describe('faultPosition and lineColumn', () => {
  it("read Node 20's and Node 22's messages", () => {
    expect(faultPosition('Unexpected token } in JSON at position 5', '{"a":}')).toBe(5);
    expect(faultPosition('Unexpected end of JSON input', '{"a":')).toBe(5);
    expect(faultPosition('Unexpected token \'x\', ..."{"a": 1,  x "b": 2}"... is not valid JSON', '{"a": 1,  x "b": 2}')).toBe(10);
    expect(faultPosition('something else', '{}')).toBeNull();
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
