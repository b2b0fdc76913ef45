import { describe, expect, it } from 'vitest';
import { stemEn, stemFi } from './stem';
import { fold } from './text';

describe('stemmers', () => {
  it.each([
    ['toimitus', 'toimituksen', 'toimitukset', 'toimitusta', 'toimitukseen', 'toimituksiin'],
    ['paketti', 'paketin', 'paketit', 'paketissa'],
    ['myymälä', 'myymalasta', 'myymälöissä'],
    ['sohva', 'sohvan', 'sohvaa', 'sohvalla', 'sohvia'],
    ['ihminen', 'ihmisen'],
    ['koti', 'kotiin'],
  ])('Finnish forms of %s share a stem', (...forms) => {
    expect(new Set(forms.map((f) => stemFi(fold(f)))).size).toBe(1);
  });

  it.each([
    ['deliver', 'delivery', 'delivered', 'delivering', 'deliveries'],
    ['ship', 'shipping', 'shipped', 'shipment'],
    ['return', 'returns', 'returned', 'returning'],
  ])('English forms of %s share a stem', (...forms) => {
    expect(new Set(forms.map(stemEn)).size).toBe(1);
  });

  it('keeps unrelated short words apart', () => {
    expect(stemFi('takuu')).not.toBe(stemFi('takaa'));
    expect(stemEn('address')).toBe('adres');
  });

  it('strips the question clitic, but not a noun ending in -ko', () => {
    expect(stemFi('toimiiko')).toBe(stemFi('toimii'));
    expect(stemFi('voinko')).toBe(stemFi('voin'));
    // katko (an outage) is not "kat" + -ko, which "kattoo" (spoken: to look) also stems to.
    expect(stemFi('katko')).not.toBe(stemFi('kattoo'));
  });
});
