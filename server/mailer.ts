// Sending an email through the site's SMTP server (nodemailer: SMTP with STARTTLS, auth and
// pooling is not code worth writing again). A server other than this machine must offer TLS:
// the emails carry what agents wrote to customers.
import nodemailer from 'nodemailer';
import type { EmailConfig } from './email-config';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** Resolves when the mail server answers and takes the login; rejects saying why not. */
  verify(): Promise<void>;
  close(): void;
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
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
    async verify() {
      await transport.verify();
    },
    close: () => transport.close(),
  };
}
