// What a file is, by its first bytes: the only type a sent file is stored and served as. A
// name ending in .jpg or a browser's Content-Type is the sender's word; an HTML page called
// receipt.pdf must never reach an agent's browser as anything but refused.
import type { FileType } from '../protocol';

const SIGNATURES: readonly { type: FileType; bytes: readonly (number | null)[] }[] = [
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/gif', bytes: [0x47, 0x49, 0x46, 0x38] }, // GIF8(7|9)a
  // RIFF, any size, WEBP
  { type: 'image/webp', bytes: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50] },
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
];

export function fileTypeOf(head: Uint8Array): FileType | null {
  return SIGNATURES.find(({ bytes }) => bytes.length <= head.length && bytes.every((b, i) => b === null || head[i] === b))?.type ?? null;
}
