// `kohtaamo serve`: check the settings, start, say where everything is, stop on a signal.
import { fileURLToPath } from 'node:url';
import type { CliIo } from './io';
import { parseServeConfig } from '../config';
import { createServer } from '../app';
import { usesDemoFaq } from '../demo-site';
import { StartError } from '../start-error';
import { withoutPassword } from '../shown-url';
import { createMailer } from '../mailer';
import type { EmailConfig } from '../email-config';
import { missingBuild } from './missing-build';

/** Whether the mail server answers and takes the login: a wrong password is news at start, not at the first email. */
async function checkMailServer(email: EmailConfig, io: CliIo): Promise<void> {
  const mailer = createMailer(email);
  const where = withoutPassword(email.smtp);
  try {
    await mailer.verify();
    io.stdout.write(`Email: the mail server at ${where} answered and took the login.\n`);
  } catch (error) {
    io.stdout.write(`Email: the mail server at ${where} did not work: ${(error as Error).message}. Emails to visitors will fail until it does; check KOHTAAMO_SMTP_URL.\n`);
  } finally {
    mailer.close();
  }
}

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

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
  let server;
  try {
    server = await createServer(config, { demoAgent: demoFaq });
  } catch (error) {
    if (!(error instanceof StartError)) throw error;
    io.stderr.write(`kohtaamo serve: ${error.message}\n`);
    return 1;
  }
  const demo = !server.demo
    ? 'none in this data directory (`kohtaamo agent add` adds agents)'
    : demoFaq
      ? `${server.demo.login} / ${server.demo.password ?? '(changed with `kohtaamo agent passwd --login demo`)'}`
      : 'not shown: this site serves its own FAQ';
  const where = config.database ? ' (with KOHTAAMO_DATABASE_URL set)' : ` --data ${config.data}`;
  const leftOver = server.demo && !demoFaq
    ? [`Warning: the agent "${server.demo.login}" from an earlier demo start can still log in to the console; remove it with: npx kohtaamo agent remove --login ${server.demo.login}${where}`]
    : [];
  const unbuilt = missingBuild(config.root);
  io.stdout.write(
    [
      `Kohtaamo is running on ${server.url}`,
      server.demoSite ? `  Demo site:        ${server.url}/          (Finnish; /en/ in English)` : `  Home page:        ${server.url}/          (a link to the console; the demo store comes with the demo FAQ only)`,
      `  Agent console:    ${server.url}/console/${unbuilt.console ? '    (not built: see the warning below)' : ''}`,
      `  Demo login:       ${demo}`,
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
      ...(config.hours ? [`  Opening hours:    ${config.hours.written} (${config.hours.timeZone}): a visitor waiting while nobody is online is told when you open`] : []),
      // Said when off too: without it a visitor who leaves before the reply (at night, say, with
      // --hours) reads it only by coming back to the site in the same browser.
      config.email
        ? `  Email:            replies a visitor missed after leaving go ${Math.round(config.email.afterMs / 1000)} s later, through ${withoutPassword(config.email.smtp)}, from ${config.email.from}`
        : '  Email:            off: a visitor who left reads your reply only on coming back to the site (--smtp and --mail-from email it)',
      ...(config.webhook ? [`  Webhook:          ${new URL(config.webhook.url).origin} (${config.webhook.secret ? 'signed with KOHTAAMO_WEBHOOK_SECRET' : 'unsigned: set KOHTAAMO_WEBHOOK_SECRET so it can check the sender'})`] : []),
      ...leftOver,
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
