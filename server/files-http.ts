// Files a visitor sends into their conversation (protocol/files.ts): uploaded over HTTP, since a
// socket frame is small, stored with the event that shows it, and fetched back by the visitor
// who sent it or by an agent. What a file is comes from its first bytes alone (file-type.ts), and
// it is served so that no browser runs it: its sniffed type, nosniff, a sandboxing policy, and a
// PDF as a download.
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import { FILE_HEADERS, FILE_LIMIT_TEXT, FILES_PATH, fields, LIMITS, type FileSent } from '../protocol';
import type { Outcome } from './conversations';
import { fileTypeOf } from './file-type';
import { bearer, HttpError, sendJson } from './http-kit';
import { createTokenBucket, type TokenBucket } from './rate-limit';
import type { FileRecord, StoredFile } from './store/types';

export interface FileRoutesOptions {
  /** The visitor whose token this is, or null. */
  visitorOf: (token: string) => Promise<string | null>;
  /** Whether a console's token is a live agent session. */
  agentToken: (token: string) => Promise<boolean>;
  /** Stores the file and its event in the visitor's open conversation; a resend (same client id) finds the first. */
  send: (visitorId: string, clientId: string, file: StoredFile) => Promise<Outcome & { fileId?: string }>;
  file: (id: string) => Promise<FileRecord | null>;
  /** Whether a page of this Origin may send (undefined: not a browser), as on the visitor socket. */
  originAllowed: (origin: string | undefined) => boolean;
  newFileId: () => string;
}

/** Files per visitor: a few photos at once, then one every few seconds. */
const UPLOAD_RATE = Object.freeze({ perSecond: 0.2, burst: 5 });
/** The headers a widget on another site sends, which its browser asks about first (CORS preflight). */
const ALLOWED_HEADERS = ['authorization', 'content-type', FILE_HEADERS.id.toLowerCase(), FILE_HEADERS.name.toLowerCase()].join(', ');
/** Shown as they are; a PDF is saved rather than opened in the console's origin. */
const INLINE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

const clientIdOf = (req: IncomingMessage) => v.safeParse(fields.clientId, req.headers[FILE_HEADERS.id.toLowerCase()]);

function nameOf(req: IncomingMessage): string {
  const raw = req.headers[FILE_HEADERS.name.toLowerCase()];
  let name: string | undefined;
  try {
    name = typeof raw === 'string' ? decodeURIComponent(raw).trim() : undefined;
  } catch {
    name = undefined;
  }
  const parsed = v.safeParse(fields.fileName, name);
  if (!parsed.success) throw new HttpError(400, 'bad_message', `Send ${FILE_HEADERS.name}: the file's name, encodeURIComponent'd, 1 to ${LIMITS.fileName} characters.`);
  return parsed.output;
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
  const mayUpload = (visitorId: string) => {
    let bucket = buckets.get(visitorId);
    if (!bucket) buckets.set(visitorId, (bucket = createTokenBucket(UPLOAD_RATE.perSecond, UPLOAD_RATE.burst, Date.now())));
    // Forgotten all at once now and then, so the map does not grow with every visitor ever seen.
    if (buckets.size > 10_000) buckets.clear();
    return bucket.take(Date.now());
  };

  async function upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const visitorId = await options.visitorOf(bearer(req));
    if (!visitorId) throw new HttpError(401, 'unauthorized');
    const clientId = clientIdOf(req);
    if (!clientId.success) throw new HttpError(400, 'bad_message', `Send ${FILE_HEADERS.id}: a client id, as a message's (letters, digits, - or _).`);
    const name = nameOf(req);
    if (!mayUpload(visitorId)) throw new HttpError(429, 'rate_limited', 'Too many files at once; wait a moment.');
    const bytes = await readFile(req);
    const type = fileTypeOf(bytes.subarray(0, 16));
    if (!type) throw new HttpError(415, 'bad_file');
    const sent = await options.send(visitorId, clientId.output, { id: options.newFileId(), type, name, bytes });
    if (!sent.ok) throw new HttpError(409, sent.code);
    const answer: FileSent = { conversationId: sent.conversationId, seq: sent.seq, fileId: sent.fileId ?? '' };
    sendJson(res, 200, JSON.stringify(answer));
  }

  async function download(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const token = bearer(req);
    const file = await options.file(id);
    // Someone else's file is answered as no file at all: its existence is not theirs to learn either.
    const allowed = file !== null && ((await options.agentToken(token)) || (await options.visitorOf(token)) === file.visitorId);
    if (!allowed) throw new HttpError(404, 'not_found', 'No such file.');
    const disposition = INLINE.has(file.type) ? 'inline' : 'attachment';
    res.writeHead(200, {
      'Content-Type': file.type,
      'Content-Length': file.bytes.length,
      'Content-Disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    res.end(file.bytes);
  }

  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    if (path === FILES_PATH) {
      const origin = req.headers.origin;
      if (!options.originAllowed(origin)) throw new HttpError(403, 'origin_not_allowed', 'This origin may not send files here.');
      // The widget runs on the site's pages, another origin than this server's.
      if (origin) res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': ALLOWED_HEADERS, 'Access-Control-Max-Age': '600' }).end();
      } else if (req.method === 'POST') {
        await upload(req, res);
      } else {
        throw new HttpError(405, 'bad_message', 'Use POST.');
      }
      return true;
    }
    if (path.startsWith(`${FILES_PATH}/`)) {
      if (req.method !== 'GET') throw new HttpError(405, 'bad_message', 'Use GET.');
      await download(req, res, path.slice(FILES_PATH.length + 1));
      return true;
    }
    return false;
  };
}
