import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits';
import { fileNameFor, sendableFileName } from './files';

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

  it('leaves out bidi overrides and isolates, which would show another extension than the real one', () => {
    // Shown as "kuittiexe.pdf" with the override kept.
    expect(sendableFileName('kuitti\u202Efdp.exe')).toBe('kuittifdp.exe');
    expect(sendableFileName('\u2066kuitti.pdf\u2069')).toBe('kuitti.pdf');
  });
});

describe('the name a file is stored and saved under', () => {
  it("ends in an extension of the type its bytes say, so a computer opens it as that: kept when it has one, else added", () => {
    expect(fileNameFor('kuitti.html', 'application/pdf')).toBe('kuitti.html.pdf');
    expect(fileNameFor('IMG_1234.JPG', 'image/jpeg')).toBe('IMG_1234.JPG');
    expect(fileNameFor('sohva.jpeg', 'image/jpeg')).toBe('sohva.jpeg');
    expect(fileNameFor('sohva.png', 'image/webp')).toBe('sohva.png.webp');
    expect(fileNameFor('lasku', 'application/pdf')).toBe('lasku.pdf');
  });

  it('keeps the extension when a long name is cut to the limit', () => {
    const name = fileNameFor('a'.repeat(LIMITS.fileName), 'image/gif');
    expect(name).toBe(`${'a'.repeat(LIMITS.fileName - 4)}.gif`);
  });
});
