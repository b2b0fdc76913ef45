// What every HTTP route shares: coded errors, JSON answers and bodies, the bearer token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { ERRORS, LIMITS, type HttpErrorCode } from '../protocol';
import type { FaqEncoding } from './faq-build';

/** An expected failure: answered as `{ error: { code, message } }` with its status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    message?: string,
  ) {
    super(message ?? ERRORS[code].message);
  }
}

/** One API route's answer to a request for its path; an HttpError thrown is the coded answer. */
export type ApiRoute = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export const JSON_TYPE = 'application/json; charset=utf-8';

export function sendJson(res: ServerResponse, status: number, json: string): void {
  res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(json) });
  res.end(json);
}

/** JSON made once and compressed with it (faq-build.ts): the FAQ, the saved replies. */
export interface PrecompressedJson {
  json: string;
  etag: string;
  bodies: ReadonlyMap<FaqEncoding, Buffer>;
}

/**
 * `bundle` in the encoding the client takes, else as it is; each encoding its own representation,
 * so its own strong ETag, and a 304 to a client that has this one. The caller sets Cache-Control.
 */
export function sendPrecompressed(req: IncomingMessage, res: ServerResponse, bundle: PrecompressedJson): void {
  res.setHeader('Vary', 'Accept-Encoding');
  const accepted = pickEncoding(req.headers['accept-encoding']);
  const body = accepted && bundle.bodies.get(accepted);
  const encoding = body ? accepted : undefined;
  const etag = encoding ? `${bundle.etag.slice(0, -1)}-${encoding}"` : bundle.etag;
  res.setHeader('ETag', etag);
  if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
  if (!body) return sendJson(res, 200, bundle.json);
  res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Encoding': encoding, 'Content-Length': body.length });
  res.end(body);
}

/** Below this, compressing a body saves a few hundred bytes at most: not worth the time. */
export const COMPRESS_FROM_BYTES = 1024;
const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * JSON made for this request alone (the console's report: figures for every FAQ entry and every
 * agent, growing with the FAQ and the team), compressed as the FAQ is for a client that takes it,
 * when it is large enough to gain. Made each time, so at a middle brotli quality, quick for its
 * size, and off the event loop's thread.
 */
export async function sendJsonCompressed(req: IncomingMessage, res: ServerResponse, json: string): Promise<void> {
  // Large or small, the answer depends on the header: a cache must not give one client's to another.
  res.setHeader('Vary', 'Accept-Encoding');
  const size = Buffer.byteLength(json);
  const encoding = size >= COMPRESS_FROM_BYTES ? pickEncoding(req.headers['accept-encoding']) : undefined;
  if (!encoding) return sendJson(res, 200, json);
  const body =
    encoding === 'br'
      ? await brotliAsync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: size } })
      : await gzipAsync(json, { level: 6 });
  res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Encoding': encoding, 'Content-Length': body.length });
  res.end(body);
}

/** Brotli where the client takes it, else gzip, else none (q=0 refuses an encoding). */
function pickEncoding(accept: string | undefined): FaqEncoding | undefined {
  const offered = new Set(
    (accept ?? '')
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter((part) => !/;\s*q=0(\.0*)?$/.test(part))
      .map((part) => part.split(';')[0]!),
  );
  return offered.has('br') ? 'br' : offered.has('gzip') ? 'gzip' : undefined;
}

/** The session token of `Authorization: Bearer <token>`, or a 401 saying how to send one. */
export function bearer(req: IncomingMessage): string {
  const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!token || token.length > LIMITS.token) throw new HttpError(401, 'unauthorized', 'Send the session token as "Authorization: Bearer <token>".');
  return token;
}

/** A JSON body of one of `types`, at most `limit` bytes: else a coded 415, 413 or 400. */
export async function readJson(req: IncomingMessage, limit: number, types: readonly string[]): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!types.some((t) => type.startsWith(t))) throw new HttpError(415, 'bad_message', `Send Content-Type: ${types.join(' or ')}.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, 'too_large', `The body is larger than ${limit} bytes.`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'bad_json', 'The body is not valid JSON.');
  }
}
