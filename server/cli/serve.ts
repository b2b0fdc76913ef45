// `kohtaamo serve`: check the settings, start, say where everything is, stop on a signal.
import type { CliIo } from './io';
import { parseServeConfig } from '../config';
import { createServer } from '../app';
import { usesDemoFaq } from '../demo-site';
import { join } from 'node:path';
import { StartError } from '../start-error';
import { damagedDatabase } from '../store/storage-problem';
import { DATABASE_FILE } from '../store/sqlite';
import { isDamaged, toldOperator } from '../store/write-health';
import { withoutPassword } from '../shown-url';
import { createMailer } from '../mailer';
import type { EmailConfig } from '../email-config';
import { PACKAGE_ROOT } from './package-root';
import { demoLoginBanner } from './demo-login';
import { readingNotice } from './faq-weight';
import { missingBuild } from './missing-build';
import { packageVersion } from './version';

/**
 * Whether the mail server answers and takes the login: a wrong password is news at start, not at
 * the first email. Without a login in the URL none is tried, so the line says only that it answered.
 */
export async function checkMailServer(email: EmailConfig, io: CliIo): Promise<void> {
  const mailer = createMailer(email);
  const where = withoutPassword(email.smtp);
  const login = new URL(email.smtp).username !== '';
  try {
    await mailer.verify();
    io.stdout.write(`Email: the mail server at ${where} answered${login ? ' and took the login' : ' (no login tried: the SMTP URL has none)'}.\n`);
  } catch (error) {
    io.stdout.write(`Email: the mail server at ${where} did not work: ${(error as Error).message}. Emails to visitors will fail until it does; check KOHTAAMO_SMTP_URL.\n`);
  } finally {
    mailer.close();
  }
}

/** `kohtaamo serve --help`: its flags, and the environment (which the other commands read too: KOHTAAMO_DATA, KOHTAAMO_DATABASE_URL). */
export const SERVE_LINES = `  kohtaamo serve [--port 8787] [--host 127.0.0.1] [--faq demo/faq.json] [--data ./data] [--origin https://shop.example,...]
                 [--heartbeat 10000] [--idle-timeout 30000]           (milliseconds)
                 [--agent-away 120000]   (ms an agent may be gone before their chats go back to the queue; 0: never)
                 [--retention-days 0]    (delete closed conversations idle this many days, daily; 0: keep)
                 [--webhook https://hooks.shop.example/kohtaamo]   (POSTs waiting visitors, messages, closes and ratings there)
                 [--faq-option answerThreshold=0.8 ...]               (search tuning, repeatable)
                 [--replies replies.md]  (the team's saved replies, in the FAQ's format; / in the console inserts them)
                 [--hours "mon-fri 9-16, sat 10-14"]   (told to visitors waiting while nobody is online)
                 [--timezone Europe/Helsinki]   (your site's zone: of the hours, and of the report's days)
                 [--smtp smtp://user@mail.shop.example:587] [--mail-from "Shop <support@shop.example>"] [--email-after 120000]
                                         (replies a visitor missed after leaving, by email; a password only in the environment)
                 [--database postgres://…] [--redis redis://…]   (several servers; passwords only in the environment)
                 [--trust-proxy loopback | 10.0.0.2,10.1.0.0/16 | 1]   (your reverse proxies, or how many: the per-address limits
                                         count the client their X-Forwarded-For names; never trusted unless set)
`;
export const ENVIRONMENT = `Environment: KOHTAAMO_PORT, KOHTAAMO_HOST, KOHTAAMO_FAQ, KOHTAAMO_FAQ_OPTIONS, KOHTAAMO_REPLIES, KOHTAAMO_DATA, KOHTAAMO_ORIGIN,
  KOHTAAMO_HEARTBEAT_MS, KOHTAAMO_IDLE_TIMEOUT_MS, KOHTAAMO_AGENT_AWAY_MS, KOHTAAMO_RETENTION_DAYS, KOHTAAMO_DEMO_PASSWORD,
  KOHTAAMO_IDENTITY_SECRET (32+ characters; agents see a visitor's email as verified when your site signed it),
  KOHTAAMO_WEBHOOK_URL, KOHTAAMO_WEBHOOK_SECRET (32+ characters; signs each webhook body),
  KOHTAAMO_HOURS, KOHTAAMO_TIMEZONE, KOHTAAMO_SMTP_URL, KOHTAAMO_MAIL_FROM, KOHTAAMO_EMAIL_AFTER_MS,
  KOHTAAMO_DATABASE_URL, KOHTAAMO_REDIS_URL, KOHTAAMO_TRUST_PROXY
  (any other KOHTAAMO_ name is refused as a mistyped one, but the project's test and benchmark settings, KOHTAAMO_TEST_* and KOHTAAMO_FAQ_EVAL)
`;
export const SERVE_USAGE = `Usage:\n${SERVE_LINES}${ENVIRONMENT}`;

export async function serveCommand(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const parsed = parseServeConfig(argv, env, PACKAGE_ROOT);
  if (!parsed.ok) {
    io.stderr.write(`kohtaamo serve: ${parsed.message}\n`);
    return 2;
  }
  const { config } = parsed;
  // The demo agent and its printed password are the demo's convenience: with the site's own FAQ
  // the server is the site's, and a login printed on every start (and kept readable in
  // agents.json) would be a way in for anyone who sees the terminal or the file.
  const demoFaq = usesDemoFaq(config);
  // Read before anything listens: a large FAQ would leave the terminal silent for minutes.
  for (const [file, name] of [[config.faq, 'FAQ'], [config.replies, 'saved replies']] as const) {
    const reading = file ? await readingNotice(file, name) : null;
    if (reading) io.stdout.write(`${reading}\n`);
  }
  let server;
  try {
    server = await createServer(config, { demoAgent: demoFaq });
  } catch (error) {
    // A damaged SQLite file is met by the first read, wherever it is: said as a start problem is.
    // Met while opening the file (its header: "file is not a database"), as a StartError.
    const damage = error instanceof StartError && isDamaged(error.cause) ? error.cause : error;
    if (isDamaged(damage) && !config.database) {
      // Said once: the store has said it if a read of the start met the damage (write-health.ts).
      if (!toldOperator(damage)) io.stderr.write(`kohtaamo serve: ${damagedDatabase(join(config.data, DATABASE_FILE), damage)}\n`);
      if (error instanceof StartError) return 1;
      // The start listens before it reads the conversations and closes nothing of what it had
      // opened when a read fails (as it crashed before): end the process, the line written
      // (stderr is synchronous for files and pipes on Linux), rather than hang half started.
      process.exit(1);
    }
    if (!(error instanceof StartError)) throw error;
    io.stderr.write(`kohtaamo serve: ${error.message}\n`);
    return 1;
  }
  const where = config.database ? ' (with KOHTAAMO_DATABASE_URL set)' : ` --data ${config.data}`;
  const login = demoLoginBanner(server.demo, demoFaq, where, await server.agentCount().catch(() => undefined));
  const unbuilt = missingBuild(config.root);
  io.stdout.write(
    [
      `Kohtaamo ${packageVersion()} is running on ${server.url}`,
      server.demoSite ? `  Demo site:        ${server.url}/          (Finnish; /en/ in English)` : `  Home page:        ${server.url}/          (a link to the console; the demo store comes with the demo FAQ only)`,
      `  Agent console:    ${server.url}/console/${unbuilt.console ? '    (not built: see the warning below)' : ''}`,
      `  ${`${login.label}:`.padEnd(18)}${login.login}`,
      `  FAQ:              ${config.faq} (${server.faq.entries} entries${server.faq.warnings ? `, ${server.faq.warnings} ${server.faq.warnings === 1 ? 'warning' : 'warnings'}: kohtaamo faq validate ${config.faq}` : ''})`,
      ...(config.replies && server.replies ? [`  Saved replies:    ${config.replies} (${server.replies.entries} entries, for agents: / in the console)`] : []),
      `  Data:             ${config.data}${config.retentionDays > 0 ? ` (closed conversations kept ${config.retentionDays} days)` : ''}`,
      ...(config.database
        ? [
            `  Conversations:    PostgreSQL ${withoutPassword(config.database)}`,
            `  Other servers:    ${config.redis ? `hear of changes through Redis ${withoutPassword(config.redis)}` : 'none can join: without --redis this server holds that database alone'}`,
          ]
        : []),
      `  Visitor origins:  ${server.origins.join(', ')}`,
      `  Time zone:        ${config.timeZone} (--timezone): the report's days${config.hours ? ' and the opening hours' : ''}`,
      ...(config.hours ? [`  Opening hours:    ${config.hours.written}: a visitor waiting while nobody is online is told when you open`] : []),
      // Said when off too: without it a visitor who leaves before the reply (at night, say, with
      // --hours) reads it only by coming back to the site in the same browser.
      config.email
        ? `  Email:            replies a visitor missed after leaving go ${Math.round(config.email.afterMs / 1000)} s later, through ${withoutPassword(config.email.smtp)}, from ${config.email.from}`
        : '  Email:            off: a visitor who left reads your reply only on coming back to the site (--smtp and --mail-from email it)',
      ...(config.webhook ? [`  Webhook:          ${new URL(config.webhook.url).origin} (${config.webhook.secret ? 'signed with KOHTAAMO_WEBHOOK_SECRET' : 'unsigned: set KOHTAAMO_WEBHOOK_SECRET so it can check the sender'})`] : []),
      ...login.warnings,
      ...unbuilt.lines,
      '',
    ].join('\n'),
  );
  // Not awaited: a slow mail server must not hold up the chat.
  if (config.email) void checkMailServer(config.email, io);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  io.stdout.write('Kohtaamo stopped.\n');
  return 0;
}
