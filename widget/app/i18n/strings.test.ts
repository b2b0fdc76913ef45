import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../protocol/limits';
import en from './en';
import fi from './fi';

describe('the words for a sent file', () => {
  it('give its size in kilobytes rounded up under 1 000 of them, else in megabytes with one decimal, as each language writes them', () => {
    const sizes = [1, 1023, 1024, 50_195, 340 * 1024, 999 * 1024, 999 * 1024 + 1, 1024 * 1024 - 1, 1024 * 1024, 1_258_291, 10 * 1024 * 1024];
    expect(sizes.map((n) => fi.file('a.jpg', n))).toEqual(
      ['1 kt', '1 kt', '1 kt', '50 kt', '340 kt', '999 kt', '1,0 Mt', '1,0 Mt', '1,0 Mt', '1,2 Mt', '10,0 Mt'].map((s) => `a.jpg (${s})`),
    );
    expect(sizes.map((n) => en.file('a.jpg', n))).toEqual(
      ['1 KB', '1 KB', '1 KB', '50 KB', '340 KB', '999 KB', '1.0 MB', '1.0 MB', '1.0 MB', '1.2 MB', '10.0 MB'].map((s) => `a.jpg (${s})`),
    );
  });

  // The locale chunks spell the limit out rather than import it (an import would split the app
  // chunk in two): this keeps them saying what protocol/limits.ts enforces.
  it('name the limit the protocol sets', () => {
    const megabytes = LIMITS.fileBytes / 2 ** 20;
    expect(fi.errors.too_large).toContain(` ${megabytes} Mt.`);
    expect(en.errors.too_large).toContain(` ${megabytes} MB.`);
  });
});
