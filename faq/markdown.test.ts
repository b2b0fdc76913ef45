import { describe, expect, it } from 'vitest';
import { parseMarkdown } from './index';

describe('parseMarkdown', () => {
  it('parses paragraphs, lists and inline marks into a tree', () => {
    expect(parseMarkdown('Hello **bold** and *em* `x`\n\n- one\n- two\n\n1. first')).toEqual([
      {
        type: 'p',
        children: [
          { type: 'text', text: 'Hello ' },
          { type: 'strong', children: [{ type: 'text', text: 'bold' }] },
          { type: 'text', text: ' and ' },
          { type: 'em', children: [{ type: 'text', text: 'em' }] },
          { type: 'text', text: ' ' },
          { type: 'code', text: 'x' },
        ],
      },
      { type: 'ul', items: [[{ type: 'text', text: 'one' }], [{ type: 'text', text: 'two' }]] },
      { type: 'ol', items: [[{ type: 'text', text: 'first' }]] },
    ]);
  });

  it('keeps safe links', () => {
    expect(parseMarkdown('[mail](mailto:a@b.example) [web](https://x.example/a)')[0]).toEqual({
      type: 'p',
      children: [
        { type: 'link', href: 'mailto:a@b.example', children: [{ type: 'text', text: 'mail' }] },
        { type: 'text', text: ' ' },
        { type: 'link', href: 'https://x.example/a', children: [{ type: 'text', text: 'web' }] },
      ],
    });
  });

  it.each(['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,x', '//evil.example', '/\\evil.example/x'])(
    'drops the link %s and keeps its text',
    (href) => {
      expect(parseMarkdown(`[click](${href})`)).toEqual([{ type: 'p', children: [{ type: 'text', text: 'click' }] }]);
    },
  );

  it.each(['Käytä koodia KEVAT_ALE_24 kassalla.', 'Tiedosto lasku_2026_03.pdf', 'Mitat 200 * 90 * 20 cm.', 'Hinta 2 ** 3 = 8?'])(
    'keeps %s as written: no emphasis inside words or around spaces',
    (text) => {
      expect(parseMarkdown(text)).toEqual([{ type: 'p', children: [{ type: 'text', text }] }]);
    },
  );

  it('still takes emphasis that hugs its words, by the marks around a word', () => {
    expect(parseMarkdown('_tärkeää_: **1–3 arkipäivää**, *myös* __la__')[0]).toEqual({
      type: 'p',
      children: [
        { type: 'em', children: [{ type: 'text', text: 'tärkeää' }] },
        { type: 'text', text: ': ' },
        { type: 'strong', children: [{ type: 'text', text: '1–3 arkipäivää' }] },
        { type: 'text', text: ', ' },
        { type: 'em', children: [{ type: 'text', text: 'myös' }] },
        { type: 'text', text: ' ' },
        { type: 'strong', children: [{ type: 'text', text: 'la' }] },
      ],
    });
  });

  it('shows raw HTML as text', () => {
    const html = '<img src=x onerror=alert(1)><script>alert(1)</script>';
    expect(parseMarkdown(html)).toEqual([{ type: 'p', children: [{ type: 'text', text: html }] }]);
  });
});
