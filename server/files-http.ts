// Files sent into a conversation (protocol/files.ts), by its visitor or by the agent who has it:
// uploaded over HTTP, since a socket frame is small, stored with the event that shows it, and
// fetched back by the conversation's visitor or by an agent. What a file is comes from its first
// bytes alone (file-type.ts), and it is served so that no browser runs it: its sniffed type,
// nosniff, a sandboxing policy, and a PDF as a download.
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import { FILE_HEADERS, FILE_LIMIT_TEXT, FILES_PATH, fields, fileNameFor, LIMITS, sendableFileName, type FileSent } from '../protocol';
import type { FileOutcome } from './conversations';
import { fileTypeOf } from './file-type';
import { bearer, HttpError, sendJson } from './http-kit';
import { createTokenBucket, type TokenBucket } from './rate-limit';
import type { AgentRef, FileRecord, StoredFile } from './store/types';

export interface FileRoutesOptions {
  /** The visitor whose token this is, or null. */
  visitorOf: (token: string) => Promise<string | null>;
  /** The agent whose live console session this token is, or null. */
  agentOf: (token: string) => Promise<AgentRef | null>;
  /** Stores the file and its event in the visitor's open conversation; a resend (same client id) finds the first. */
  send: (visitorId: string, clientId: string, file: StoredFile) => Promise<FileOutcome>;
  /** The same from an agent, into their conversation. */
  sendAsAgent: (agent: AgentRef, conversationId: string, clientId: string, file: StoredFile) => Promise<FileOutcome>;
  file: (id: string) => Promise<FileRecord | null>;
  /**
   * Whether a page of this Origin may send (undefined: not a browser), as on the visitor socket.
   * Asked of visitors only: an agent's console is this server's own page, which the site's list
   * of origins may well leave out, and its token is proof enough.
   */
  originAllowed: (origin: string | undefined) => boolean;
  newFileId: () => string;
}

/** Files per visitor (or agent): a few photos at once, then one every few seconds. */
const UPLOAD_RATE = Object.freeze({ perSecond: 0.2, burst: 5 });
/** The headers a widget on another site sends, which its browser asks about first (CORS preflight). */
const ALLOWED_HEADERS = ['authorization', 'content-type', FILE_HEADERS.id.toLowerCase(), FILE_HEADERS.name.toLowerCase()].join(', ');
const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
};
/** Shown as they are; a PDF is saved rather than opened in the console's origin. */
const INLINE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

const clientIdOf = (req: IncomingMessage) => v.safeParse(fields.clientId, header(req, FILE_HEADERS.id));

function nameOf(req: IncomingMessage): string {
  const raw = header(req, FILE_HEADERS.name);
  try {
    if (raw !== undefined) return sendableFileName(decodeURIComponent(raw));
  } catch {
    // Not encodeURIComponent's output: said below.
  }
  throw new HttpError(400, 'bad_message', `Send ${FILE_HEADERS.name}: the file's name, encodeURIComponent'd.`);
}

async function readFile(req: IncomingMessage): Promise<Buffer> {
  const tooLarge = () => new HttpError(413, 'too_large', `A file may be at most ${FILE_LIMIT_TEXT}.`);
  if (Number(req.headers['content-length'] ?? 0) > LIMITS.fileBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > LIMITS.fileBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Answers the files routes; false: the path is not one of them. */
export function createFileRoutes(options: FileRoutesOptions) {
  const buckets = new Map<string, TokenBucket>();
  const mayUpload = (sender: string) => {
    let bucket = buckets.get(sender);
    if (!bucket) buckets.set(sender, (bucket = createTokenBucket(UPLOAD_RATE.perSecond, UPLOAD_RATE.burst, Date.now())));
    // Forgotten all at once now and then, so the map does not grow with every visitor ever seen.
    if (buckets.size > 10_000) buckets.clear();
    return bucket.take(Date.now());
  };

  const refused = () => new HttpError(403, 'origin_not_allowed', 'This origin may not send or fetch files here.');

  async function upload(req: IncomingMessage, res: ServerResponse, siteOrigin: boolean): Promise<void> {
    const token = bearer(req);
    // An agent names the conversation; a visitor's is the one they have open.
    const conversationId = header(req, FILE_HEADERS.conversation);
    const agent = conversationId === undefined ? null : await options.agentOf(token);
    const visitorId = conversationId === undefined ? await options.visitorOf(token) : null;
    if (!agent && !visitorId) throw new HttpError(401, 'unauthorized');
    if (!agent && !siteOrigin) throw refused();
    const clientId = clientIdOf(req);
    if (!clientId.success) throw new HttpError(400, 'bad_message', `Send ${FILE_HEADERS.id}: a client id, as a message's (letters, digits, - or _).`);
    const name = nameOf(req);
    if (!mayUpload(agent ? `agent:${agent.id}` : visitorId!)) throw new HttpError(429, 'rate_limited', 'Too many files at once; wait a moment.');
    const bytes = await readFile(req);
    const type = fileTypeOf(bytes.subarray(0, 16));
    if (!type) throw new HttpError(415, 'bad_file');
    // Named for what it is: saved on a computer, a file is opened by its extension.
    const file = { id: options.newFileId(), type, name: fileNameFor(name, type), bytes };
    const sent = agent ? await options.sendAsAgent(agent, conversationId!, clientId.output, file) : await options.send(visitorId!, clientId.output, file);
    if (!sent.ok) throw new HttpError(sent.code === 'not_found' ? 404 : 409, sent.code);
    const answer: FileSent = { conversationId: sent.conversationId, seq: sent.seq, fileId: sent.fileId ?? '' };
    sendJson(res, 200, JSON.stringify(answer));
  }

  async function download(req: IncomingMessage, res: ServerResponse, id: string, siteOrigin: boolean): Promise<void> {
    const token = bearer(req);
    const file = await options.file(id);
    const agent = (await options.agentOf(token)) !== null;
    if (!agent && !siteOrigin) throw refused();
    // Someone else's file is answered as no file at all: its existence is not theirs to learn either.
    const allowed = file !== null && (agent || (await options.visitorOf(token)) === file.visitorId);
    if (!allowed) throw new HttpError(404, 'not_found', 'No such file.');
    const disposition = INLINE.has(file.type) ? 'inline' : 'attachment';
    res.writeHead(200, {
      'Content-Type': file.type,
      'Content-Length': file.bytes.length,
      // Stored so since files were named for their type; an older database's may not be.
      'Content-Disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(fileNameFor(file.name, file.type))}`,
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    res.end(file.bytes);
  }

  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    const one = path.startsWith(`${FILES_PATH}/`);
    if (path !== FILES_PATH && !one) return false;
    const origin = req.headers.origin;
    const siteOrigin = options.originAllowed(origin);
    // The widget runs on the site's pages, another origin than this server's.
    if (siteOrigin && origin) res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
    const method = one ? 'GET' : 'POST';
    if (req.method === 'OPTIONS') {
      // Only a page on another origin asks first, and only the site's may go on.
      if (!siteOrigin) throw refused();
      res.writeHead(204, { 'Access-Control-Allow-Methods': method, 'Access-Control-Allow-Headers': ALLOWED_HEADERS, 'Access-Control-Max-Age': '600' }).end();
    } else if (req.method !== method) {
      throw new HttpError(405, 'bad_message', `Use ${method}.`);
    } else if (one) {
      await download(req, res, path.slice(FILES_PATH.length + 1), siteOrigin);
    } else {
      await upload(req, res, siteOrigin);
    }
    return true;
  };
}
