// The web addresses in a chat message and an FAQ answer as the visitor sees them: which part is
// the link, and where it takes them.
import { cleanup, render } from '@testing-library/preact';
import { afterEach, expect, it } from 'vitest';
import { parseMarkdown } from '../../../faq/markdown';
import { Markdown, linked } from './Markdown';

afterEach(cleanup);

/** Each link in `text` as shown, with its address (always the same as its text). */
function links(text: string) {
  const { container } = render(<p>{linked(text)}</p>);
  expect(container.textContent).toBe(text);
  return [...container.querySelectorAll('a')].map((a) => {
    expect(a.getAttribute('href')).toBe(a.textContent);
    return a.textContent;
  });
}

it('ends an address before the brackets, guillemets and full stop around it, as the console does', () => {
  expect(links('Seuranta: <https://kauppa.fi/track>')).toEqual(['https://kauppa.fi/track']);
  expect(links('<https://kauppa.fi/a>,<https://kauppa.fi/b>')).toEqual(['https://kauppa.fi/a', 'https://kauppa.fi/b']);
  expect(links('[https://kauppa.fi/a]')).toEqual(['https://kauppa.fi/a']);
  expect(links('{https://kauppa.fi/a}')).toEqual(['https://kauppa.fi/a']);
  expect(links('«https://kauppa.fi/a»')).toEqual(['https://kauppa.fi/a']);
  expect(links('请看https://kauppa.fi/a。')).toEqual(['https://kauppa.fi/a']);
  expect(links('[ohje](https://kauppa.fi/p)')).toEqual(['https://kauppa.fi/p']);
});

it('keeps those characters inside an address, and its own parentheses', () => {
  expect(links('https://kauppa.fi/?q[]=1&x={2}»3。4')).toEqual(['https://kauppa.fi/?q[]=1&x={2}»3。4']);
  expect(links('https://fi.wikipedia.org/wiki/Kuitti_(asiakirja).')).toEqual(['https://fi.wikipedia.org/wiki/Kuitti_(asiakirja)']);
  expect(links('https://a.fi/<b>x</b>')).toEqual(['https://a.fi/']);
});

it("links a bare web address in an FAQ answer as in a chat message, never one inside a link or code", () => {
  const md = 'Palautusohje: https://kotipesa.fi/palautus. **Tai https://kotipesa.fi/b** ja [https://kotipesa.fi/c](https://kotipesa.fi/d), `https://kotipesa.fi/e` tai javascript:alert(1)';
  const { container } = render(<Markdown blocks={parseMarkdown(md)} />);
  const shown = [...container.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href'), a.target, a.rel]);
  const chat = render(<p>{linked('https://kotipesa.fi/palautus')}</p>).container.querySelector('a')!;
  expect(shown).toEqual([
    ['https://kotipesa.fi/palautus', 'https://kotipesa.fi/palautus', chat.target, chat.rel],
    ['https://kotipesa.fi/b', 'https://kotipesa.fi/b', chat.target, chat.rel],
    ['https://kotipesa.fi/c', 'https://kotipesa.fi/d', chat.target, chat.rel],
  ]);
  expect(chat.rel).toBe('noopener noreferrer nofollow');
  expect(container.querySelector('a a')).toBeNull();
  expect(container.textContent).toBe('Palautusohje: https://kotipesa.fi/palautus. Tai https://kotipesa.fi/b ja https://kotipesa.fi/c, https://kotipesa.fi/e tai javascript:alert(1)');
});
