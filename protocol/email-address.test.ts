import { describe, expect, it } from 'vitest';
import { ADDRESS_SCAN, emailAddresses, lastEmailAddress } from './email-address';
import { LIMITS } from './limits';

describe('lastEmailAddress', () => {
  it('finds an address written in a sentence, without the full stop after it', () => {
    expect(lastEmailAddress(['Vastatkaa osoitteeseen matti.meikalainen@example.fi.'])).toBe('matti.meikalainen@example.fi');
  });

  it('takes the latest address when the visitor corrects it', () => {
    expect(lastEmailAddress(['matti@example.fi', 'ei kun matti@example.com, kiitos', 'kiitos'])).toBe('matti@example.com');
  });

  it("skips an address at the site's own mail domain or one under it, whatever its case: the visitor telling where they wrote before", () => {
    const texts = ['Osoitteeni on matti@example.fi', 'Lähetin jo eilen sähköpostia osoitteeseen tuki@kotipesa.example, ja Myynti@Posti.KOTIPESA.example.'];
    expect(lastEmailAddress(texts, 'kotipesa.example')).toBe('matti@example.fi');
    expect(lastEmailAddress(texts.slice(1), 'Kotipesa.Example')).toBeNull();
    // Only that domain: not one that merely ends in its letters.
    expect(lastEmailAddress(['matti@ei-kotipesa.example'], 'kotipesa.example')).toBe('matti@ei-kotipesa.example');
    expect(lastEmailAddress(texts)).toBe('Myynti@Posti.KOTIPESA.example');
  });

  it('finds none in text without one', () => {
    expect(lastEmailAddress(['maksoin @ kassalla', 'matti@localhost', ''])).toBeNull();
  });
});

describe('emailAddresses', () => {
  it('gives each whole address in a text, never a part of a longer one', () => {
    expect(emailAddresses('pekka.matti@example.fi, ...matti@example.fi. tai matti@example.fi.fake')).toEqual(['pekka.matti@example.fi', 'matti@example.fi', 'matti@example.fi.fake']);
  });
});

describe('the scan for addresses', () => {
  // What makes it linear (no timed assertion here: speed is measured in bench/email-scan.bench.ts).
  // Each step of the scan takes a whole run of local-part characters, so a run is read once; a
  // pattern that could start inside a run retried one without an @ from each of its characters.
  it('reads a long run of letters without an @ in one step, never again from a later character of it', () => {
    const text = `${'a'.repeat(LIMITS.text - 2)} @`;
    const steps = [...text.matchAll(new RegExp(ADDRESS_SCAN.source, 'g'))].map((m) => [m.index, m[0].length]);
    expect(steps).toEqual([[0, LIMITS.text - 2]]);
    expect(lastEmailAddress([text, 'a'.repeat(LIMITS.text)])).toBeNull();
  });

  it('finds what a pattern free to start anywhere found, also where one address runs into the next', () => {
    expect(emailAddresses('a@b.fi_x@c.fi a@b.fi.c@d.fi matti@localhost@example.fi b.c@d@e.fi')).toEqual(['a@b.fi', '_x@c.fi', 'a@b.fi', 'c@d.fi', 'localhost@example.fi', 'd@e.fi']);
    expect(emailAddresses(`${'.'.repeat(50)}matti@example.fi ${'a'.repeat(LIMITS.text)}@example.fi`)).toEqual(['matti@example.fi', `${'a'.repeat(LIMITS.text)}@example.fi`]);
  });
});
