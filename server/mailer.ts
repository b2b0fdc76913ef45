// Sending an email through the site's SMTP server (nodemailer: SMTP with STARTTLS, auth and
// pooling is not code worth writing again). A server other than this machine must offer TLS:
// the emails carry what agents wrote to customers.
import { domainToASCII } from 'node:url';
import nodemailer from 'nodemailer';
import type { EmailConfig } from './email-config';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** The conversation the email is of: every email of one carries the same thread reference (`threadReference`). */
  conversationId?: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** Resolves when the mail server answers and takes the login; rejects saying why not. */
  verify(): Promise<void>;
  close(): void;
}

/**
 * The reference that threads the emails of one conversation in a mail client, `<c_…@kotipesa.fi>`:
 * each email has its own Message-ID (nodemailer makes one), and all of one conversation name the
 * same In-Reply-To and References, as replies to one message. Built of the conversation id (a
 * random `c_` + base64url, all of it allowed in a msg-id) and the domain of the From address, so it
 * says nothing of the visitor. None when either would not be safe in the header: the email goes
 * unthreaded rather than with a broken header.
 */
export function threadReference(conversationId: string, from: string): string | undefined {
  const address = /<([^<>]*)>\s*$/.exec(from)?.[1] ?? from.trim();
  const host = domainToASCII(address.slice(address.lastIndexOf('@') + 1));
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(conversationId) || !/^[a-z0-9.-]+$/.test(host)) return undefined;
  return `<${conversationId}@${host}>`;
}

/** How long a slow or silent mail server may hold a send (nodemailer waits minutes by default). */
const TIMEOUT_MS = 15_000;

export function createMailer({ smtp, from }: Pick<EmailConfig, 'smtp' | 'from'>): Mailer {
  const url = new URL(smtp);
  const secure = url.protocol === 'smtps:';
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  const transport = nodemailer.createTransport({
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    requireTLS: !secure && !local,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  return {
    async send({ conversationId, ...mail }) {
      const thread = conversationId === undefined ? undefined : threadReference(conversationId, from);
      await transport.sendMail({ from, ...mail, ...(thread ? { inReplyTo: thread, references: thread } : {}) });
    },
    async verify() {
      await transport.verify();
    },
    close: () => transport.close(),
  };
}
