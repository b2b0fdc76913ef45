// The widget's FAQ routes: the bundle (GET /api/faq, compressed once per load and encoding) and
// the beacons of answers shown or found helpful (POST FAQ_STATS_PATH). Apart from the console's
// routes (console-http.ts) because every visitor's page calls these, without a session.
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import * as v from 'valibot';
import { FAQ_STATS_PATH, faqStat } from '../protocol';
import type { FaqStat } from '../protocol';
import { perAddress } from './address-rate';
import { HttpError, JSON_TYPE, readJson, sendJson, type ApiRoute } from './http-kit';

export interface FaqRouteOptions {
  /** The current FAQ bundle, serialised once per load, and its ETag. */
  faq: () => { json: string; etag: string };
  /** Whether a page of this Origin, sent to this Host, may send (origin undefined: not a browser), as on the visitor socket. */
  originAllowed: (origin: string | undefined, host: string | undefined) => boolean;
  /** Counts a widget's beacon of an FAQ answer shown or found helpful; false: the FAQ has no such entry. */
  faqStat: (stat: FaqStat) => boolean;
  /**
   * Client addresses whose beacons are not limited: loopback, a reverse proxy on the same host,
   * whose visitors all share its address (as for sockets, ip-limits.ts). Logins are limited even there.
   */
  unlimitedBeacons: (address: string) => boolean;
  /** Whom a request is from: the peer, or behind trusted proxies the client they name (client-address.ts). */
  clientAddress: (req: IncomingMessage) => string;
}

/** FAQ beacons per client address: a visitor reading answers sends a few a minute; more is someone inflating the counts. */
const FAQ_STAT_RATE = Object.freeze({ perSecond: 0.5, burst: 30 });
/** A beacon is about 60 bytes. */
const FAQ_STAT_BYTES = 512;

/** The FAQ's routes by path. `now` is the beacons' rate limit's clock. */
export function faqRoutes(options: FaqRouteOptions, now: () => number): Record<string, ApiRoute> {
  // The bundle compressed once per load and encoding (the demo's: 54 KB of JSON, 14 KB brotli).
  let cache: { etag: string; bodies: Map<Encoding, Promise<Buffer>> } = { etag: '', bodies: new Map() };
  const compressed = (faq: { json: string; etag: string }, encoding: Encoding): Promise<Buffer> => {
    if (cache.etag !== faq.etag) cache = { etag: faq.etag, bodies: new Map() };
    let body = cache.bodies.get(encoding);
    if (!body) cache.bodies.set(encoding, (body = COMPRESS[encoding](faq.json)));
    return body;
  };
  const beacons = perAddress(FAQ_STAT_RATE, options.unlimitedBeacons, options.clientAddress, now);

  return {
    '/api/faq': async (req, res) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'bad_message', 'Use GET.');
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('Vary', 'Accept-Encoding');
      const faq = options.faq();
      const encoding = pickEncoding(req.headers['accept-encoding']);
      // Each encoding is its own representation, so its own strong ETag.
      const etag = encoding ? `${faq.etag.slice(0, -1)}-${encoding}"` : faq.etag;
      res.setHeader('ETag', etag);
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
      if (!encoding) return sendJson(res, 200, faq.json);
      const body = await compressed(faq, encoding);
      res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Encoding': encoding, 'Content-Length': body.length });
      return void res.end(body);
    },
    [FAQ_STATS_PATH]: async (req, res) => {
      if (req.method !== 'POST') throw new HttpError(405, 'bad_message', 'Use POST.');
      if (!options.originAllowed(req.headers.origin, req.headers.host)) throw new HttpError(403, 'origin_not_allowed', 'This origin may not send FAQ figures here.');
      if (!beacons(req)) throw new HttpError(429, 'rate_limited');
      // navigator.sendBeacon sends a string as text/plain, which needs no CORS preflight.
      const parsed = v.safeParse(faqStat, await readJson(req, FAQ_STAT_BYTES, ['text/plain', 'application/json']));
      if (!parsed.success) throw new HttpError(400, 'bad_message', 'Send {"kind": "shown" or "helped", "faqId": an entry\'s id}.');
      if (!options.faqStat(parsed.output)) throw new HttpError(400, 'unknown_faq_entry');
      return void res.writeHead(204).end();
    },
  };
}

type Encoding = 'br' | 'gzip';

const COMPRESS: Record<Encoding, (text: string) => Promise<Buffer>> = {
  br: (text) => promisify(brotliCompress)(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }),
  gzip: (text) => promisify(gzip)(text, { level: 9 }),
};

/** Brotli where the client takes it, else gzip, else none (q=0 refuses an encoding). */
function pickEncoding(accept: string | undefined): Encoding | undefined {
  const offered = new Set(
    (accept ?? '')
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter((part) => !/;\s*q=0(\.0*)?$/.test(part))
      .map((part) => part.split(';')[0]!),
  );
  return offered.has('br') ? 'br' : offered.has('gzip') ? 'gzip' : undefined;
}
