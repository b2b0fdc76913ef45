// The settings that reach outside the server or hold its keys: PostgreSQL and Redis (scale-out),
// the site's webhook, and the secrets shared with the site. What they have in common: a password
// or key belongs in the environment, since `ps` shows every flag.
import { ENV, type Flag } from './flags';

/** Shortest identity or webhook secret accepted: 32 characters, as `openssl rand -hex 16` gives at least. */
const SECRET_MIN = 32;

/** A setting as read, and where from (`--flag` or the variable's name), to name it in a message. */
export type Picked = { value: string; from: string } | undefined;

/** Where the site is told of waiting visitors, messages, closes and ratings (webhook.ts); the secret signs each body. */
export type WebhookConfig = { url: string; secret?: string };

/** A key from the environment (never a flag: `ps` shows flags), long enough to be one. */
export function secretFrom(env: NodeJS.ProcessEnv, name: string): { value: string; problem?: string } | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  return value.length < SECRET_MIN ? { value, problem: `${name} must be at least ${SECRET_MIN} characters (try: openssl rand -hex 32)` } : { value };
}

/**
 * The webhook: HTTPS, since its notices carry what customers wrote (plain HTTP only to this
 * machine, for a local relay). A URL's path is often the hook's secret, so the environment is
 * the place for it; a password in it is refused in a flag, as for the databases.
 */
export function parseWebhook(arg: Picked, secret: { value: string; problem?: string } | undefined): WebhookConfig | undefined | string {
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

/**
 * The scale-out services. Redis alone makes no sense (SQLite is one process's file), so it is
 * refused rather than ignored. A password belongs in the environment: `ps` shows every flag.
 */
export function parseScaleOut(database: Picked, redis: Picked): { database?: string; redis?: string } | string {
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
