import { afterEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createMailer } from './mailer';

let close: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of close.splice(0)) await step();
});

/** A mail server on a free port that takes only kohtaamo / right-password. */
async function mailServer(host = '127.0.0.1') {
  const smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, done) {
      if (auth.username === 'kohtaamo' && auth.password === 'right password') done(null, { user: auth.username });
      else done(new Error('Invalid username or password'));
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, host, resolve));
  close.push(() => new Promise((resolve) => smtp.close(() => resolve())));
  return (smtp.server.address() as AddressInfo).port;
}

describe('the mailer', () => {
  it('says the mail server works when it answers and takes the login (a password with spaces, from the URL)', async () => {
    const port = await mailServer();
    const mailer = createMailer({ smtp: `smtp://kohtaamo:right%20password@127.0.0.1:${port}`, from: 'tuki@kauppa.example' });
    await expect(mailer.verify()).resolves.toBeUndefined();
    mailer.close();
  });

  it('says why not when the login is wrong or nothing answers', async () => {
    const port = await mailServer();
    const wrong = createMailer({ smtp: `smtp://kohtaamo:wrong@127.0.0.1:${port}`, from: 'tuki@kauppa.example' });
    await expect(wrong.verify()).rejects.toThrow(/Invalid username or password/);
    wrong.close();
    const closed = createMailer({ smtp: 'smtp://127.0.0.1:1', from: 'tuki@kauppa.example' });
    await expect(closed.verify()).rejects.toThrow(/ECONNREFUSED/);
    closed.close();
  });

  it('will not send to a mail server elsewhere that offers no TLS', async () => {
    // 127.0.0.2 is this machine too, but not one of the names the mailer trusts without TLS.
    const port = await mailServer('127.0.0.2');
    const elsewhere = createMailer({ smtp: `smtp://kohtaamo:right%20password@127.0.0.2:${port}`, from: 'tuki@kauppa.example' });
    await expect(elsewhere.verify()).rejects.toThrow(/STARTTLS|TLS/i);
    elsewhere.close();
  });
});
