// Files sent into a conversation (protocol/files.ts), by its visitor or by the agent who has it:
// uploaded over HTTP, since a socket frame is small, stored with the event that shows it, and
// fetched back by the conversation's visitor or by an agent. What a file is comes from its first
// bytes alone (file-type.ts), and it is served so that no browser runs it: its sniffed type,
// nosniff, a sandboxing policy, and a PDF as a download.
//
// Each upload is held in memory until it is stored, and visitors cost nothing to create, so a
// limit per visitor alone let 10 fresh visitors put 50 files of 10 MB in at once (522 MB on
// disk in 3.5 s, 735 MB of memory). So there are also limits per client address (how fast, how
// many at once, how many bytes a day), a cap on uploads under way in the whole server, and a
// most a conversation holds (defaults.ts DEFAULTS.uploads). An agent is limited per agent and by
// the server's cap for agents only: their token is proof of who they are, and a team shares an
// office's address. A body slower than the slowest pace taken is cut (upload-body.ts), so
// stalled uploads do not keep their places.
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import { FILE_HEADERS, FILES_PATH, fields, fileNameFor, LIMITS, sendableFileName, type FileSent } from '../protocol';
import { addressKey } from './client-address';
import type { UploadLimits } from './defaults';
import type { FileOutcome } from './conversations';
import { fileTypeOf } from './file-type';
import { bearer, HttpError, sendJson } from './http-kit';
import { createTokenBucket, type TokenBucket } from './rate-limit';
import type { AgentRef, FileRecord, StoredFile } from './store/types';
import { readUploadBody, tooLarge } from './upload-body';

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
  originAllowed: (origin: string | undefined, host: string | undefined) => boolean;
  newFileId: () => string;
  /** The visitor's queued or active conversation, where their file goes. */
  openConversationId: (visitorId: string) => Promise<string | null>;
  /** Bytes of the files a conversation holds. */
  fileBytes: (conversationId: string) => Promise<number>;
  /** Whom a request is from: the peer, or behind trusted proxies the client they name (client-address.ts). */
  clientAddress: (req: IncomingMessage) => string;
  /** Addresses not limited per address: loopback, a proxy on this host carrying every client (ip-limits.ts). */
  unlimitedAddress: (address: string) => boolean;
  limits: UploadLimits;
  now?: () => number;
}

const MB = 1024 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Maps keyed by sender or address are forgotten all at once past this, so they do not grow with every visitor ever seen. */
const MAX_KEYS = 10_000;
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

/** Answers the files routes; false: the path is not one of them. */
export function createFileRoutes(options: FileRoutesOptions) {
  const { limits } = options;
  const now = options.now ?? Date.now;
  const bucketsOf = (rate: { perSecond: number; burst: number }) => {
    const buckets = new Map<string, TokenBucket>();
    return (key: string) => {
      let bucket = buckets.get(key);
      if (!bucket) buckets.set(key, (bucket = createTokenBucket(rate.perSecond, rate.burst, now())));
      if (buckets.size > MAX_KEYS) buckets.clear();
      return bucket.take(now());
    };
  };
  const mayUpload = bucketsOf(limits.perSender);
  const addressMayUpload = bucketsOf(limits.perAddress);
  /**
   * Uploads under way: visitors' and agents' apart, and per address key. Visitors share
   * `limits.concurrent`, agents have `limits.agentsConcurrent` of their own: with one count for
   * both, anyone (a visitor costs nothing) could hold every place and keep an agent's file out.
   * Two counts, each against its own cap, is simpler to reason about than places kept back for
   * agents within one; it adds the agents' few to what is in memory at most.
   */
  const active = { visitors: 0, agents: 0 };
  const activeAt = new Map<string, number>();
  /** Bytes each address key sent today (UTC), those under way included. */
  let today = Math.floor(now() / DAY_MS);
  let sentToday = new Map<string, number>();
  /** Bytes under way into each conversation, not yet in `fileBytes`. */
  const pendingIn = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, n: number) => {
    const sum = (map.get(key) ?? 0) + n;
    if (sum > 0) map.set(key, sum);
    else map.delete(key);
  };
  const busy = (message: string) => new HttpError(429, 'rate_limited', message);

  /**
   * Takes a place for one upload of (about) `bytes` or says why not; the place is held until
   * `release`, while the file is in memory, and what it counts against is under way meanwhile.
   */
  async function admit(res: ServerResponse, req: IncomingMessage, visitorId: string | null, bytes: number) {
    const address = options.clientAddress(req);
    const key = visitorId !== null && !options.unlimitedAddress(address) ? addressKey(address) : null;
    const day = Math.floor(now() / DAY_MS);
    if (day !== today) [today, sentToday] = [day, new Map()];
    if (key !== null && !addressMayUpload(key)) throw busy('Too many files from this address; wait a moment.');
    if (key !== null && (sentToday.get(key) ?? 0) + bytes > limits.addressBytesPerDay) {
      // Not "too many at once": waiting a moment does not help, so the clients say so.
      throw new HttpError(429, 'daily_quota', `This address has sent ${limits.addressBytesPerDay / MB} MB of files today, the most a day; the rest can wait until tomorrow (UTC).`);
    }
    const pool = visitorId === null ? 'agents' : 'visitors';
    const most = visitorId === null ? limits.agentsConcurrent : limits.concurrent;
    if (active[pool] >= most || (key !== null && (activeAt.get(key) ?? 0) >= limits.concurrentPerAddress)) {
      // Every place is taken by a file on its way: one of them will be done soon.
      res.setHeader('Retry-After', '5');
      throw busy('Too many files are being sent at once; try again in a moment.');
    }
    // Taken before the first await, so uploads arriving together cannot all pass the checks above.
    active[pool] += 1;
    if (key !== null) {
      add(activeAt, key, 1);
      add(sentToday, key, bytes);
    }
    let counted = bytes;
    /** The conversation this upload is counted as under way into, once it is. */
    let into: string | null = null;
    const release = () => {
      active[pool] -= 1;
      if (key !== null) add(activeAt, key, -1);
      if (into !== null) add(pendingIn, into, -counted);
      if (sentToday.size > MAX_KEYS) sentToday.clear();
    };
    const refund = () => {
      if (key !== null) add(sentToday, key, -counted);
    };
    try {
      const conversationId = visitorId === null ? null : await options.openConversationId(visitorId);
      if (conversationId !== null) {
        const held = (await options.fileBytes(conversationId)) + (pendingIn.get(conversationId) ?? 0);
        if (held + bytes > limits.conversationBytes) {
          // Not "the file is too large": it is no larger than a file may be; the conversation is (nearly) full.
          throw new HttpError(413, 'conversation_full', `This conversation holds ${Math.round(held / MB)} MB of files, and ${limits.conversationBytes / MB} MB is the most one takes.`);
        }
        add(pendingIn, conversationId, bytes);
        into = conversationId;
      }
    } catch (error) {
      refund();
      release();
      throw error;
    }
    return {
      /** The body turned out `size` bytes (none was declared): counted as that from now on. */
      resize(size: number) {
        if (key !== null) add(sentToday, key, size - counted);
        if (into !== null) add(pendingIn, into, size - counted);
        counted = size;
      },
      /** Not stored: today's bytes give it back. */
      refund,
      release,
    };
  }

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
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > LIMITS.fileBytes) throw tooLarge();
    if (!mayUpload(agent ? `agent:${agent.id}` : visitorId!)) throw new HttpError(429, 'rate_limited', 'Too many files at once; wait a moment.');
    // Without a Content-Length (chunked) a body may be up to the most a file is: reckoned so until it is read.
    const place = await admit(res, req, agent ? null : visitorId, Number.isSafeInteger(declared) && declared > 0 ? declared : LIMITS.fileBytes);
    let stored = false;
    try {
      const bytes = await readUploadBody(req, limits.minRate);
      place.resize(bytes.length);
      const type = fileTypeOf(bytes.subarray(0, 16));
      if (!type) throw new HttpError(415, 'bad_file');
      // Named for what it is: saved on a computer, a file is opened by its extension.
      const file = { id: options.newFileId(), type, name: fileNameFor(name, type), bytes };
      const sent = agent ? await options.sendAsAgent(agent, conversationId!, clientId.output, file) : await options.send(visitorId!, clientId.output, file);
      if (!sent.ok) throw new HttpError(sent.code === 'not_found' ? 404 : 409, sent.code);
      stored = true;
      const answer: FileSent = { conversationId: sent.conversationId, seq: sent.seq, fileId: sent.fileId ?? '' };
      sendJson(res, 200, JSON.stringify(answer));
    } finally {
      if (!stored) place.refund();
      place.release();
    }
  }

  async function download(req: IncomingMessage, res: ServerResponse, id: string, siteOrigin: boolean): Promise<void> {
    const token = bearer(req);
    const file = await options.file(id);
    const agent = (await options.agentOf(token)) !== null;
    if (!agent && !siteOrigin) throw refused();
    // A token that is nobody's (any more) is told so, as a missing one is: an agent whose session
    // ran out was told the file was gone, where logging in again gets it. The same whether the
    // file exists or not, so it tells a stranger nothing.
    const visitorId = agent ? null : await options.visitorOf(token);
    if (!agent && visitorId === null) throw new HttpError(401, 'unauthorized', 'The session token has expired or was ended.');
    // Someone else's file is answered as no file at all: its existence is not theirs to learn either.
    const allowed = file !== null && (agent || visitorId === file.visitorId);
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
    const siteOrigin = options.originAllowed(origin, req.headers.host);
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
