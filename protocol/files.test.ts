import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits';
import { sendableFileName } from './files';

describe('the name a file is sent under', () => {
  it('is the file\'s own name when the server takes it', () => {
    expect(sendableFileName('palautuslappu ä.pdf')).toBe('palautuslappu ä.pdf');
  });

  it('is cut to the limit with its extension kept, never halfway through an emoji', () => {
    const long = `${'a'.repeat(LIMITS.fileName - 6)}📦📦📦.pdf`;
    const name = sendableFileName(long);
    expect(name.length).toBeLessThanOrEqual(LIMITS.fileName);
    expect(name).toBe(`${'a'.repeat(LIMITS.fileName - 6)}📦.pdf`);
    expect(() => encodeURIComponent(name)).not.toThrow();
  });

  it("leaves out control characters, which would break a header or a download's name", () => {
    expect(sendableFileName('kuitti\u0007.pdf')).toBe('kuitti.pdf');
  });
});
