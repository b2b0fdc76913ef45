// The start's check of the mail server (serve.ts checkMailServer): the line says only what was checked.
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { SMTPServer } from 'smtp-server';
import { afterEach, expect, it } from 'vitest';
import { checkMailServer } from './serve';

let close: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of close.splice(0)) await step();
});

/** A mail server on a free port that takes kohtaamo / right-password, and mail without a login too. */
async function mailServer(): Promise<number> {
  const smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth(auth, _session, done) {
      if (auth.username === 'kohtaamo' && auth.password === 'right password') done(null, { user: auth.username });
      else done(new Error('Invalid username or password'));
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  close.push(() => new Promise((resolve) => smtp.close(() => resolve())));
  return (smtp.server.address() as AddressInfo).port;
}

/** What checkMailServer prints for this SMTP URL. */
async function checked(smtp: string): Promise<string> {
  let out = '';
  const stdout = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out += chunk.toString();
      done();
    },
  });
  await checkMailServer({ smtp, from: 'tuki@kauppa.example', afterMs: 120_000 }, { stdin: process.stdin, stdout, stderr: stdout });
  return out;
}

it('says the login was taken only when the SMTP URL has one', async () => {
  const port = await mailServer();
  expect(await checked(`smtp://kohtaamo:right%20password@127.0.0.1:${port}`)).toBe(`Email: the mail server at smtp://kohtaamo:***@127.0.0.1:${port} answered and took the login.\n`);
  expect(await checked(`smtp://127.0.0.1:${port}`)).toBe(`Email: the mail server at smtp://127.0.0.1:${port} answered (no login tried: the SMTP URL has none).\n`);
});
