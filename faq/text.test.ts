import { describe, expect, it } from 'vitest';
import { fold, tokenize } from './text';

describe('tokenize', () => {
  it('folds case and umlauts, so a keyboard without them meets the FAQ', () => {
    expect(fold('Päivää MYYMÄLÄ')).toBe('paivaa myymala');
    expect(tokenize('Myymälä')).toEqual(tokenize('myymala'));
  });

  it('keeps a contraction one word and splits at hyphens', () => {
    expect(tokenize("where's my e-gift card")).toEqual(['wheres', 'my', 'e', 'gift', 'card']);
  });

  it('drops a case ending written after a colon, not the time of day', () => {
    expect(tokenize('vanhasta iPhone 12:sta, PS5:n ja USB:llä klo 9:30')).toEqual(['vanhasta', 'iphone', '12', 'ps5', 'ja', 'usb', 'klo', '9', '30']);
  });
});
