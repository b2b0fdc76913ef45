// The embedded agent directory: `<data>/agents.json`, written whole (write, then rename), 0600.
// Watched, so a server hears of `kohtaamo agent remove` run beside it.
//
// A change reads, edits and writes the file under a lock, `agents.json.lock`: without it, two
// `kohtaamo agent add` run at once (or one beside a server making the demo agent) each read the
// same list and the last write dropped the other's agent. The lock is data-lock.ts's, one the OS
// drops when its holder dies, so a crashed `agent add` leaves nothing to clean up; within one
// process, changes take turns before it (SQLite would make one wait for its own process).
import type Database from 'better-sqlite3';
import { constants } from 'node:fs';
import { access, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AgentDirectory, AgentRecord } from './agents';
import { dataDirCreateProblem, dataDirProblem, takeLock } from './data-lock';
import { watchFile } from './file-watch';
import { makeDirectory } from './make-directory';
import { faultPosition, lineColumn } from '../faq/json-position';
import { printError } from './operator-log';

/** How long a change waits for another process's before giving up: each takes milliseconds. */
const LOCK_WAIT_MS = 10_000;
/** Each file's changes in this process, one after another. */
const turns = new Map<string, Promise<unknown>>();

async function lockFile(file: string): Promise<Database.Database> {
  await makeDir(dirname(file));
  const since = Date.now();
  for (;;) {
    const held = await writing(dirname(file), () => takeLock(`${file}.lock`));
    if (held) return held;
    if (Date.now() - since > LOCK_WAIT_MS) throw new Error(`${file} has been being changed by another process for ${LOCK_WAIT_MS / 1000} s; try again`);
    await sleep(5 + Math.random() * 20);
  }
}

/** Runs `change` with the file to itself: after this process's earlier changes, and under the lock. */
function locked<T>(file: string, change: () => Promise<T>): Promise<T> {
  const turn = (turns.get(file) ?? Promise.resolve())
    .catch(() => {})
    .then(async () => {
      const lock = await lockFile(file);
      try {
        return await change();
      } finally {
        lock.close();
      }
    });
  turns.set(file, turn);
  void turn.finally(() => turns.get(file) === turn && turns.delete(file)).catch(() => {});
  return turn;
}

// A service user's data directory is often root's: what `agent add` cannot do there, said as
// `serve` says it (data-lock.ts's messages), rather than a stack about EACCES.

/** Codes of a file system that refuses, rather than of a fault in this program. */
const REFUSALS = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT']);
const refused = (error: unknown) => REFUSALS.has(String((error as { code?: unknown }).code ?? ''));

async function makeDir(dir: string): Promise<void> {
  try {
    // Conversations go here too (`agent add` is often run before the first `serve`): only this user
    // may read a directory we make, as `serve` makes it (app.ts). One that exists keeps its owner's mode.
    await makeDirectory(dir, 0o700);
  } catch (error) {
    throw new AgentsFileError((await dataDirCreateProblem(dir, error)).message);
  }
}

/** `write` in `dir`; a refusal there (SQLite's lock says only "unable to open") as which directory and what to do. */
async function writing<T>(dir: string, write: () => T | Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const denied = await access(dir, constants.W_OK).then(() => false, () => true);
    if (!denied && !refused(error)) throw error;
    throw new AgentsFileError((await dataDirProblem(dir, error)).message);
  }
}

export const agentsFile = (dataDir: string) => join(dataDir, 'agents.json');

/** The agents file read but not understood (a hand edit with a typo): the message names the file and what to fix. */
export class AgentsFileError extends Error {}

const FIX = 'fix it by hand, or put back a copy';

/** The agents in `file`, or [] when there is none (no agent was ever added there). */
export async function loadAgents(file: string): Promise<AgentRecord[]> {
  return (await readAgents(file)) ?? [];
}

/** The agents in `file`, or null when there is no file. */
async function readAgents(file: string): Promise<AgentRecord[] | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if (!refused(error)) throw error;
    throw new AgentsFileError(`Cannot read ${file}: this user (uid ${process.getuid?.() ?? '?'}) may not read it; give it to this user (chown), or pass another --data`);
  }
  let data: { agents?: unknown } | null;
  try {
    data = JSON.parse(text) as { agents?: unknown } | null;
  } catch (error) {
    // Never the parser's message: it quotes the file around the fault, agents' names and hashes.
    const at = faultPosition((error as Error).message, text);
    const where = at === null ? null : lineColumn(text, at);
    throw new AgentsFileError(`${file} is not valid JSON${where === null ? '' : ` at ${where.line}:${where.column} (line:column)`}: ${FIX}`);
  }
  if (!Array.isArray(data?.agents)) throw new AgentsFileError(`${file}: expected {"agents": [...]}: ${FIX}`);
  return data.agents.map((a: Partial<AgentRecord> | null, i: number) => {
    if (typeof a?.id !== 'string' || typeof a.login !== 'string' || typeof a.name !== 'string' || typeof a.password !== 'string') {
      throw new AgentsFileError(`${file}: agent ${i} needs string id, login, name and password: ${FIX}`);
    }
    return a as AgentRecord;
  });
}

export async function saveAgents(file: string, agents: AgentRecord[]): Promise<void> {
  await makeDir(dirname(file));
  // Write then rename, so a crash never leaves half a file; 0600 because it holds hashes.
  const temp = `${file}.${process.pid}.tmp`;
  await writing(dirname(file), async () => {
    await writeFile(temp, JSON.stringify({ agents }, null, 2) + '\n', { mode: 0o600 });
    await rename(temp, file);
  });
}

/**
 * How long the file may be gone before the operator is told: an editor that saves by renaming the
 * file away and writing it anew leaves no file for a moment (300 ms seen), which needs no telling.
 */
const GONE_TOLD_AFTER_MS = 1000;

/**
 * The agents file as a directory. Read at every login and console check, so that an edit takes
 * effect at once; a file broken by an edit is told of once (`log`), and logins and consoles go on
 * with the agents last read well until it is fixed, rather than all failing. (An agent removed by
 * that broken edit can still log in meanwhile; `kohtaamo agent remove` never breaks the file.)
 *
 * A file gone after a good read is taken the same way: deleted by mistake, by `rsync --delete` or
 * a restore script, or between an editor's rename and write, it ended every console at once as
 * "removed" and refused every login, with nothing in the log. A file with no agents in it (`agent
 * remove` of the last one) is a file read well: its agents are out. With no file from the start,
 * there are no agents, as before.
 */
export function fileAgents(dataDir: string, log: (news: string) => void = printError): AgentDirectory {
  const file = agentsFile(dataDir);
  let lastGood: AgentRecord[] | null = null;
  let broken: string | null = null;
  /** Since when the file has been gone after a good read, and whether the operator was told. */
  let gone: { since: number; told: boolean } | null = null;
  const goneNews = (count: number) =>
    `${file} is gone (deleted, or moved away). Until it is back, logins and consoles go on with the ${count} agent(s) read before; a server restarted without it has none of them. ` +
    'Put it back (from a backup, or from where it was moved), or add the agents again with `kohtaamo agent add`: that makes a new file with only the agents added, and the consoles of the others are logged out.';
  const list = async () => {
    try {
      const agents = await readAgents(file);
      if (agents === null) {
        if (lastGood === null) return [];
        gone ??= { since: Date.now(), told: false };
        if (!gone.told && Date.now() - gone.since >= GONE_TOLD_AFTER_MS) {
          log(goneNews(lastGood.length));
          gone.told = true;
        }
        return lastGood;
      }
      if (gone?.told) log(`${file} is back: ${agents.length} agent(s).`);
      else if (broken !== null) log(`${file} reads well again: ${agents.length} agent(s).`);
      gone = null;
      broken = null;
      lastGood = agents;
      return agents;
    } catch (error) {
      if (lastGood === null || !(error instanceof AgentsFileError)) throw error;
      if (error.message !== broken) log(`${error.message}. Until then, logins and consoles go on with the ${lastGood.length} agent(s) read before.`);
      broken = error.message;
      return lastGood;
    }
  };
  const tell = () => void list().catch((error: unknown) => log(error instanceof Error ? error.message : String(error)));
  return {
    where: file,
    list,
    change: (edit) => locked(file, async () => saveAgents(file, edit(await loadAgents(file)))),
    exists: () => readFile(file).then(() => true, () => false),
    watch: (onChange) => {
      /** A look again once a file gone may be told of, should it stay gone with no login to read it. */
      let again: NodeJS.Timeout | undefined;
      const watcher = watchFile(file, () => {
        // Read now: a broken edit, and its fix, are told when made, not at the next login or
        // console check (with no console open, neither was told at all).
        tell();
        clearTimeout(again);
        again = setTimeout(tell, GONE_TOLD_AFTER_MS + 50);
        again.unref();
        onChange();
      });
      return {
        close() {
          clearTimeout(again);
          watcher.close();
        },
      };
    },
    close: async () => {},
  };
}
