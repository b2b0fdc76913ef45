import { describe, expect, it } from 'vitest';
import { createFaqSearch, type FaqEntry } from './index';
import { lexiconAliases, parseLexicon } from './lexicon';
import { stem } from './stem';

describe('lexicon', () => {
  it('reads one group a line, skipping comments, single words and phrases', () => {
    expect(parseLexicon('# vaccines\nrokote, piikki, Vaccine\nyksin\nkaksi sanaa, sana')).toEqual([['rokote', 'piikki', 'vaccine']]);
  });

  it('maps the words a FAQ lacks onto the terms of its groups that it has', () => {
    const terms = [stem('rokote', 'fi'), stem('toimitus', 'fi')].sort();
    const aliases = lexiconAliases(terms, [['rokote', 'piikki'], ['kuljetus', 'rahti'], ['toimitus', 'delivery']]);
    expect(aliases[stem('piikki', 'fi')]).toEqual([terms.indexOf(stem('rokote', 'fi'))]);
    expect(aliases[stem('delivery', 'en')]).toEqual([terms.indexOf(stem('toimitus', 'fi'))]);
    // A group with no word of this FAQ adds nothing.
    expect(aliases[stem('rahti', 'fi')]).toBeUndefined();
  });

});

describe('search through the lexicon', () => {
  const FAQ: FaqEntry[] = [
    { id: 'vaccines-fi', lang: 'fi', question: 'Milloin pentu rokotetaan?', answer: 'Ensimmäinen rokote annetaan 12 viikon iässä.', keywords: ['rokotus', 'rokote'] },
    { id: 'hours-fi', lang: 'fi', question: 'Milloin klinikka on auki?', answer: 'Arkisin 8–20.', keywords: ['aukioloajat'] },
  ];

  it('finds the entry for a word only the lexicon knows, and not without it', () => {
    // The built-in lexicon groups "piikki" (colloquial: a jab) with "rokote".
    expect(createFaqSearch(FAQ).search('koska pentu pitää viedä piikille', 'fi').results[0]?.entry.id).toBe('vaccines-fi');
    const bare = createFaqSearch(FAQ, { synonymStrength: 0 }).search('piikki', 'fi');
    expect(bare.results).toEqual([]);
  });

  it('matches an abbreviation as typed, never the stem of a longer word', () => {
    const faq = createFaqSearch([
      { id: 'code-fi', lang: 'fi', question: 'Mistä saan uuden tunnusluvun?', answer: 'Tilaa se verkkopankista.', keywords: ['tunnusluku'] },
      { id: 'hours-fi', lang: 'fi', question: 'Milloin konttori on auki?', answer: 'Arkisin 9–16.' },
    ]);
    // The lexicon groups "pin" with "tunnusluku"; "pinnan" (a surface's) also stems to "pin".
    expect(faq.search('pin', 'fi').results[0]?.entry.id).toBe('code-fi');
    expect(faq.search('pinnan naarmu', 'fi').results).toEqual([]);
  });
});
