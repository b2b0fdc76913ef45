// `kohtaamo agent add|passwd|remove|list`: manage the agents (`<data>/agents.json`, or PostgreSQL
// with KOHTAAMO_DATABASE_URL) while the servers run or not. A running server ends the consoles of
// a removed agent, or of one whose password changed.
import { resolve } from 'node:path';
import * as v from 'valibot';
import type { CliIo } from './io';
import { DEFAULTS } from '../defaults';
import { readFlags } from '../flags';
import { generatePassword, hashPassword, type AgentDirectory } from '../agents';
import { openAgentDirectory } from '../agent-directory';
import { AgentsFileError } from '../agents-file';
import { agentByLogin, loginKey } from '../login-key';
import { passwordProblem } from '../password-rules';
import { name as agentName } from '../../protocol/fields';
import { LIMITS } from '../../protocol/limits';

export const AGENT_LINES = `  kohtaamo agent add --login L --name N [--data DIR]   (password from stdin, or one is generated and printed)
  kohtaamo agent passwd --login L [--data DIR]   (ends the agent's open console sessions)
  kohtaamo agent remove --login L [--data DIR]   (the agent's consoles are logged out at once)
  kohtaamo agent list [--data DIR]
`;
export const AGENT_USAGE = `Usage:\n${AGENT_LINES}
The agents who log in to the console, in DIR/agents.json: --data DIR, else KOHTAAMO_DATA, else ./data
relative to where you run it (the same directory as serve's). With KOHTAAMO_DATABASE_URL set (a
scaled-out server), in PostgreSQL.
`;

/** A piped password (first line of stdin), or a generated one when stdin is a terminal or empty. */
async function passwordFrom(io: CliIo, login: string): Promise<{ password: string; generated: boolean } | { error: string }> {
  if (!(io.stdin as { isTTY?: boolean }).isTTY) {
    let text = '';
    for await (const chunk of io.stdin) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    const line = text.split(/\r?\n/)[0] ?? '';
    if (line !== '') {
      const problem = passwordProblem(line, login);
      return problem ? { error: problem } : { password: line, generated: false };
    }
  }
  return { password: generatePassword(), generated: true };
}

export async function agentCommand(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, ...rest] = argv;
  const fail = (message: string) => {
    io.stderr.write(`kohtaamo agent ${sub ?? ''}: ${message}\n`);
    return 2;
  };
  // `kohtaamo agent --help` is main's (every command's --help is); this is a missing or mistyped subcommand.
  if (sub !== 'add' && sub !== 'passwd' && sub !== 'remove' && sub !== 'list') {
    io.stderr.write(sub === undefined ? AGENT_USAGE : `kohtaamo agent: unknown subcommand "${sub}"\n\n${AGENT_USAGE}`);
    return 2;
  }
  const read = readFlags(rest, ['login', 'name', 'data']);
  if (!read.ok) return fail(read.message);
  const flag = (name: string) => read.flags.get(name)?.at(-1);
  const directory = await openAgentDirectory({ data: resolve(flag('data') ?? (env.KOHTAAMO_DATA || DEFAULTS.data)), database: env.KOHTAAMO_DATABASE_URL || undefined });
  try {
    // Agents are in the data directory (./data by default, relative to where you run this) unless in PostgreSQL.
    const elsewhere = env.KOHTAAMO_DATABASE_URL ? '' : ', or pass --data DIR (the directory serve uses)';
    return await manage(sub, flag, directory, io, fail, elsewhere);
  } catch (error) {
    // A hand-edited agents file with a typo, or one (or a directory) this user may not use: which and what to do, not a stack.
    if (error instanceof AgentsFileError) return fail(error.message);
    throw error;
  } finally {
    await directory.close();
  }
}

async function manage(
  sub: string | undefined,
  flag: (name: string) => string | undefined,
  directory: AgentDirectory,
  io: CliIo,
  fail: (message: string) => number,
  elsewhere: string,
): Promise<number> {
  const file = directory.where;
  const agents = await directory.list();

  if (sub === 'list') {
    // One line per agent, login tab name: a name an older release (or a hand edit) let in with a
    // line break or tab is written as JSON, which shows them rather than splitting the line.
    for (const a of agents) io.stdout.write(`${a.login}\t${/[\u0000-\u001f\u007f]/.test(a.name) ? JSON.stringify(a.name) : a.name}\n`);
    if (agents.length > 0) return 0;
    // Nothing on stdout (the list is empty), but never silence: a wrong directory looks just like this.
    const add = 'add one with: kohtaamo agent add --login L --name N';
    if (!(await directory.exists())) return fail(`no agents in ${file} (there is no such file: no agent was added there yet, or it was deleted or moved away; a running server keeps the agents it read until it is back); ${add}${elsewhere}`);
    io.stderr.write(`kohtaamo agent list: no agents in ${file} (all were removed); ${add}\n`);
    return 0;
  }
  const login = flag('login');
  if (!login) return fail('--login is required: letters, digits, . _ - (at most 64)');
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(login)) return fail(`--login ${JSON.stringify(login)}: a login may contain only letters a-z A-Z, digits and . _ - (at most 64), no spaces`);

  if (sub === 'add') {
    const given = flag('name');
    if (!given?.trim()) return fail(`--name is required (at most ${LIMITS.name} characters)`);
    // The visitor side's rule for a name: one line, no control characters. A line break split
    // `agent list`'s lines, and the console shows the name as a label.
    const checked = v.safeParse(agentName, given);
    if (!checked.success) return fail(`--name ${JSON.stringify(given)}: a name must be one line of plain text, with no control characters, tabs or line breaks (at most ${LIMITS.name} characters)`);
    const name = checked.output;
    const existing = agents.find((a) => loginKey(a.login) === loginKey(login));
    if (existing) return fail(`an agent with login "${existing.login}" already exists (logins are the same whatever their case); use agent passwd, or another login`);
    // Agents are told apart by name where people see them (the transcript's "joined", the pass
    // list, what the visitor reads) and by the console's count of what an agent has seen: two of
    // one name passed each other chats that showed nothing new.
    const namesake = agents.find((a) => a.name.toLowerCase() === name.toLowerCase());
    if (namesake) return fail(`an agent named "${namesake.name}" already exists (login "${namesake.login}"); colleagues and visitors tell agents apart by name, so give another, e.g. with a last name or initial`);
    const source = await passwordFrom(io, login);
    if ('error' in source) return fail(source.error);
    const password = await hashPassword(source.password);
    // The id is the login, so a removed agent's console sessions would count as the new one's:
    // a password set now ends every session begun before it, as `passwd` does.
    const agent = { id: login, login, name, password, passwordChangedAt: Date.now() };
    await directory.change((now) => [...now.filter((a) => loginKey(a.login) !== loginKey(login)), agent]);
    io.stdout.write(`Added agent ${login} (${name}) to ${file}.\n`);
    if (source.generated) io.stdout.write(`Password: ${source.password}\n`);
    return 0;
  }
  // Found as logging in finds it: whatever the case typed (login-key.ts).
  const found = agentByLogin(agents, login);
  if (!found) return fail(`no agent with login "${login}" in ${file}`);
  if (sub === 'passwd') {
    const source = await passwordFrom(io, found.login);
    if ('error' in source) return fail(source.error);
    const password = await hashPassword(source.password);
    await directory.change((now) =>
      now.map((a) => {
        if (a.login !== found.login) return a;
        const { demoPassword: _shown, ...kept } = a;
        return { ...kept, password, passwordChangedAt: Date.now() };
      }),
    );
    io.stdout.write(`Changed the password of ${found.login}; their open consoles are logged out.\n`);
    if (source.generated) io.stdout.write(`Password: ${source.password}\n`);
    return 0;
  }
  if (sub === 'remove') {
    await directory.change((now) => now.filter((a) => a.login !== found.login));
    io.stdout.write(`Removed agent ${found.login}; their open consoles are logged out and the chats they were serving go back to the queue. Their past conversations stay.\n`);
    return 0;
  }
  return fail('use add, passwd, remove or list');
}
