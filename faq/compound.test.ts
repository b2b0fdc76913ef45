import { describe, expect, it } from 'vitest';
import { splitCompound } from './compound';
import { stem } from './stem';

const vocabulary = (words: string[]) => new Set(words.map((w) => stem(w, 'fi')));
const fi = vocabulary(['toimitus', 'osoite', 'soittaa', 'palautus', 'koodi', 'asiakas', 'palvelu', 'vat', 'kulu', 'aika', 'ikä', 'laht']);

describe('splitCompound', () => {
  it('splits a compound into two words of the FAQ', () => {
    expect(splitCompound('palautuskoodi', 'fi', fi)).toEqual([stem('palautus', 'fi'), stem('koodi', 'fi')]);
    expect(splitCompound('toimitusaika', 'fi', fi)).toEqual([stem('toimitus', 'fi'), stem('aika', 'fi')]);
    // The linking -s of a genitive modifier.
    expect(splitCompound('asiakaspalvelu', 'fi', fi)).toEqual([stem('asiakas', 'fi'), stem('palvelu', 'fi')]);
  });

  it('leaves a token longer than any word unsplit: pasted junk, whose splitting costs quadratic time', () => {
    const split = (left: string) => splitCompound(`${left}koodi`, 'fi', vocabulary([left, 'koodi']));
    expect(split('lentokenttaratikkapysakkiopaste')).toHaveLength(2); // 36 letters
    expect(split('lentokenttaratikkapysakkiopasteluvalo')).toEqual([]); // 42
  });

  it('takes the longest head, not a word hidden in it', () => {
    // toimitus|osoite, not "toimituso" (stemmed to toimitus) + "soite" (stemmed like soittaa).
    expect(splitCompound('toimitusosoite', 'fi', fi)).toEqual([stem('toimitus', 'fi'), stem('osoite', 'fi')]);
  });

  it('does not take an inflection ending for a word', () => {
    expect(splitCompound('lahtevat', 'fi', fi)).toEqual([]);
    expect(splitCompound('kulumista', 'fi', fi)).toEqual([]);
  });

  it('takes no modifier that cannot end a Finnish word', () => {
    // vanhenee (expires) is not "vanh" (old) + "enee" (energy's stem), in either language's pass.
    const words = new Set([stem('vanha', 'fi'), stem('energia', 'fi'), stem('enee', 'fi'), stem('phones', 'en'), stem('head', 'en')]);
    expect(splitCompound('vanhenee', 'fi', words)).toEqual([]);
    expect(splitCompound('vanhenee', 'en', words)).toEqual([]);
    expect(splitCompound('headphones', 'en', words)).toEqual([stem('head', 'en'), stem('phones', 'en')]);
  });

  it('does not split English words at short prefixes', () => {
    const en = new Set(['net', 'work', 'week', 'day'].map((w) => stem(w, 'en')));
    expect(splitCompound('network', 'en', en)).toEqual([]);
    expect(splitCompound('weekdays', 'en', en)).toEqual([stem('week', 'en'), stem('day', 'en')]);
  });
});
