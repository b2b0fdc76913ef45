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

  it("skips the site's own From address, whatever its case, but not another address at a public provider it may be at", () => {
    const site = { from: 'kauppa.tuki@gmail.com' };
    expect(lastEmailAddress(['Osoitteeni on matti@gmail.com', 'Kirjoitin jo osoitteeseen Kauppa.Tuki@Gmail.com.'], site)).toBe('matti@gmail.com');
    expect(lastEmailAddress(['kauppa.tuki@gmail.com'], site)).toBeNull();
  });

  it("skips an address at the host of the visitor's page, or a domain above or below it, whatever its case: the visitor telling where they wrote before", () => {
    const texts = ['Osoitteeni on matti@example.fi', 'Lähetin jo eilen sähköpostia osoitteeseen tuki@kotipesa.example, ja Myynti@Posti.KOTIPESA.example.'];
    const site = { from: 'noreply@mg.kotipesa.example', host: 'www.kotipesa.example' };
    expect(lastEmailAddress(texts, site)).toBe('matti@example.fi');
    expect(lastEmailAddress(texts.slice(1), { host: 'WWW.Kotipesa.Example' })).toBeNull();
    expect(lastEmailAddress(['x@www.kotipesa.example'], site)).toBeNull();
    // Only the site's: not a domain that merely ends in its letters, nor one above the site's domain.
    expect(lastEmailAddress(['matti@ei-kotipesa.example'], site)).toBe('matti@ei-kotipesa.example');
    expect(lastEmailAddress(['matti@posti.example'], { host: 'kotipesa.example' })).toBe('matti@posti.example');
    expect(lastEmailAddress(texts)).toBe('Myynti@Posti.KOTIPESA.example');
  });

  it("skips an address at another subdomain of the site, but never takes a public suffix (co.uk) for the site's domain", () => {
    // A page at shop.kotipesa.example: the site's mail is at www., posti., mg. beside it, and above.
    for (const address of ['info@www.kotipesa.example', 'posti@mg.kotipesa.example', 'myynti@kotipesa.example'])
      expect(lastEmailAddress(['matti@gmail.example', address], { host: 'shop.kotipesa.example' })).toBe('matti@gmail.example');
    expect(lastEmailAddress(['x@asiakaspalvelu.kauppa.fi'], { host: 'verkkokauppa.kauppa.fi' })).toBeNull();
    expect(lastEmailAddress(['x@example.co.uk'], { host: 'shop.example.co.uk' })).toBeNull();
    // A site at example.co.uk or example.com.au is not all of co.uk or com.au.
    expect(lastEmailAddress(['matti@other.co.uk'], { host: 'example.co.uk' })).toBe('matti@other.co.uk');
    expect(lastEmailAddress(['matti@other.co.uk'], { host: 'www.example.co.uk' })).toBe('matti@other.co.uk');
    expect(lastEmailAddress(['matti@other.com.au'], { host: 'example.com.au' })).toBe('matti@other.com.au');
  });

  it('takes no domain as the site\'s for a page at an IP address or a host without a dot', () => {
    expect(lastEmailAddress(['matti@posti.localhost'], { host: 'localhost' })).toBe('matti@posti.localhost');
    expect(lastEmailAddress(['matti@posti.localhost'], { host: 'www.localhost' })).toBe('matti@posti.localhost');
    expect(lastEmailAddress(['matti@example.fi'], { host: '192.0.2.1' })).toBe('matti@example.fi');
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
