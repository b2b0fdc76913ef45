// Server settings: every default in one frozen object, and one parser that turns flags and
// environment variables into a checked config or a message saying what to fix.
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { parseFaqOptions, type FaqSearchOptions } from '../faq/index';
import { parseTrustProxy, type TrustProxy } from './client-address';
import type { SlowClientLimits } from './slow-clients';
import { parseEmailConfig, type EmailConfig } from './email-config';
import { parseHoursConfig, type OpeningHours } from './opening-hours';

export const DEFAULTS = Object.freeze({
  port: 8787,
  host: '127.0.0.1',
  faq: 'demo/faq.json',
  /** The demo store's saved replies, served only with its FAQ: another site's FAQ gets none unless it names its own. */
  replies: 'demo/replies.md',
  /** Search tuning over faq/options.ts's defaults: none. */
  faqOptions: Object.freeze({}) as Partial<FaqSearchOptions>,
  data: './data',
  /** Origins allowed to open a visitor socket; empty means "the server's own origins". */
  origins: [] as readonly string[],
  /** How often clients should ping, and how often the server pings at the WebSocket level. */
  heartbeatMs: 10_000,
  /** A connection silent for longer than this is terminated. */
  idleTimeoutMs: 30_000,
  /** On shutdown, clients get this long to answer the closing handshake before they are cut off. */
  closeGraceMs: 1_000,
  /** A socket that has not said hello by then is closed. */
  helloTimeoutMs: 10_000,
  /** Per-connection token bucket. */
  rate: Object.freeze({ perSecond: 20, burst: 40 }),
  /** New sockets per client address (not loopback: a proxy there limits per client itself). */
  perAddress: Object.freeze({ perSecond: 10, burst: 40, maxOpen: 200 }),
  /** Largest JSON body the HTTP API reads. */
  bodyBytes: 16 * 1024,
  /** A closed, unrated conversation is still shown to its visitor (to rate it) for this long. */
  closedVisibleMs: 24 * 60 * 60 * 1000,
  /** Agent sessions last this long after login. */
  sessionMs: 12 * 60 * 60 * 1000,
  /** Queue pushes after a status change (handoff, claim, close, rating) are coalesced over this window. */
  queueDebounceMs: 50,
  /** Queue pushes that only refresh a message preview wait this long, so busy chats do not flood agents. */
  queuePreviewMs: 1000,
  /** An agent without a console for this long is away: their active conversations go back to the queue (0: never). */
  agentAwayMs: 120_000,
  /** With no console taking new chats for this long, waiting visitors are told nobody is online. */
  unstaffedGraceMs: 30_000,
  /** Closed conversations idle this many days are deleted, at start and daily (0: kept until `kohtaamo data prune`). */
  retentionDays: 0,
  /** Counts of FAQ answers shown and found helpful are added to the store this often (faq-stats.ts). */
  faqStatsFlushMs: 10_000,
  /** A visitor without a socket this long has left the site (visitor-presence.ts): a page load takes less. */
  visitorGoneMs: 15_000,
  /**
   * Scaled out, each Redis connection is sent a PING this often, and one with a command unanswered
   * for `timeoutMs` is dropped and reconnected (redis-bus.ts): a Redis cut off without a word (a
   * network partition) is found in seconds, not at TCP keepalive's pace, while publishes vanish.
   */
  busPing: Object.freeze({ everyMs: 5_000, timeoutMs: 2_500 }),
  /** Connections that hold the server without using it (slow-clients.ts); loopback and trusted proxies are not counted per address. */
  http: Object.freeze({
    /** A request's headers must be in within this (Node's default was 60 s). */
    headersTimeoutMs: 10_000,
    /** A request's body must be in within this after its headers: the API's are 16 KB at most. */
    bodyTimeoutMs: 10_000,
    /** A file's body (10 MB at most) within this: 0.5 Mbit/s, a phone on a poor connection. */
    uploadTimeoutMs: 180_000,
    /** Connections one client address may hold before they become WebSockets (a browser opens 6; several behind one NAT). */
    connectionsPerAddress: 64,
  }),
  /**
   * Files sent in a chat (files-http.ts), each at most 10 MB (protocol LIMITS.fileBytes) and held
   * in memory until stored. Room for a visitor sending a dozen phone photos, and for a team
   * behind one address; what is left for an attacker: 250 MB a day from one address (an IPv6
   * /64), and 16 uploads, 160 MB, in memory at once.
   */
  uploads: Object.freeze({
    /** Per visitor (or agent): a few photos at once, then one every 5 s. */
    perSender: Object.freeze({ perSecond: 0.2, burst: 5 }),
    /** Per client address, visitors only, loopback excepted (as for sockets): several visitors behind one NAT. */
    perAddress: Object.freeze({ perSecond: 0.2, burst: 20 }),
    /** Uploads under way at once from one client address (visitors). */
    concurrentPerAddress: 4,
    /** Uploads under way at once in the whole server, agents' too. */
    concurrent: 16,
    /** The most bytes of files one conversation holds: further files from its visitor are refused (413). */
    conversationBytes: 100 * 1024 * 1024,
    /** The most bytes of files visitors at one client address send in a UTC day. */
    addressBytesPerDay: 250 * 1024 * 1024,
  }),
});

export type UploadLimits = {
  perSender: { perSecond: number; burst: number };
  perAddress: { perSecond: number; burst: number };
  concurrentPerAddress: number;
  concurrent: number;
  conversationBytes: number;
  addressBytesPerDay: number;
};

/** How a connection to Redis is checked (redis-bus.ts). */
export type BusPing = { everyMs: number; timeoutMs: number };

/** The shortest and longest away grace `--agent-away` takes (besides 0, never). */
const AGENT_AWAY_RANGE = Object.freeze({ min: 10_000, max: 24 * 60 * 60 * 1000 });

/** Shortest identity or webhook secret accepted: 32 characters, as `openssl rand -hex 16` gives at least. */
const SECRET_MIN = 32;

export interface ServerConfig {
  port: number;
  host: string;
  /** Absolute path of the FAQ JSON file. */
  faq: string;
  /** Agents' saved replies, in the FAQ's format (`/` in the console's composer finds them); none when unset. */
  replies?: string | undefined;
  /** The site owner's search tuning (faq/options.ts); unset options keep their defaults. */
  faqOptions: Partial<FaqSearchOptions>;
  /** Absolute path of the data directory: the agents file, and the SQLite database unless `database` is set. */
  data: string;
  /** A PostgreSQL URL: conversations are stored there, and several processes may share them (scale-out). */
  database?: string;
  /** A Redis URL: the processes sharing `database` tell each other of changes through it. */
  redis?: string;
  origins: readonly string[];
  heartbeatMs: number;
  idleTimeoutMs: number;
  closeGraceMs: number;
  helloTimeoutMs: number;
  rate: { perSecond: number; burst: number };
  perAddress: { perSecond: number; burst: number; maxOpen: number };
  bodyBytes: number;
  closedVisibleMs: number;
  sessionMs: number;
  queueDebounceMs: number;
  queuePreviewMs: number;
  agentAwayMs: number;
  unstaffedGraceMs: number;
  retentionDays: number;
  faqStatsFlushMs: number;
  visitorGoneMs: number;
  busPing: BusPing;
  http: SlowClientLimits;
  uploads: UploadLimits;
  /** Where the static roots live (the package root); tests may point elsewhere. */
  root: string;
  /** Password for the demo agent created on first start; random when absent. */
  demoPassword?: string;
  /** Key of the HMAC a site signs its logged-in visitors' emails with; from the environment only, never a flag (`ps` shows flags). */
  identitySecret?: string;
  /** Where the site is told of waiting visitors, messages, closes and ratings (webhook.ts); the secret signs each body. */
  webhook?: { url: string; secret?: string };
  /** Where the replies a visitor missed after leaving go by email (email-config.ts); none: nobody is emailed. */
  email?: EmailConfig;
  /** When customer service is open (opening-hours.ts): a visitor waiting while nobody is online is told when it opens. */
  hours?: OpeningHours;
  /** The site's reverse proxies, whose X-Forwarded-For names the client for the per-address limits (client-address.ts); none: the peer is the client. */
  trustProxy?: TrustProxy;
}

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; message: string };

export const FLAGS = ['port', 'host', 'faq', 'faq-option', 'replies', 'data', 'database', 'redis', 'origin', 'heartbeat', 'idle-timeout', 'agent-away', 'retention-days', 'webhook', 'smtp', 'mail-from', 'email-after', 'hours', 'timezone', 'trust-proxy'] as const;
type Flag = (typeof FLAGS)[number];
export const ENV: Readonly<Record<Flag, string>> = {
  port: 'KOHTAAMO_PORT',
  host: 'KOHTAAMO_HOST',
  faq: 'KOHTAAMO_FAQ',
  'faq-option': 'KOHTAAMO_FAQ_OPTIONS',
  replies: 'KOHTAAMO_REPLIES',
  data: 'KOHTAAMO_DATA',
  database: 'KOHTAAMO_DATABASE_URL',
  redis: 'KOHTAAMO_REDIS_URL',
  origin: 'KOHTAAMO_ORIGIN',
  heartbeat: 'KOHTAAMO_HEARTBEAT_MS',
  'idle-timeout': 'KOHTAAMO_IDLE_TIMEOUT_MS',
  'agent-away': 'KOHTAAMO_AGENT_AWAY_MS',
  'retention-days': 'KOHTAAMO_RETENTION_DAYS',
  webhook: 'KOHTAAMO_WEBHOOK_URL',
  smtp: 'KOHTAAMO_SMTP_URL',
  'mail-from': 'KOHTAAMO_MAIL_FROM',
  'email-after': 'KOHTAAMO_EMAIL_AFTER_MS',
  hours: 'KOHTAAMO_HOURS',
  timezone: 'KOHTAAMO_TIMEZONE',
  'trust-proxy': 'KOHTAAMO_TRUST_PROXY',
};

/** Reads `--flag value` / `--flag=value` pairs; unknown flags are errors, not surprises. */
export function readFlags(argv: string[], known: readonly string[]): { ok: true; flags: Map<string, string[]> } | { ok: false; message: string } {
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) return { ok: false, message: `unexpected argument "${arg}"` };
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (!known.includes(name)) return { ok: false, message: `unknown flag --${name} (known: ${known.map((k) => '--' + k).join(', ')})` };
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || value.startsWith('--')) return { ok: false, message: `--${name} needs a value` };
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { ok: true, flags };
}

/**
 * An allowed origin as browsers send it in `Origin`, which is compared exactly: the host in lower
 * case, no default port (`https://Shop.example:443` is `https://shop.example`), so a site is not
 * refused for how its origin was written. A trailing slash, as copied from the address bar, is
 * dropped; anything more (a path, a query, a user) is not an origin: refused, with the origin of
 * what was written as the thing to write instead, when it has one.
 */
export function originOf(written: string): { ok: true; origin: string } | { ok: false; instead: string | null } {
  if (written === '*') return { ok: true, origin: written };
  let url: URL;
  try {
    url = new URL(written);
  } catch {
    return { ok: false, instead: null };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, instead: null };
  const bare = /^https?:\/\/[^/?#@\s]+\/?$/i.test(written);
  return bare ? { ok: true, origin: url.origin } : { ok: false, instead: url.origin };
}

export function parseServeConfig(argv: string[], env: NodeJS.ProcessEnv, root: string, cwd = process.cwd()): ConfigResult {
  const read = readFlags(argv, FLAGS);
  if (!read.ok) return read;
  const pick = (flag: Flag): { value: string; from: string } | undefined => {
    const fromFlag = read.flags.get(flag);
    if (fromFlag) return { value: fromFlag[fromFlag.length - 1] ?? '', from: `--${flag}` };
    const fromEnv = env[ENV[flag]];
    return fromEnv === undefined || fromEnv === '' ? undefined : { value: fromEnv, from: ENV[flag] };
  };

  let port: number = DEFAULTS.port;
  const portArg = pick('port');
  if (portArg) {
    if (!/^\d+$/.test(portArg.value) || Number(portArg.value) > 65535) {
      return { ok: false, message: `${portArg.from} must be a port number 0–65535, got "${portArg.value}"` };
    }
    port = Number(portArg.value);
  }
  const host = pick('host')?.value ?? DEFAULTS.host;
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(host)) return { ok: false, message: `host "${host}" is not a host name or address` };

  const originArg = read.flags.get('origin') ?? (env[ENV.origin] ? [env[ENV.origin] ?? ''] : []);
  const origins: string[] = [];
  for (const written of originArg.flatMap((o) => o.split(',')).map((o) => o.trim()).filter(Boolean)) {
    const origin = originOf(written);
    if (!origin.ok) {
      const instead = origin.instead === null ? '' : `: write ${origin.instead}`;
      return { ok: false, message: `origin "${written}" must look like https://shop.example (scheme and host, no path, query or user) or be *${instead}` };
    }
    if (!origins.includes(origin.origin)) origins.push(origin.origin);
  }

  // Search tuning: `--faq-option answerThreshold=0.6` (repeatable) or KOHTAAMO_FAQ_OPTIONS=a=1,b=2.
  const faqOptions = parseFaqOptions(read.flags.get('faq-option') ?? (env[ENV['faq-option']] ? [env[ENV['faq-option']] ?? ''] : []));
  if (!faqOptions.ok) return faqOptions;

  // Fault settings: how fast a half-dead connection is found (issue 4). Both in milliseconds.
  const millis = (flag: 'heartbeat' | 'idle-timeout', fallback: number): number | string => {
    const arg = pick(flag);
    if (!arg) return fallback;
    if (!/^\d+$/.test(arg.value) || Number(arg.value) < 100 || Number(arg.value) > 3_600_000) {
      return `${arg.from} must be milliseconds between 100 and 3600000, got "${arg.value}"`;
    }
    return Number(arg.value);
  };
  const heartbeatMs = millis('heartbeat', DEFAULTS.heartbeatMs);
  if (typeof heartbeatMs === 'string') return { ok: false, message: heartbeatMs };
  const idleTimeoutMs = millis('idle-timeout', Math.max(DEFAULTS.idleTimeoutMs, 2 * heartbeatMs));
  if (typeof idleTimeoutMs === 'string') return { ok: false, message: idleTimeoutMs };
  if (idleTimeoutMs < 2 * heartbeatMs) {
    return {
      ok: false,
      message: `the idle timeout (${idleTimeoutMs} ms) must be at least twice the heartbeat (${heartbeatMs} ms), or healthy connections would be dropped`,
    };
  }

  const awayArg = pick('agent-away');
  const agentAwayMs = awayArg ? Number(awayArg.value) : DEFAULTS.agentAwayMs;
  if (awayArg && (!/^\d+$/.test(awayArg.value) || (agentAwayMs !== 0 && (agentAwayMs < AGENT_AWAY_RANGE.min || agentAwayMs > AGENT_AWAY_RANGE.max)))) {
    return { ok: false, message: `${awayArg.from} must be 0 (never) or milliseconds between ${AGENT_AWAY_RANGE.min} and ${AGENT_AWAY_RANGE.max}, got "${awayArg.value}"` };
  }

  const retentionArg = pick('retention-days');
  const retentionDays = retentionArg ? Number(retentionArg.value) : DEFAULTS.retentionDays;
  if (retentionArg && (!/^\d+$/.test(retentionArg.value) || retentionDays > 36_500)) {
    return { ok: false, message: `${retentionArg.from} must be a number of days, 0 (keep) to 36500, got "${retentionArg.value}"` };
  }

  const config: ServerConfig = {
    ...DEFAULTS,
    retentionDays,
    heartbeatMs,
    idleTimeoutMs,
    agentAwayMs,
    rate: { ...DEFAULTS.rate },
    port,
    host,
    faq: resolve(cwd, pick('faq')?.value ?? resolve(root, DEFAULTS.faq)),
    replies: pick('replies') ? resolve(cwd, pick('replies')!.value) : pick('faq') ? undefined : resolve(root, DEFAULTS.replies),
    faqOptions: faqOptions.options,
    data: resolve(cwd, pick('data')?.value ?? DEFAULTS.data),
    origins,
    root,
  };
  const scaleOut = parseScaleOut(pick('database'), pick('redis'));
  if (typeof scaleOut === 'string') return { ok: false, message: scaleOut };
  Object.assign(config, scaleOut);
  const demoPassword = env.KOHTAAMO_DEMO_PASSWORD;
  if (demoPassword !== undefined && demoPassword !== '') {
    if (demoPassword.length < 8) return { ok: false, message: 'KOHTAAMO_DEMO_PASSWORD must be at least 8 characters' };
    config.demoPassword = demoPassword;
  }
  const identitySecret = secretFrom(env, 'KOHTAAMO_IDENTITY_SECRET');
  if (identitySecret?.problem) return { ok: false, message: identitySecret.problem };
  if (identitySecret) config.identitySecret = identitySecret.value;
  const webhook = parseWebhook(pick('webhook'), secretFrom(env, 'KOHTAAMO_WEBHOOK_SECRET'));
  if (typeof webhook === 'string') return { ok: false, message: webhook };
  if (webhook) config.webhook = webhook;
  const email = parseEmailConfig(pick('smtp'), pick('mail-from'), pick('email-after'), ENV.smtp);
  if (typeof email === 'string') return { ok: false, message: email };
  if (email) config.email = email;
  const hours = parseHoursConfig(pick('hours'), pick('timezone'));
  if (typeof hours === 'string') return { ok: false, message: hours };
  if (hours) config.hours = hours;
  const proxyArg = pick('trust-proxy');
  if (proxyArg) {
    const trust = parseTrustProxy(proxyArg.value);
    if (typeof trust === 'string') {
      return { ok: false, message: `${proxyArg.from} names the reverse proxies in front of the server whose X-Forwarded-For is believed: their addresses or ranges, comma-separated (127.0.0.1, 10.0.0.0/8, loopback), or how many there are (1); ${trust}` };
    }
    config.trustProxy = trust;
  }
  return { ok: true, config };
}

/** A key from the environment (never a flag: `ps` shows flags), long enough to be one. */
function secretFrom(env: NodeJS.ProcessEnv, name: string): { value: string; problem?: string } | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  return value.length < SECRET_MIN ? { value, problem: `${name} must be at least ${SECRET_MIN} characters (try: openssl rand -hex 32)` } : { value };
}

/**
 * The webhook: HTTPS, since its notices carry what customers wrote (plain HTTP only to this
 * machine, for a local relay). A URL's path is often the hook's secret, so the environment is
 * the place for it; a password in it is refused in a flag, as for the databases.
 */
function parseWebhook(arg: Picked, secret: { value: string; problem?: string } | undefined): ServerConfig['webhook'] | string {
  if (secret?.problem) return secret.problem;
  if (!arg) return secret ? 'KOHTAAMO_WEBHOOK_SECRET is set but there is no webhook: set KOHTAAMO_WEBHOOK_URL (or --webhook) too' : undefined;
  let url: URL;
  try {
    url = new URL(arg.value);
  } catch {
    return `${arg.from} must be a URL like https://hooks.your-shop.example/kohtaamo, got "${arg.value}"`;
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    return `${arg.from} must be an https:// URL (http:// only to localhost): the notices carry what visitors wrote, got "${arg.value}"`;
  }
  if (url.password && arg.from.startsWith('--')) return `${arg.from} holds a password, which any user of this machine can read with ps; set KOHTAAMO_WEBHOOK_URL instead`;
  return { url: url.href, ...(secret ? { secret: secret.value } : {}) };
}

type Picked = { value: string; from: string } | undefined;

/**
 * The scale-out services. Redis alone makes no sense (SQLite is one process's file), so it is
 * refused rather than ignored. A password belongs in the environment: `ps` shows every flag.
 */
function parseScaleOut(database: Picked, redis: Picked): Pick<ServerConfig, 'database' | 'redis'> | string {
  const check = (arg: Picked, schemes: string[], example: string): string | undefined => {
    if (!arg) return undefined;
    let url: URL;
    try {
      url = new URL(arg.value);
    } catch {
      return `${arg.from} must be a URL like ${example}, got "${arg.value}"`;
    }
    if (!schemes.includes(url.protocol)) return `${arg.from} must start with ${schemes.map((s) => s + '//').join(' or ')}, like ${example}`;
    if (url.password && arg.from.startsWith('--')) return `${arg.from} holds a password, which any user of this machine can read with ps; set ${ENV[arg.from.slice(2) as Flag]} instead`;
    return undefined;
  };
  const problem =
    check(database, ['postgres:', 'postgresql:'], 'postgres://kohtaamo@db.internal:5432/kohtaamo') ?? check(redis, ['redis:', 'rediss:'], 'redis://cache.internal:6379');
  if (problem) return problem;
  if (redis && !database) return `${redis.from} needs a PostgreSQL database as well (--database or KOHTAAMO_DATABASE_URL): processes that share a bus must share the conversations`;
  return { ...(database ? { database: database.value } : {}), ...(redis ? { redis: redis.value } : {}) };
}

/**
 * The origins a browser shows for pages this server serves itself. Listening on all
 * interfaces, that includes this machine's addresses, so a phone on the LAN can try the demo.
 */
export function ownOrigins(host: string, port: number, interfaces = networkInterfaces()): string[] {
  const loopback = ['localhost', '127.0.0.1', '[::1]'];
  const bracket = (address: string) => (address.includes(':') ? `[${address}]` : address);
  let hosts: string[];
  if (host === '0.0.0.0' || host === '::') {
    const addresses = Object.values(interfaces).flatMap((list) => (list ?? []).filter((i) => !i.internal).map((i) => bracket(i.address)));
    hosts = [...loopback, ...addresses];
  } else if (['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) hosts = loopback;
  else hosts = [bracket(host)];
  return hosts.map((h) => `http://${h}:${port}`);
}
