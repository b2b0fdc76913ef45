// A text file the site owner wrote (the FAQ, the saved replies), read as UTF-8 and refused when it
// is not: Node's readFile(file, 'utf8') turns every byte it cannot read into U+FFFD, so a FAQ saved
// as Latin-1 or UTF-16 would be served to visitors as "Mik� on toimitusaika?" without a word.
import { readFile } from 'node:fs/promises';

const SAVE_AS_UTF8 = 'save it as UTF-8 (in most editors: Save as… → Encoding: UTF-8) and try again';

/** The bytes as text; throws an Error that says what is wrong and how to fix it when they are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new Error(`the file is UTF-16 text, not UTF-8: ${SAVE_AS_UTF8}`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new Error(`the file has a NUL byte on line ${lineAt(bytes, nul)}: it is not plain text (UTF-16 without a byte order mark?); ${SAVE_AS_UTF8}`);
  try {
    // fatal: refuse a bad sequence rather than replace it. A UTF-8 BOM is dropped.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = Math.max(0, firstInvalidByte(bytes));
    throw new Error(
      `the file is not UTF-8 text (Latin-1 or Windows-1252?): line ${lineAt(bytes, at)} has byte 0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')} (byte ${at + 1} of the file), which is not UTF-8; ${SAVE_AS_UTF8}`,
    );
  }
}

/** Reads the file as UTF-8 text; read errors and text that is not UTF-8 throw (see decodeUtf8). */
export async function readUtf8File(file: string): Promise<string> {
  return decodeUtf8(await readFile(file));
}

/** 1-based line of the byte at `offset`. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that starts no valid UTF-8 sequence (RFC 3629: no overlongs, surrogates or beyond U+10FFFF). */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const c = bytes[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const more = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (more < 0) return i;
    const low = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const high = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    const second = bytes[i + 1];
    if (second === undefined || second < low || second > high) return i;
    for (let k = 2; k <= more; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += more + 1;
  }
  return -1;
}
