import { describe, expect, it } from 'vitest';
import { splitClauses } from './clauses';

const asking = (text: string) => splitClauses(text).filter((c) => c.asks).map((c) => c.tokens.join(' '));

describe('splitClauses', () => {
  it('finds the question after a story', () => {
    expect(asking('tilasin eilen maton, kauanko toimitus kestää')).toEqual(['kauanko toimitus kestaa']);
    expect(asking('I bought a lamp last week. Can I return it')).toEqual(['can i return it']);
  });

  it('finds the question before its explanation', () => {
    expect(asking('Can I get the refund to my bank? I paid by card.')).toEqual(['can i get the refund to my bank']);
  });

  it('reads the -ko/-ks clitic as a question, but not a noun ending in -kko', () => {
    expect(asking('muutan ruotsiin, toimitatteko sinne')).toEqual(['toimitatteko sinne']);
    expect(asking('laatikko oli rikki, pitäis saada uusi')).toEqual(['pitais saada uusi']);
  });

  it('takes the last clause when nothing asks', () => {
    expect(asking('moi, palautus')).toEqual(['palautus']);
    expect(splitClauses('palautus')).toEqual([{ tokens: ['palautus'], asks: true, guessed: true }]);
    expect(splitClauses('palautus?')).toEqual([{ tokens: ['palautus'], asks: true }]);
  });
});
