// Every default of the server in one frozen object, with the shapes of its limits: what the
// server runs with when a flag or variable does not say otherwise (config.ts reads those).
import type { FaqSearchOptions } from '../faq/index';

export const DEFAULTS = Object.freeze({
  port: 8787,
  host: '127.0.0.1',
  faq: 'demo/faq.json',
  /** The demo store's saved replies, served only with its FAQ: another site's FAQ gets none unless it names its own. */
  replies: 'demo/replies.md',
  /** Search tuning over faq/options.ts's defaults: none. */
  faqOptions: Object.freeze({}) as Partial<FaqSearchOptions>,
  /** The site's time zone, for its opening hours and its report's days: the server's own (TZ, else the system's). */
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
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
  /**
   * Visitors of one client address who may wait in the queue at once (waiting-limit.ts); a
   * handoff past them is refused (`too_many_waiting`) until one is taken, closed or has left.
   * A demanding site's customers in one office, or a school, behind one NAT may have several
   * real visitors waiting at once: 8 leaves them room, while a script at one address (which
   * filled the queue with 150 ahead of every customer) gets 8 places, not the queue. Counted
   * per server process, in memory, since addresses are never stored: scaled out, each caps its own.
   */
  waitingPerAddress: 8,
  /** Console logins per client address (console-http.ts): scrypt already slows guessing; this stops a flood (guesses at one login: login-limit.ts). */
  loginRate: Object.freeze({ perSecond: 1, burst: 10 }),
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
    /**
     * A file's body (10 MB at most) within this: 0.5 Mbit/s, a phone on a poor connection. The
     * last resort: a body slower than that pace is cut sooner (DEFAULTS.uploads.minRate).
     */
    uploadTimeoutMs: 180_000,
    /** Connections one client address may hold before they become WebSockets (a browser opens 6; several behind one NAT). */
    connectionsPerAddress: 64,
  }),
  /**
   * Files sent in a chat (files-http.ts), each at most 10 MB (protocol LIMITS.fileBytes) and held
   * in memory until stored. Room for a visitor sending a dozen phone photos, and for a team
   * behind one address; what is left for an attacker: 250 MB a day from one address (an IPv6
   * /64), and 16 visitors' uploads, 160 MB, in memory at once (and 8 agents', 80 MB), each
   * keeping its place only while its body comes at 0.5 Mbit/s at least.
   */
  uploads: Object.freeze({
    /** Per visitor (or agent): a few photos at once, then one every 5 s. */
    perSender: Object.freeze({ perSecond: 0.2, burst: 5 }),
    /** Per client address, visitors only, loopback excepted (as for sockets): several visitors behind one NAT. */
    perAddress: Object.freeze({ perSecond: 0.2, burst: 20 }),
    /** Uploads under way at once from one client address (visitors). */
    concurrentPerAddress: 4,
    /** Visitors' uploads under way at once in the whole server. */
    concurrent: 16,
    /**
     * Agents' uploads under way at once in the whole server: places of their own, so visitors
     * holding all of theirs (stalled, from a few addresses) cannot keep an agent's file out.
     */
    agentsConcurrent: 8,
    /**
     * The slowest a file's body may come, once `graceMs` (a phone's slow start) has passed: 0.5
     * Mbit/s, the pace the README promises a phone (10 MB in under 3 minutes). Slower, it is cut
     * with 408 `too_slow` and its place is free (upload-body.ts): one stalled after 4 bytes held
     * its place the whole `http.uploadTimeoutMs`, and 16 such kept every visitor's file out.
     * The grace is 30 s, not a few: a photo of 600 KB at 40 KB/s (a weak 3G signal) takes 15 s and
     * was cut at 13.8 s by a 5 s grace, though it would have gone; 30 s lets a small photo go at
     * any pace a phone has, and a stalled upload still gives its place back in half a minute.
     */
    minRate: Object.freeze({ bytesPerSecond: 62_500, graceMs: 30_000 }),
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
  agentsConcurrent: number;
  minRate: { bytesPerSecond: number; graceMs: number };
  conversationBytes: number;
  addressBytesPerDay: number;
};

/** How a connection to Redis is checked (redis-bus.ts). */
export type BusPing = { everyMs: number; timeoutMs: number };
