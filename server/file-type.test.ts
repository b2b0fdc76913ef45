import { describe, expect, it } from 'vitest';
import { fileTypeOf } from './file-type';

const bytes = (...values: (number | string)[]) => new Uint8Array(values.flatMap((v) => (typeof v === 'string' ? [...Buffer.from(v, 'latin1')] : [v])));

describe('a file is what its first bytes say', () => {
  it('knows the photos and documents a visitor sends', () => {
    expect(fileTypeOf(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'JFIF'))).toBe('image/jpeg');
    expect(fileTypeOf(bytes(0x89, 'PNG\r\n', 0x1a, '\n', 0, 0, 0, 13, 'IHDR'))).toBe('image/png');
    expect(fileTypeOf(bytes('GIF89a', 1, 0))).toBe('image/gif');
    expect(fileTypeOf(bytes('RIFF', 0x24, 0x08, 0, 0, 'WEBPVP8 '))).toBe('image/webp');
    expect(fileTypeOf(bytes('%PDF-1.7\n'))).toBe('application/pdf');
  });

  it('refuses anything else, whatever it is called: a page, a script, a RIFF that is not WebP, too few bytes', () => {
    expect(fileTypeOf(bytes('<!doctype html><script>alert(1)</script>'))).toBeNull();
    expect(fileTypeOf(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(fileTypeOf(bytes('RIFF', 0x24, 0x08, 0, 0, 'WAVEfmt '))).toBeNull();
    expect(fileTypeOf(bytes(0xff, 0xd8))).toBeNull();
    expect(fileTypeOf(bytes())).toBeNull();
  });
});
