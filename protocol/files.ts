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
