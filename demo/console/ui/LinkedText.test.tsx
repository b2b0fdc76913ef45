import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { LinkedText } from './LinkedText';

const links = (text: string) => {
  const { container } = render(<p><LinkedText text={text} /></p>);
  return { text: container.textContent, links: [...container.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('target')]) };
};

describe('a message with links in it', () => {
  it('links the web and email addresses a visitor wrote, and keeps every character of the text', () => {
    const text = 'Tilaus: https://kauppa.example/tilaus/123?k=1. Vastaa osoitteeseen Matti.M+kauppa@example.fi, kiitos! (www-sivu: https://x.example/a_b)';
    expect(links(text)).toEqual({
      text,
      links: [
        ['https://kauppa.example/tilaus/123?k=1', 'https://kauppa.example/tilaus/123?k=1', '_blank'],
        ['Matti.M+kauppa@example.fi', 'mailto:Matti.M+kauppa@example.fi', null],
        ['https://x.example/a_b', 'https://x.example/a_b', '_blank'],
      ],
    });
  });

  it('ends an address where the widget does: before "。" and a ")" of the text, not one of the address', () => {
    const text = 'Katso https://x.fi/z。 ja (https://fi.wikipedia.org/wiki/A_(b)) tai <https://kauppa.fi/track>.';
    expect(links(text).links.map(([, href]) => href)).toEqual(['https://x.fi/z', 'https://fi.wikipedia.org/wiki/A_(b)', 'https://kauppa.fi/track']);
  });

  it('makes no link of anything else', () => {
    const text = '<a href="javascript:alert(1)">klikkaa</a> javascript:alert(1) data:text/html,x //evil.example ftp://x.example @aino';
    expect(links(text)).toEqual({ text, links: [] });
  });
});
