// The message's language, as the widget asks it: the page's, unless the message is clearly in
// the other one. A visitor's place names, product names and loanwords are no such sign.
import { describe, expect, it } from 'vitest';
import { detectLang } from './lang';

describe('the language of a message on a page', () => {
  it.each([
    'ipad akku',
    'refund',
    'click and collect nouto',
    'gift card saldo',
    'black friday tarjoukset',
    'tax free shopping',
    'nintendo switch oled',
    'alekoodi ei toimi checkoutissa',
    'no me odotettiin pakettia koko viikko',
  ])('keeps "%s" on a Finnish page Finnish', (q) => expect(detectLang(q, 'fi')).toBe('fi'));

  it.each(['jyväskylä store hours', 'store in jyväskylä', 'delivery to hämeenlinna', 'shipping to jarvenpaa', 'toimitus'])(
    'keeps "%s" on an English page English',
    (q) => expect(detectLang(q, 'en')).toBe('en'),
  );

  it.each([
    ['my parcel has not arrived yet', 'fi', 'en'],
    ['where is my order', 'fi', 'en'],
    ['is there a store in oulu', 'fi', 'en'],
    ['kuinka kauan toimitus kestää', 'en', 'fi'],
    ['missa mun paketti on', 'en', 'fi'],
  ] as const)('answers "%s" on a page in %s in %s, its own language', (q, page, lang) => expect(detectLang(q, page)).toBe(lang));

  it('guesses without a page from letters and endings too', () => {
    expect(detectLang('jyväskylä')).toBe('fi');
    expect(detectLang('shipping costs')).toBe('en');
    expect(detectLang('')).toBe('fi');
  });
});
