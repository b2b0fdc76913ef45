// `kohtaamo data export|forget|prune`: a customer's copy of what is stored about them, and
// deleting it, on their request or on a schedule (cron). See store/customer-data.ts for who a
// customer is, store/erase.ts for what goes and what stays. `kohtaamo data backup`: the whole
// data directory, copied while the server runs (data-backup.ts).
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CliIo } from './io';
import { DEFAULTS } from '../defaults';
import { readFlags } from '../flags';
import { customerExport } from '../customer-export';
import { emailKey, type CustomerWho } from '../store/customer-data';
import type { EraseResult } from '../store/erase';
import { maintenanceFor, type Maintenance } from '../store/maintenance';
import { backupDataDir, BackupRefused, restorableHere, type BackupResult } from '../data-backup';

export const DATA_USAGE = `Usage:
  kohtaamo data export --email ADDRESS [--out FILE] [--data DIR]  a customer's copy of everything stored about them, as JSON
  kohtaamo data export --visitor ID [--out FILE] [--data DIR]     the same for one visitor id (from the console's summary)
  kohtaamo data forget --email ADDRESS [--data DIR] [--dry-run]   everything stored about one customer
  kohtaamo data forget --visitor ID [--data DIR] [--dry-run]      everything of one visitor id (from the console's summary)
  kohtaamo data prune --older-than DAYS [--data DIR] [--dry-run]  closed conversations last active before then
  kohtaamo data backup --out DIR [--data DIR]                     a checked copy of the data directory, taken while the server runs;
                                                                  DIR is new (or empty), and is itself a data directory; to restore, stop the server and
                                                                  copy it into place: mv DATA DATA.before && cp -a DIR DATA (it prints the line)

With KOHTAAMO_DATABASE_URL set (a scaled-out server), the conversations are read from PostgreSQL
(back that up with pg_dump: kohtaamo data --help).
`;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function report(result: EraseResult, dryRun: boolean): string {
  const what = `${plural(result.conversations, 'closed conversation')} (${plural(result.events, 'event')}) and ${plural(result.visitors, 'visitor')}`;
  const open = result.stillOpen === 0 ? '' : ` ${plural(result.stillOpen, 'conversation is', 'conversations are')} still open and kept: close ${result.stillOpen === 1 ? 'it' : 'them'} in the console, then run this again.`;
  return `${dryRun ? 'Would delete' : 'Deleted'} ${what}.${open}\n`;
}

export async function dataCommand(argv: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, ...rest] = argv;
  const fail = (message: string) => {
    io.stderr.write(`kohtaamo data ${sub ?? ''}: ${message}\n`);
    return 2;
  };
  if (sub === 'backup') return backupCommand(rest, io, env, fail);
  if (sub !== 'export' && sub !== 'forget' && sub !== 'prune') {
    // `kohtaamo data --help` is main's (every command's --help is); this is a missing or mistyped subcommand.
    io.stderr.write(sub === undefined ? DATA_USAGE : `kohtaamo data: unknown subcommand "${sub}"\n\n${DATA_USAGE}`);
    return 2;
  }
  const dryRun = sub !== 'export' && rest.includes('--dry-run');
  const read = readFlags(
    rest.filter((arg) => !dryRun || arg !== '--dry-run'),
    sub === 'export' ? ['email', 'visitor', 'out', 'data'] : sub === 'forget' ? ['email', 'visitor', 'data'] : ['older-than', 'data'],
  );
  if (!read.ok) return fail(read.message);
  const flag = (name: string) => read.flags.get(name)?.at(-1);
  const dataDir = resolve(flag('data') ?? (env.KOHTAAMO_DATA || DEFAULTS.data));
  const store = maintenanceFor({ data: dataDir, database: env.KOHTAAMO_DATABASE_URL || undefined });
  if (!env.KOHTAAMO_DATABASE_URL && !existsSync(store.where)) return fail(`no conversations are stored in ${dataDir} (no ${store.where}); pass --data DIR`);
  try {
    return await act(sub, flag, store, dryRun, io, fail);
  } catch (error) {
    // Where and why in one line (a database a newer release wrote, one out of reach), not a stack.
    io.stderr.write(`kohtaamo data ${sub}: ${store.where}: ${(error as Error).message}\n`);
    return 1;
  }
}

async function act(sub: 'export' | 'forget' | 'prune', flag: (name: string) => string | undefined, store: Maintenance, dryRun: boolean, io: CliIo, fail: (message: string) => number): Promise<number> {
  if (sub === 'export' || sub === 'forget') {
    const email = flag('email');
    const visitorId = flag('visitor');
    if ((email === undefined) === (visitorId === undefined)) return fail('give either --email ADDRESS or --visitor ID');
    if (email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(email.trim())) return fail(`"${email}" is not an email address`);
    const who: CustomerWho = email !== undefined ? { email: emailKey(email) } : { visitorId: visitorId ?? '' };
    if (sub === 'export') return exportCustomer(store, who, flag('out'), io);
    io.stdout.write(report(await store.forget(who, { dryRun }), dryRun));
    return 0;
  }
  const days = flag('older-than');
  if (days === undefined || !/^\d+$/.test(days) || Number(days) < 1 || Number(days) > 36_500) return fail('--older-than needs a number of days, 1 to 36500');
  io.stdout.write(report(await store.prune(Date.now() - Number(days) * 24 * 60 * 60 * 1000, { dryRun }), dryRun));
  return 0;
}

/** Writes the export to stdout, or to a new file only its owner may read; says what it holds on stderr. */
async function exportCustomer(store: Maintenance, who: CustomerWho, out: string | undefined, io: CliIo): Promise<number> {
  const data = customerExport(await store.customerData(who), who, Date.now());
  const json = `${JSON.stringify(data, null, 2)}\n`;
  if (out !== undefined) {
    try {
      await writeFile(out, json, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      // Said of a file there already, not of a folder missing or not this user's.
      const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
      io.stderr.write(`kohtaamo data export: cannot write ${out}: ${(error as Error).message}${exists ? ' (--out makes a new file and never overwrites one)' : ''}\n`);
      return 1;
    }
  } else io.stdout.write(json);
  const whom = 'email' in who ? who.email : `visitor ${who.visitorId}`;
  const events = data.conversations.reduce((n, c) => n + c.events.length, 0);
  io.stderr.write(
    data.visitors.length === 0 && data.conversations.length === 0
      ? `Nothing is stored about ${whom}${out !== undefined ? `; ${out} says so` : ''}.\n`
      : `Exported ${plural(data.conversations.length, 'conversation')} (${plural(events, 'event')}) of ${plural(data.visitors.length, 'visitor')} for ${whom}${out !== undefined ? ` to ${out}` : ''}.\n`,
  );
  return 0;
}

/** With PostgreSQL, the conversations and the agents (agents-postgres.ts) are both there: nothing of theirs is in --data. */
const POSTGRES_BACKUP = `with KOHTAAMO_DATABASE_URL set, the conversations and the agents are in PostgreSQL, and the data directory holds nothing of theirs to copy. Back the database up with pg_dump, beside the running servers:
  pg_dump --format=custom --file kohtaamo-$(date +%F).dump "$KOHTAAMO_DATABASE_URL"
and restore it, the servers stopped, with:
  pg_restore --clean --if-exists --dbname "$KOHTAAMO_DATABASE_URL" kohtaamo-YYYY-MM-DD.dump`;

/** `kohtaamo data --help` (and `data backup --help`, as every command's --help is main's): the usage, and the backup with PostgreSQL. */
export const DATA_HELP = `${DATA_USAGE}\nWith KOHTAAMO_DATABASE_URL set, ${POSTGRES_BACKUP.slice('with KOHTAAMO_DATABASE_URL set, '.length)}\n`;

async function backupCommand(args: string[], io: CliIo, env: NodeJS.ProcessEnv, fail: (message: string) => number): Promise<number> {
  const read = readFlags(args, ['out', 'data']);
  if (!read.ok) return fail(read.message);
  if (env.KOHTAAMO_DATABASE_URL) return fail(POSTGRES_BACKUP);
  const out = read.flags.get('out')?.at(-1);
  if (out === undefined || out === '') return fail('give --out DIR: a new directory (or an empty one) outside the data directory, e.g. --out /var/backups/kohtaamo-$(date +%F)');
  const dataDir = resolve(read.flags.get('data')?.at(-1) ?? (env.KOHTAAMO_DATA || DEFAULTS.data));
  let result: BackupResult;
  try {
    result = await backupDataDir(dataDir, out);
  } catch (error) {
    if (error instanceof BackupRefused) return fail(error.message);
    // Whatever stopped it, the unfinished copy was deleted (or, had this process died, is named so).
    io.stderr.write(`kohtaamo data backup: ${dataDir}: ${(error as Error).message}; no backup was made\n`);
    return 1;
  }
  io.stdout.write(backupReport(dataDir, result));
  if (result.agentsProblem === null) return 0;
  // The backup is kept (its conversations are good), but a server started on it would stop at
  // the agents file: a failure, so that cron tells someone.
  io.stderr.write(`kohtaamo data backup: ${result.agentsProblem}; a server started on the backup would stop there too: fix it in ${dataDir}, then back up again\n`);
  return 1;
}

/** A path as one shell word, quoted only when it needs to be, so the restore line can be pasted as it is. */
const shellWord = (path: string) => (/^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`);

/**
 * A restore copies the backup into place and leaves the backup as it was. A server started with
 * --data on the backup itself would write there, and the backups' pruning (README: by age, and
 * a server never changes its directory's time) would then delete the live data.
 */
const restoreCommand = (dataDir: string, backup: string) => `mv ${shellWord(dataDir)} ${shellWord(`${dataDir}.before`)} && cp -a ${shellWord(backup)} ${shellWord(dataDir)}`;

const shownSize = (bytes: number) => (bytes < 100_000 ? `${Math.ceil(bytes / 1000)} KB` : `${(bytes / 1_000_000).toFixed(1)} MB`);

function backupReport(dataDir: string, r: BackupResult): string {
  const lines = [
    `Backed up ${dataDir} to ${r.out} (integrity check ok, schema version ${r.schemaVersion}):`,
    `  conversations: ${r.conversations} (${plural(r.events, 'event')})`,
    `  files visitors sent: ${r.files} (${shownSize(r.fileBytes)}), in the database`,
    `  agents: ${r.agents === null ? 'none (no agents.json)' : r.agentsProblem !== null ? 'agents.json copied as it is, but it does not read (below)' : `${r.agents} (agents.json)`}`,
    `  on disk: ${shownSize(r.bytes)}`,
  ];
  if (r.leftOut.length > 0) lines.push(`Left out, not Kohtaamo's: ${r.leftOut.join(', ')}`);
  if (r.unfinished.length > 0) lines.push(`Unfinished copies from backups that did not complete, to delete: ${r.unfinished.join(', ')}`);
  lines.push(
    restorableHere(r)
      ? `To restore: stop the server, put a copy of the backup in place of the data directory, and start the server again:\n  ${restoreCommand(dataDir, r.out)}`
      : `It was written by a newer Kohtaamo (schema version ${r.schemaVersion}): restore it with that release or a newer one.`,
  );
  return `${lines.join('\n')}\n`;
}
