// The `kohtaamo` command: `serve`, `faq …`, `agent …`, `data …`, `report`. Returns the exit code.
import type { CliIo } from './io';
import { faqCommand } from './faq';
import { agentCommand } from './agent';
import { serveCommand } from './serve';
import { dataCommand } from './data';
import { reportCommand } from './report';
import { unknownEnvironment } from '../flags';

const USAGE = `Usage:
  kohtaamo serve [--port 8787] [--host 127.0.0.1] [--faq demo/faq.json] [--data ./data] [--origin https://shop.example,...]
                 [--heartbeat 10000] [--idle-timeout 30000]           (milliseconds)
                 [--agent-away 120000]   (ms an agent may be gone before their chats go back to the queue; 0: never)
                 [--retention-days 0]    (delete closed conversations idle this many days, daily; 0: keep)
                 [--webhook https://hooks.shop.example/kohtaamo]   (POSTs waiting visitors, messages, closes and ratings there)
                 [--faq-option answerThreshold=0.8 ...]               (search tuning, repeatable)
                 [--replies replies.md]  (the team's saved replies, in the FAQ's format; / in the console inserts them)
                 [--hours "mon-fri 9-16, sat 10-14"] [--timezone Europe/Helsinki]   (told to visitors waiting while nobody is online)
                 [--smtp smtp://user@mail.shop.example:587] [--mail-from "Shop <support@shop.example>"] [--email-after 120000]
                                         (replies a visitor missed after leaving, by email; a password only in the environment)
                 [--database postgres://…] [--redis redis://…]   (several servers; passwords only in the environment)
                 [--trust-proxy loopback | 10.0.0.2,10.1.0.0/16 | 1]   (your reverse proxies, or how many: the per-address limits
                                         count the client their X-Forwarded-For names; never trusted unless set)
  kohtaamo agent add --login L --name N [--data DIR]   (password from stdin, or one is generated and printed)
  kohtaamo agent passwd --login L [--data DIR]   (ends the agent's open console sessions)
  kohtaamo agent remove --login L [--data DIR]   (the agent's consoles are logged out at once)
  kohtaamo agent list [--data DIR]
  kohtaamo faq …                                      (kohtaamo faq --help)
  kohtaamo data export --email E [--out FILE] | forget --email E | prune --older-than DAYS   (a customer's copy of their data, erasure, retention; kohtaamo data --help)
  kohtaamo data backup --out DIR [--data DIR]   (a checked copy of the data directory, taken while the server runs; serve --data DIR restores it)
  kohtaamo report [--days 30] [--data DIR] [--json]   (what the FAQ settled, and how handed-off visitors were served: waits, first replies, ratings)
Environment: KOHTAAMO_PORT, KOHTAAMO_HOST, KOHTAAMO_FAQ, KOHTAAMO_FAQ_OPTIONS, KOHTAAMO_REPLIES, KOHTAAMO_DATA, KOHTAAMO_ORIGIN,
  KOHTAAMO_HEARTBEAT_MS, KOHTAAMO_IDLE_TIMEOUT_MS, KOHTAAMO_AGENT_AWAY_MS, KOHTAAMO_RETENTION_DAYS, KOHTAAMO_DEMO_PASSWORD,
  KOHTAAMO_IDENTITY_SECRET (32+ characters; agents see a visitor's email as verified when your site signed it),
  KOHTAAMO_WEBHOOK_URL, KOHTAAMO_WEBHOOK_SECRET (32+ characters; signs each webhook body),
  KOHTAAMO_HOURS, KOHTAAMO_TIMEZONE, KOHTAAMO_SMTP_URL, KOHTAAMO_MAIL_FROM, KOHTAAMO_EMAIL_AFTER_MS,
  KOHTAAMO_DATABASE_URL, KOHTAAMO_REDIS_URL, KOHTAAMO_TRUST_PROXY
  (any other KOHTAAMO_ name is refused as a mistyped one, but the project's test and benchmark settings, KOHTAAMO_TEST_* and KOHTAAMO_FAQ_EVAL)
`;

/** `kohtaamo serve --help` and `kohtaamo agent --help` print this usage rather than take --help for a flag. */
const asksHelp = (args: readonly string[]) => args.includes('--help') || args.includes('-h');

const processIo: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

/** The commands that read settings from the environment (faq: KOHTAAMO_FAQ, and KOHTAAMO_DATA for gaps). */
const READ_ENVIRONMENT = ['serve', 'agent', 'faq', 'data', 'report'];

export async function main(argv: string[], io: CliIo = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  if (command && READ_ENVIRONMENT.includes(command) && !asksHelp(rest)) {
    const problem = unknownEnvironment(env);
    if (problem) {
      io.stderr.write(`kohtaamo ${command}: ${problem}\n`);
      return 2;
    }
  }
  switch (command) {
    case 'serve':
    case 'agent':
      if (asksHelp(rest)) {
        io.stdout.write(USAGE);
        return 0;
      }
      return command === 'serve' ? serveCommand(rest, io, env) : agentCommand(rest, io, env);
    case 'faq':
      return faqCommand(rest, io);
    case 'data':
      return dataCommand(rest, io, env);
    case 'report':
      return reportCommand(rest, io, env);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.stderr.write(`kohtaamo: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}
