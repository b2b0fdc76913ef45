import { describe, expect, it } from 'vitest';
import { otherThan, whose } from './owner';

describe('whose the state is', () => {
  it('is the email the site gave, else the name, and null when it said nobody is logged in', () => {
    expect(whose({ name: 'Matti', email: 'matti@example.fi' })).toBe('matti@example.fi');
    expect(whose({ name: 'Matti' })).toBe('Matti');
    expect(whose(undefined)).toBeNull();
  });

  it('is someone else after another email or name, or nobody after somebody', () => {
    expect(otherThan('matti@example.fi', 'liisa@example.fi')).toBe(true);
    expect(otherThan('Matti', 'Liisa')).toBe(true);
    expect(otherThan('matti@example.fi', null)).toBe(true);
  });

  it('is the same customer when nothing changed, nobody was known, or the site has said nothing', () => {
    expect(otherThan('matti@example.fi', 'matti@example.fi')).toBe(false);
    expect(otherThan(undefined, 'liisa@example.fi')).toBe(false);
    expect(otherThan(null, 'liisa@example.fi')).toBe(false);
    expect(otherThan('matti@example.fi', undefined)).toBe(false);
  });

  it('may be the same customer when a name on one page is an email on the next, or back: their chat is kept', () => {
    expect(otherThan('Matti', 'matti@example.fi')).toBe(false);
    expect(otherThan('matti@example.fi', 'Matti')).toBe(false);
  });
});
