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
