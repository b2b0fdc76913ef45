// Whether the site vouches for a visitor's email. Anyone can call `Kohtaamo('identify')` from
// devtools, so a name and email from the browser prove nothing. A site that knows who is logged
// in signs the email on its own server with the identity secret it shares with us
// (HMAC-SHA256, hex), and only an email whose signature checks out is shown to agents as verified.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { VisitorInfo } from '../protocol/fields';
import type { ConversationSummary } from '../protocol/events';

export function identitySignature(secret: string, email: string): string {
  return createHmac('sha256', secret).update(email, 'utf8').digest('hex');
}

/**
 * The visitor as the summary keeps it: the signature is checked and dropped, never stored.
 * `unverifiable` is called when the page signed the email but the server has no secret to check it with.
 */
export function summaryVisitor(info: VisitorInfo | undefined, secret: string | undefined, unverifiable?: () => void): ConversationSummary['visitor'] {
  const { signature, ...visitor } = info ?? {};
  if (!visitor.email) return visitor;
  if (signature && !secret) unverifiable?.();
  const expected = secret ? Buffer.from(identitySignature(secret, visitor.email), 'hex') : undefined;
  const given = signature ? Buffer.from(signature, 'hex') : undefined;
  const verified = !!expected && !!given && given.length === expected.length && timingSafeEqual(given, expected);
  return { ...visitor, verified };
}

/**
 * Tells the operator, once per server, that a page signs its visitors' emails but this server has
 * no KOHTAAMO_IDENTITY_SECRET to check them with: otherwise agents see every email unverified
 * and nobody is told why.
 */
export function unsetSecretNotice(info: (line: string) => void): () => void {
  let told = false;
  return () => {
    if (told) return;
    told = true;
    info(
      'A page sent a signed visitor identity (Kohtaamo identify with a signature), but KOHTAAMO_IDENTITY_SECRET is not set: agents see these emails as not verified. Set KOHTAAMO_IDENTITY_SECRET to the secret the site signs with and restart. (Said once.)',
    );
  };
}
