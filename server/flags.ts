// The command line: `--flag value` pairs, each serve flag's environment variable, and
// the one reader every command (serve, agent, data, report) uses.

export const FLAGS = ['port', 'host', 'faq', 'faq-option', 'replies', 'data', 'database', 'redis', 'origin', 'heartbeat', 'idle-timeout', 'agent-away', 'retention-days', 'webhook', 'smtp', 'mail-from', 'email-after', 'hours', 'timezone', 'trust-proxy'] as const;
export type Flag = (typeof FLAGS)[number];
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
 * A single-value flag given more than once, said as an error: `--port 9305 … --port 9306` (a
 * command line built from pieces, an edited script) would otherwise run on the last without a word.
 */
export function repeatedFlag(flags: ReadonlyMap<string, readonly string[]>, repeatable: readonly string[]): string | undefined {
  for (const [name, values] of flags) {
    if (values.length < 2 || repeatable.includes(name)) continue;
    const times = values.length === 2 ? 'twice' : `${values.length} times`;
    return `--${name} is given ${times} (${values.join(', ')}); give it once`;
  }
  return undefined;
}

/** Read from the environment only, never a flag: keys (`ps` shows flags), and the demo's first password. */
export const ENV_ONLY = ['KOHTAAMO_DEMO_PASSWORD', 'KOHTAAMO_WEBHOOK_SECRET', 'KOHTAAMO_IDENTITY_SECRET'] as const;

/**
 * A setting's variable that is set but holds nothing (or only spaces), said as an error: an env
 * file with an unfilled template line (`KOHTAAMO_FAQ=`) would otherwise start the server on the
 * default, which for the FAQ is the demo with its printed login, and for the data a ./data beside it.
 */
export function emptyEnvironment(env: NodeJS.ProcessEnv): string | undefined {
  for (const name of [...Object.values(ENV), ...ENV_ONLY]) {
    const value = env[name];
    if (value !== undefined && value.trim() === '') return `${name} is set but empty: give it a value, or unset it`;
  }
  return undefined;
}

/**
 * Names under KOHTAAMO_ that are no setting of a command but the project's own tooling: the test
 * suite's services (KOHTAAMO_TEST_DATABASE_URL, KOHTAAMO_TEST_REDIS_URL, and any later
 * KOHTAAMO_TEST_*) and the FAQ benchmark's data (KOHTAAMO_FAQ_EVAL). They may be set in the shell
 * that runs a command; every other KOHTAAMO_ name must be one a command reads.
 */
const TOOLING = (name: string) => name.startsWith('KOHTAAMO_TEST_') || name === 'KOHTAAMO_FAQ_EVAL';

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length] ?? 0;
}

/** The known name a mistyped one most likely meant: a letter or two off, or one word short or long (KOHTAAMO_DATABASE). */
function nearest(name: string, known: readonly string[]): string | undefined {
  const upper = name.toUpperCase();
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(upper, candidate);
    const wordOff = candidate.startsWith(`${upper}_`) || upper.startsWith(`${candidate}_`);
    if ((distance <= 2 || wordOff) && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/**
 * A KOHTAAMO_ variable no command reads, said as an error like an unknown flag: a mistyped one
 * (KOHTAAMO_DATABASE for KOHTAAMO_DATABASE_URL) would otherwise leave the default in force
 * without a word (SQLite instead of PostgreSQL, retention off).
 */
export function unknownEnvironment(env: NodeJS.ProcessEnv): string | undefined {
  const known: readonly string[] = [...Object.values(ENV), ...ENV_ONLY];
  // Windows's environment is case-blind: there kohtaamo_port is KOHTAAMO_PORT.
  const asRead = (name: string) => (process.platform === 'win32' ? name.toUpperCase() : name);
  for (const name of Object.keys(env).sort()) {
    if (!name.toUpperCase().startsWith('KOHTAAMO_') || known.includes(asRead(name)) || TOOLING(name)) continue;
    const meant = nearest(name, known);
    return `unknown environment variable ${name}${meant ? `; did you mean ${meant}?` : ''} (known: ${known.join(', ')})`;
  }
  return undefined;
}
