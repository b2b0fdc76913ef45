// Server settings: one parser that turns flags and environment variables into a checked config
// or a message saying what to fix. The defaults are in defaults.ts, the flags in flags.ts.
import { isIPv4, isIPv6 } from 'node:net';
import { resolve } from 'node:path';
import { parseFaqOptions, type FaqSearchOptions } from '../faq/index';
import { parseTrustProxy, type TrustProxy } from './client-address';
import { DEFAULTS, type BusPing, type UploadLimits } from './defaults';
import { parseEmailConfig, type EmailConfig } from './email-config';
import { emptyEnvironment, ENV, FLAGS, readFlags, repeatedFlag, type Flag } from './flags';
import { parseHoursConfig, type OpeningHours } from './opening-hours';
import { originOf } from './origins';
import { parseScaleOut, parseWebhook, secretFrom, type WebhookConfig } from './service-settings';
import type { SlowClientLimits } from './slow-clients';
import { timeZoneProblem } from './time-zone';
import { passwordProblem } from './password-rules';

/** The flags that add up when given again; any other given twice is refused, not silently the last. */
const REPEATABLE: readonly Flag[] = ['origin', 'faq-option'];

/** The shortest and longest away grace `--agent-away` takes (besides 0, never). */
const AGENT_AWAY_RANGE = Object.freeze({ min: 10_000, max: 24 * 60 * 60 * 1000 });

/**
 * The shortest heartbeat `--heartbeat` takes. The widget pings every 0.8 heartbeats and drops a
 * server silent for two (widget/app/net/connection.ts): below a second, a slow mobile link or a
 * busy tab would see healthy connections dropped and reconnect over and over, each visitor's
 * pings eating into the socket's 20 frames/s. The console never pings more than once a second
 * (demo/console/connection.ts), so a shorter heartbeat is not even kept there. The idle timeout,
 * at least two heartbeats, is then at least 2 s.
 */
export const MIN_HEARTBEAT_MS = 1_000;
const MAX_FAULT_MS = 3_600_000;

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
  /** Visitors of one client address who may wait in the queue at once (waiting-limit.ts). */
  waitingPerAddress: number;
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
  /** Scaled out, how often each process lists its sockets for the others and beats in the database (shared-count.ts, server-liveness.ts); SYNC_MS when absent, shorter in tests. */
  presenceSyncMs?: number;
  http: SlowClientLimits;
  uploads: UploadLimits;
  /** Where the static roots live (the package root); tests may point elsewhere. */
  root: string;
  /** Password for the demo agent created on first start; random when absent. */
  demoPassword?: string;
  /** Key of the HMAC a site signs its logged-in visitors' emails with; from the environment only, never a flag (`ps` shows flags). */
  identitySecret?: string;
  /** Where the site is told of waiting visitors, messages, closes and ratings (webhook.ts); the secret signs each body. */
  webhook?: WebhookConfig;
  /** Where the replies a visitor missed after leaving go by email (email-config.ts); none: nobody is emailed. */
  email?: EmailConfig;
  /** When customer service is open (opening-hours.ts): a visitor waiting while nobody is online is told when it opens. */
  hours?: OpeningHours;
  /** The site's time zone: its opening hours' and its report's days. `--timezone`'s, else the server's. */
  timeZone: string;
  /** The site's reverse proxies, whose X-Forwarded-For names the client for the per-address limits (client-address.ts); none: the peer is the client. */
  trustProxy?: TrustProxy;
}

/**
 * The address `--host` names, as listen() takes it: an IPv6 one without the brackets a URL puts
 * round it (`[::1]`, which the resolver would look up as a name). What cannot be an address or
 * name is said here, before the lookup's bare ENOTFOUND: a dotted number out of range, a port.
 */
function hostOf(written: string): { host: string } | { problem: string } {
  const bracketed = /^\[(.*)\]$/.exec(written);
  if (bracketed) {
    const inner = bracketed[1] ?? '';
    return isIPv6(inner) ? { host: inner } : { problem: `is not an IPv6 address; brackets are for those only: write ${inner}` };
  }
  if (isIPv6(written)) return { host: written };
  if (/^[\d.]+$/.test(written) && !isIPv4(written)) return { problem: 'is not an IPv4 address: each of its four numbers is 0–255' };
  if (!/^[A-Za-z0-9.:-]+$/.test(written)) return { problem: 'is not a host name or address' };
  if (written.includes(':')) return { problem: 'is not a host name or address; give the port with --port' };
  return { host: written };
}

/** The origins written, as browsers send them, or what is wrong with one. */
function parseOrigins(written: readonly string[]): string[] | string {
  const origins: string[] = [];
  for (const one of written) {
    const origin = originOf(one);
    if (!origin.ok) return originProblem(one, origin);
    if (!origins.includes(origin.origin)) origins.push(origin.origin);
  }
  // `*` beside sites: one of the two is a mistake, and taking `*` would let every site in unsaid.
  if (origins.includes('*') && origins.length > 1) {
    return `origin * allows every site, so it goes alone: list the sites (${origins.filter((o) => o !== '*').join(', ')}) without *, or give * alone`;
  }
  return origins;
}

/** Why an origin is refused, with the one to write when there is one: a bare host name gets its https://. */
function originProblem(written: string, origin: { instead: string | null; problem?: string }): string {
  if (origin.problem) return `origin "${written}" ${origin.problem}`;
  // URL refuses a port past 65535 with no word of which part was wrong.
  const port = /^https?:\/\/[^/?#]*:(\d+)\/?$/i.exec(written)?.[1];
  if (port && Number(port) > 65535) return `origin "${written}" has port ${port}, and ports go up to 65535`;
  let instead = origin.instead;
  if (instead === null && !written.includes('://')) {
    // A site's own host is https; a dev server on this machine is usually plain http.
    const scheme = /^(localhost|127\.[\d.]+|\[::1\])(:\d+)?\/?$/i.test(written) ? 'http' : 'https';
    const guess = originOf(`${scheme}://${written}`);
    if (guess.ok) instead = guess.origin;
  }
  return `origin "${written}" must look like https://shop.example (scheme and host, no path, query or user) or be *${instead === null ? '' : `: write ${instead}`}`;
}

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; message: string };

export function parseServeConfig(argv: string[], env: NodeJS.ProcessEnv, root: string, cwd = process.cwd()): ConfigResult {
  const read = readFlags(argv, FLAGS);
  if (!read.ok) return read;
  const repeated = repeatedFlag(read.flags, REPEATABLE);
  if (repeated) return { ok: false, message: repeated };
  // `--faq "$FAQ"` with $FAQ unset: the same unfilled template as an empty variable (--data '' would be the current directory).
  const emptyFlag = [...read.flags].find(([, values]) => values.some((value) => value.trim() === ''))?.[0];
  if (emptyFlag) return { ok: false, message: `--${emptyFlag} is given but empty: give it a value, or leave it out` };
  const empty = emptyEnvironment(env);
  if (empty) return { ok: false, message: empty };
  const pick = (flag: Flag): { value: string; from: string } | undefined => {
    const fromFlag = read.flags.get(flag);
    if (fromFlag) return { value: fromFlag[fromFlag.length - 1] ?? '', from: `--${flag}` };
    const fromEnv = env[ENV[flag]];
    return fromEnv === undefined ? undefined : { value: fromEnv, from: ENV[flag] };
  };

  let port: number = DEFAULTS.port;
  const portArg = pick('port');
  if (portArg) {
    if (!/^\d+$/.test(portArg.value) || Number(portArg.value) > 65535) {
      return { ok: false, message: `${portArg.from} must be a port number 0–65535, got "${portArg.value}"` };
    }
    port = Number(portArg.value);
  }
  let host: string = DEFAULTS.host;
  const hostArg = pick('host');
  if (hostArg) {
    const listenOn = hostOf(hostArg.value);
    if ('problem' in listenOn) return { ok: false, message: `${hostArg.from} "${hostArg.value}" ${listenOn.problem}` };
    host = listenOn.host;
  }

  const originEnv = env[ENV.origin];
  const originArg = read.flags.get('origin') ?? (originEnv === undefined ? [] : [originEnv]);
  const origins = parseOrigins(originArg.flatMap((o) => o.split(',')).map((o) => o.trim()).filter(Boolean));
  if (typeof origins === 'string') return { ok: false, message: origins };

  // Search tuning: `--faq-option answerThreshold=0.6` (repeatable) or KOHTAAMO_FAQ_OPTIONS=a=1,b=2.
  const optionsEnv = env[ENV['faq-option']];
  const faqOptions = parseFaqOptions(read.flags.get('faq-option') ?? (optionsEnv === undefined ? [] : [optionsEnv]));
  if (!faqOptions.ok) return faqOptions;

  // Fault settings: how fast a half-dead connection is found (issue 4). Both in milliseconds.
  const millis = (flag: 'heartbeat' | 'idle-timeout', fallback: number, min: number, why = ''): number | string => {
    const arg = pick(flag);
    if (!arg) return fallback;
    if (!/^\d+$/.test(arg.value) || Number(arg.value) < min || Number(arg.value) > MAX_FAULT_MS) {
      return `${arg.from} must be milliseconds between ${min} and ${MAX_FAULT_MS}, got "${arg.value}"${why}`;
    }
    return Number(arg.value);
  };
  const heartbeatMs = millis(
    'heartbeat',
    DEFAULTS.heartbeatMs,
    MIN_HEARTBEAT_MS,
    `: the widget drops a server silent for two heartbeats, so a shorter one would drop healthy connections on a slow link`,
  );
  if (typeof heartbeatMs === 'string') return { ok: false, message: heartbeatMs };
  const idleTimeoutMs = millis('idle-timeout', Math.max(DEFAULTS.idleTimeoutMs, 2 * heartbeatMs), 100);
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
    timeZone: pick('timezone')?.value ?? DEFAULTS.timeZone,
  };
  const scaleOut = parseScaleOut(pick('database'), pick('redis'));
  if (typeof scaleOut === 'string') return { ok: false, message: scaleOut };
  Object.assign(config, scaleOut);
  const demoPassword = env.KOHTAAMO_DEMO_PASSWORD;
  if (demoPassword !== undefined) {
    const problem = passwordProblem(demoPassword, 'demo', 'unset KOHTAAMO_DEMO_PASSWORD to have one generated');
    if (problem) return { ok: false, message: `KOHTAAMO_DEMO_PASSWORD: ${problem}` };
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
  const timeZone = pick('timezone');
  const zoneProblem = timeZone && timeZoneProblem(timeZone.value);
  if (timeZone && zoneProblem) return { ok: false, message: `${timeZone.from}: ${zoneProblem}` };
  const hours = parseHoursConfig(pick('hours'), timeZone, DEFAULTS.timeZone);
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
