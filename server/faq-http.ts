// The widget's FAQ routes: the bundle (GET /api/faq, compressed when it was loaded) and
// the beacons of answers shown or found helpful (POST FAQ_STATS_PATH). Apart from the console's
// routes (console-http.ts) because every visitor's page calls these, without a session.
import type { IncomingMessage } from 'node:http';
import * as v from 'valibot';
import { FAQ_STATS_PATH, faqStat } from '../protocol';
import type { FaqStat } from '../protocol';
import { perAddress } from './address-rate';
import { HttpError, readJson, sendPrecompressed, type ApiRoute, type PrecompressedJson } from './http-kit';

export interface FaqRouteOptions {
  /**
   * The current FAQ bundle, serialised and compressed once per load (faq-build.ts), and its ETag;
   * `lean`: the same in the widget's lean form (faq/wire.ts), for GET /api/faq?v=2.
   */
  faq: () => PrecompressedJson & { lean?: PrecompressedJson };
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
  const beacons = perAddress(FAQ_STAT_RATE, options.unlimitedBeacons, options.clientAddress, now);

  return {
    '/api/faq': async (req, res) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'bad_message', 'Use GET.');
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Cache-Control', 'no-cache');
      // The widget asks for the lean form (`v=2`); the console, and a widget loaded from a server
      // before it, for the plain one, which stays as it was.
      const plain = options.faq();
      const faq = (new URLSearchParams(req.url?.split('?')[1]).get('v') === '2' && plain.lean) || plain;
      // Compressed when it was loaded (the demo's: 54 KB of JSON, 15 KB brotli; 1,000 entries: 2.2 MB, 220 KB;
      // lean, bench/faq-load.bench.ts: 17 % fewer bytes brotli, 30 % fewer to parse), never here.
      return sendPrecompressed(req, res, faq);
    },
    [FAQ_STATS_PATH]: async (req, res) => {
      if (req.method !== 'POST') throw new HttpError(405, 'bad_message', 'Use POST.');
      // The widget's fetch is a CORS request (without cookies): an answer it may not read is an
      // error in the console of every page that showed an answer.
      res.setHeader('Access-Control-Allow-Origin', '*');
      if (!options.originAllowed(req.headers.origin, req.headers.host)) throw new HttpError(403, 'origin_not_allowed', 'This origin may not send FAQ figures here.');
      if (!beacons(req)) throw new HttpError(429, 'rate_limited', 'Too many FAQ figures from this address; they are counted again in a few seconds.');
      // The widget's fetch (keepalive, no cookies) sends a string as text/plain, which needs no CORS preflight.
      const parsed = v.safeParse(faqStat, await readJson(req, FAQ_STAT_BYTES, ['text/plain', 'application/json']));
      if (!parsed.success) throw new HttpError(400, 'bad_message', 'Send {"kind": "shown" or "helped", "faqId": an entry\'s id}.');
      if (!options.faqStat(parsed.output)) throw new HttpError(400, 'unknown_faq_entry');
      return void res.writeHead(204).end();
    },
  };
}

