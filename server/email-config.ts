// The email settings: where the server sends the replies a visitor missed after leaving the
// site (email-follow-up.ts). Off unless the site gives an SMTP server and a From address.

export interface EmailConfig {
  /** `smtp://` (STARTTLS, required unless the server is this machine) or `smtps://`, with user and password when it needs them. */
  smtp: string;
  /** The From header, `Kotipesä <asiakaspalvelu@kotipesa.fi>`: where a visitor's reply by email goes. */
  from: string;
  /** How long after an agent's last reply to a visitor who has left the email goes. */
  afterMs: number;
}

type Picked = { value: string; from: string } | undefined;

/** How long to wait before emailing: long enough to batch a few replies, short enough to still be news. */
export const EMAIL_AFTER_MS = Object.freeze({ default: 120_000, min: 10_000, max: 24 * 60 * 60 * 1000 });

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** The address alone of a From header: `asiakaspalvelu@kotipesa.fi` of `Kotipesä <asiakaspalvelu@kotipesa.fi>`. */
const fromAddress = (from: string) => /<([^<>]*)>\s*$/.exec(from)?.[1] ?? from.trim();

/**
 * The site's own From address, bare and lowercased (`asiakaspalvelu@kotipesa.fi`): a visitor who
 * writes it in the chat names where they wrote before, never where to email them (email-follow-up.ts).
 */
export const siteMailAddress = (from: string): string => fromAddress(from).toLowerCase();

/** The checked settings, none when email is off, or a message saying what to fix. */
export function parseEmailConfig(smtp: Picked, from: Picked, after: Picked, smtpEnv: string): EmailConfig | undefined | string {
  if (!smtp) {
    const stray = from ?? after;
    return stray ? `${stray.from} needs an SMTP server to send through: set ${smtpEnv} (or --smtp) too` : undefined;
  }
  let url: URL;
  try {
    url = new URL(smtp.value);
  } catch {
    return `${smtp.from} must be a URL like smtp://user@mail.example.fi:587, got "${smtp.value}"`;
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') return `${smtp.from} must start with smtp:// (STARTTLS) or smtps:// (TLS), like smtp://user@mail.example.fi:587`;
  if (url.password && smtp.from.startsWith('--')) return `${smtp.from} holds a password, which any user of this machine can read with ps; set ${smtpEnv} instead`;
  if (!from) return `${smtp.from} needs a From address for the emails: set --mail-from (or KOHTAAMO_MAIL_FROM), like "Kotipesä <asiakaspalvelu@kotipesa.fi>"`;
  const address = fromAddress(from.value);
  if (!ADDRESS.test(address) || /[\r\n]/.test(from.value)) return `${from.from} must be an email address, alone or as "Kotipesä <asiakaspalvelu@kotipesa.fi>", got "${from.value}"`;
  let afterMs: number = EMAIL_AFTER_MS.default;
  if (after) {
    afterMs = Number(after.value);
    if (!/^\d+$/.test(after.value) || afterMs < EMAIL_AFTER_MS.min || afterMs > EMAIL_AFTER_MS.max) {
      return `${after.from} must be milliseconds between ${EMAIL_AFTER_MS.min} and ${EMAIL_AFTER_MS.max}, got "${after.value}"`;
    }
  }
  return { smtp: url.href, from: from.value.trim(), afterMs };
}
