// Files sent into a conversation (a visitor's photo of the damaged sofa, an agent's return label): uploaded
// over HTTP, since a socket frame is small, then stored and numbered like a message.
//
// POST FILES_PATH, the file's bytes as the body, with
//   Authorization: Bearer <the visitor's token, or an agent console's>
//   X-Kohtaamo-Id: <a client id, as a message's: a resent upload is stored once>
//   X-Kohtaamo-Name: <the file's name, encodeURIComponent'd>
//   X-Kohtaamo-Conversation: <from an agent: the conversation, which must be theirs>
// answers { conversationId, seq, fileId }, and the event reaches every socket of the conversation.
// GET FILES_PATH/<fileId> with the token of the conversation's visitor or a console answers the file.
import { LIMITS } from './limits';

export const FILES_PATH = '/api/files';

/** What may be sent, by what its first bytes say it is (never by its name or the browser's word). */
export const FILE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf'] as const;
export type FileType = (typeof FILE_TYPES)[number];

export const FILE_HEADERS = Object.freeze({ id: 'X-Kohtaamo-Id', name: 'X-Kohtaamo-Name', conversation: 'X-Kohtaamo-Conversation' });

/** What an upload answers. */
export interface FileSent {
  conversationId: string;
  seq: number;
  fileId: string;
}

/** The largest file, for people: "10 MB". */
export const FILE_LIMIT_TEXT = `${LIMITS.fileBytes / 1024 / 1024} MB`;

/**
 * A file's name as it is stored and shown: at most LIMITS.fileName characters, no control
 * characters nor bidi embeddings, overrides or isolates, the extension kept ("file" when nothing is left). The server makes every name so,
 * rather than refuse a phone's long one; a client may too, to show what will be stored. Cut by
 * code points: half an emoji would make encodeURIComponent throw.
 */
export function sendableFileName(raw: string): string {
  // Bidi overrides too: "kuitti\u202Efdp.exe" reads as "kuittiexe.pdf".
  const name = raw.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim() || 'file';
  if (name.length <= LIMITS.fileName) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  let head = '';
  for (const ch of name.slice(0, name.length - ext.length)) {
    if (head.length + ch.length > LIMITS.fileName - ext.length) break;
    head += ch;
  }
  return head + ext;
}

/** The extensions of each type, the first being the one given to a name without any of them. */
const EXTENSIONS: Readonly<Record<FileType, readonly string[]>> = {
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'image/webp': ['.webp'],
  'image/gif': ['.gif'],
  'application/pdf': ['.pdf'],
};

/**
 * The name a file of this (sniffed) type is stored and saved under: its sendable name, ending in an
 * extension of that type (kept when it has one, in any case, else added). A computer opens a saved
 * file by its extension, not by its bytes: a PDF that is also an HTML page must not be saved as
 * `kuitti.html`, to open in a browser from the agent's disk.
 */
export function fileNameFor(raw: string, type: FileType): string {
  const name = sendableFileName(raw);
  const lower = name.toLowerCase();
  return EXTENSIONS[type].some((ext) => lower.endsWith(ext)) ? name : sendableFileName(`${name}${EXTENSIONS[type][0]}`);
}
