// The `kohtaamo` command: `serve`, `faq …`, `agent …`, `data …`, `report`, `--version`. Returns the exit code.
import type { CliIo } from './io';
import { faqCommand } from './faq';
import { FAQ_USAGE } from './faq-usage';
import { agentCommand, AGENT_LINES, AGENT_USAGE } from './agent';
import { ENVIRONMENT, serveCommand, SERVE_LINES, SERVE_USAGE } from './serve';
import { dataCommand, DATA_HELP } from './data';
import { reportCommand, REPORT_USAGE } from './report';
import { emptyEnvironment, unknownEnvironment } from '../flags';
import { packageVersion } from './version';

/** The overview: serve's and agent's lines whole, the others' in one line each (`kohtaamo faq --help` and so on for theirs). */
const USAGE = `Usage:
${SERVE_LINES}${AGENT_LINES}  kohtaamo faq …                                      (kohtaamo faq --help)
  kohtaamo data export --email E [--out FILE] | forget --email E | prune --older-than DAYS   (a customer's copy of their data, erasure, retention; kohtaamo data --help)
  kohtaamo data backup --out DIR [--data DIR]   (a checked copy of the data directory, taken while the server runs; serve --data DIR restores it)
  kohtaamo report [--days 30] [--timezone ZONE] [--data DIR] [--json]   (what the FAQ settled, and how handed-off visitors were served: waits, first replies, ratings)
  kohtaamo --version                                  (the installed release)
${ENVIRONMENT}`;

/** Every command, with what `kohtaamo COMMAND --help` prints. */
const COMMANDS: Record<string, { run: (args: string[], io: CliIo, env: NodeJS.ProcessEnv) => Promise<number>; usage: string }> = {
  serve: { run: serveCommand, usage: SERVE_USAGE },
  agent: { run: agentCommand, usage: AGENT_USAGE },
  faq: { run: (args, io) => faqCommand(args, io), usage: FAQ_USAGE },
  data: { run: dataCommand, usage: DATA_HELP },
  report: { run: (args, io, env) => reportCommand(args, io, env), usage: REPORT_USAGE },
};

/**
 * Whether `kohtaamo COMMAND …` asks for COMMAND's usage: `help` after it, or --help or -h anywhere
 * among its arguments (`faq validate --help`, `agent add -h`), so --help is never taken for a
 * file name or a flag's value. Not after `--`, which ends the options.
 */
const asksHelp = (args: readonly string[]) => {
  const options = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
  return args[0] === 'help' || options.includes('--help') || options.includes('-h');
};

const processIo: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

export async function main(argv: string[], io: CliIo = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === 'version') {
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  if (command === 'help' && rest[0] !== undefined && Object.hasOwn(COMMANDS, rest[0])) {
    io.stdout.write(COMMANDS[rest[0]]!.usage);
    return 0;
  }
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  const chosen = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!chosen) {
    io.stderr.write(`kohtaamo: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  if (asksHelp(rest)) {
    io.stdout.write(chosen.usage);
    return 0;
  }
  // Every command reads settings from the environment (faq: KOHTAAMO_FAQ, and KOHTAAMO_DATA for
  // gaps; agent and data: KOHTAAMO_DATA), where one set but empty would mean the default.
  const problem = unknownEnvironment(env) ?? emptyEnvironment(env);
  if (problem) {
    io.stderr.write(`kohtaamo ${command}: ${problem}\n`);
    return 2;
  }
  return chosen.run(rest, io, env);
}
