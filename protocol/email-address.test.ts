import { describe, expect, it } from 'vitest';
import { emailAddresses, lastEmailAddress } from './email-address';

describe('lastEmailAddress', () => {
  it('finds an address written in a sentence, without the full stop after it', () => {
    expect(lastEmailAddress(['Vastatkaa osoitteeseen matti.meikalainen@example.fi.'])).toBe('matti.meikalainen@example.fi');
  });

  it('takes the latest address when the visitor corrects it', () => {
    expect(lastEmailAddress(['matti@example.fi', 'ei kun matti@example.com, kiitos', 'kiitos'])).toBe('matti@example.com');
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
