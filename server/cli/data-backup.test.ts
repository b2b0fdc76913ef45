// `kohtaamo data backup` as a site owner runs it: beside a server writing, to a new directory
// that a server then starts on; refused where it would overwrite or nest; never leaving a
// half-made copy under the name asked for.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { addAgent, connect, isType, login, PAGE, startTestServer, tempDir, until } from '../test-support';
import { SCHEMA_VERSION } from '../store/schema-version';
import { DATABASE_FILE, openSqliteStore } from '../store/sqlite';
import { main } from './main';

let dir: { dir: string; remove(): Promise<void> };
beforeEach(async () => (dir = await tempDir()));
afterEach(() => dir.remove());

function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
  let out = '';
  let err = '';
  io.stdout.on('data', (d: Buffer) => (out += d.toString()));
  io.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return main(argv, io, env).then((code) => ({ code, out, err }));
}

/** Runs the restore line the backup's report printed, as a site owner pastes it into a shell. */
function restoreAsPrinted(report: string): void {
  const line = /To restore: .*\n {2}(.+)\n/.exec(report)?.[1];
  expect(line).toMatch(/^mv /);
  execFileSync('sh', ['-c', line ?? 'false']);
}

/** A data directory as a server leaves it: a database with one conversation, and agents.json. */
async function dataDir(): Promise<string> {
  const data = join(dir.dir, 'data');
  await mkdir(data, { recursive: true });
  const store = openSqliteStore(join(data, DATABASE_FILE), { checkpointMs: 0 });
  await store.createVisitor('v1', 'hash-v1', 1);
  await store.close();
  await addAgent(data, 'aino', 'Aino', 'aino-password-123');
  return data;
}

it('copies every commit up to the moment it starts, beside a server writing all the while, and the copy is whole', async () => {
  const data = join(dir.dir, 'data');
  await mkdir(data);
  const file = join(data, DATABASE_FILE);
  // The server: a conversation with a message every few ms, a file in every fifth. Its tables are
  // in the database file, but it checkpoints once a minute, so what it writes lives only in
  // kohtaamo.sqlite-wal, as between a real server's checkpoints: a copy of the file alone lacks it.
  const code = `import { openSqliteStore } from ${JSON.stringify(resolve(__dirname, '../store/sqlite.ts'))};
await openSqliteStore(${JSON.stringify(file)}, { checkpointMs: 0 }).close();
const store = openSqliteStore(${JSON.stringify(file)}, { checkpointMs: 60000 });
let refused = 0;
process.on('SIGTERM', () => { console.log('refused ' + refused); process.exit(0); });
const page = { url: 'https://x.example/', title: 'X' };
for (let i = 0; ; i++) {
  try {
    await store.createVisitor('v' + i, 'h' + i, Date.now());
    await store.handoff({ visitorId: 'v' + i, handoffId: 'h', conversationId: 'c' + i, at: Date.now(), lang: 'fi', page, reason: 'no_answer', visitor: {}, questions: [], botAnswers: [],
      events: [{ clientId: 'h' + i, at: Date.now(), role: 'system', body: { kind: 'handoff', reason: 'no_answer', page, lang: 'fi' } }] });
    const bytes = Buffer.alloc(3000, i % 256);
    await store.visitorMessage('v' + i, i % 5 === 0
      ? { clientId: 'm' + i, at: Date.now(), role: 'visitor', body: { kind: 'file', fileId: 'f' + i, name: 'kuitti.pdf', type: 'application/pdf', size: bytes.length } }
      : { clientId: 'm' + i, at: Date.now(), role: 'visitor', body: { kind: 'text', text: 'hei ' + i } },
      i % 5 === 0 ? { id: 'f' + i, type: 'application/pdf', name: 'kuitti.pdf', bytes } : undefined);
    console.log('done ' + i);
  } catch (e) { refused++; console.error('server write refused:', e.code, e.message); }
  await new Promise((r) => setTimeout(r, 2));
}`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  let output = '';
  let done = -1;
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString();
    const all = [...output.matchAll(/done (\d+)/g)];
    done = Number(all.at(-1)?.[1] ?? -1);
  });
  try {
    await until(() => done >= 30, 20_000);
    const copies: { out: string; before: number }[] = [];
    for (let k = 0; k < 3; k++) {
      const before = done;
      const out = join(dir.dir, `backup-${k}`);
      const result = await run(['data', 'backup', '--data', data, '--out', out]);
      expect(result).toMatchObject({ code: 0, err: '' });
      expect(result.out).toContain(`Backed up ${data} to ${out} (integrity check ok, schema version ${SCHEMA_VERSION}):`);
      copies.push({ out, before });
      await until(() => done >= before + 10, 20_000);
    }
    child.kill('SIGTERM');
    await exited;
    expect(output).toContain('refused 0');
    // The WAL held the newest commits: without them a copy would stop well short.
    expect((await readdir(data)).includes(`${DATABASE_FILE}-wal`)).toBe(true);

    for (const { out, before } of copies) {
      const db = new Database(join(out, DATABASE_FILE), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const ids = (db.prepare('SELECT id, last_seq FROM conversations').all() as { id: string; last_seq: number }[]).map((c) => Number(c.id.slice(1))).sort((a, b) => a - b);
        // Every conversation written before the backup began, and none with a gap: one snapshot.
        expect(ids.length).toBeGreaterThan(before);
        expect(ids).toEqual(ids.map((_, i) => i));
        const torn = db.prepare('SELECT c.id FROM conversations c WHERE c.last_seq <> (SELECT COUNT(*) FROM events e WHERE e.conversation_id = c.id)').all();
        expect(torn).toEqual([]);
        const files = db.prepare('SELECT id, length(bytes) AS n FROM files').all() as { id: string; n: number }[];
        expect(files.length).toBeGreaterThanOrEqual(Math.floor(before / 5));
        expect(files.every((f) => f.n === 3000)).toBe(true);
      } finally {
        db.close();
      }
      // A backup is a data directory and nothing else: no log beside the database, no lock.
      expect((await readdir(out)).sort()).toEqual([DATABASE_FILE]);
    }
  } finally {
    child.kill('SIGKILL');
  }
}, 60_000);

it('backs up a running server, and restored as it says, a server of this release starts with its conversations, agents and logins all there', async () => {
  const data = join(dir.dir, 'data');
  let server = await startTestServer(dir.dir);
  const out = join(dir.dir, 'backups', 'nightly');
  let report: string;
  let visitorToken: string;
  let conversationId: string;
  let agentToken: string;
  {
    const v = await connect(server, '/ws/visitor');
    v.send({ type: 'hello', lang: 'fi', page: PAGE });
    visitorToken = (await v.next(isType('welcome'))).token;
    v.send({ type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [] });
    conversationId = (await v.next(isType('ack'))).conversationId ?? '';
    v.send({ type: 'msg', id: 'm1', text: 'Missä tilaukseni on?' });
    await v.next(isType('ack'));
    await addAgent(data, 'aino', 'Aino', 'aino-password-123');
    agentToken = await login(server, 'aino-password-123', 'aino');
    // Taken with the server still running, its lock held: the point of the command.
    const result = await run(['data', 'backup', '--data', data, '--out', out]);
    expect(result).toMatchObject({ code: 0, err: '' });
    report = result.out;
    v.send({ type: 'msg', id: 'm2', text: 'after the backup' });
    await v.next(isType('ack'));
    v.close();
  }
  expect(report.replace(/on disk: \d+ KB/, 'on disk: N KB')).toBe(
    [
      `Backed up ${data} to ${out} (integrity check ok, schema version ${SCHEMA_VERSION}):`,
      '  conversations: 1 (2 events)',
      '  files visitors sent: 0 (0 KB), in the database',
      '  agents: 2 (agents.json)',
      '  on disk: N KB',
      'To restore: stop the server, put a copy of the backup in place of the data directory, and start the server again:',
      `  mv ${data} ${data}.before && cp -a ${out} ${data}`,
      '',
    ].join('\n'),
  );
  await server.close();

  // Restored as the report says: the data directory is the backup's copy, the backup stays as it was.
  restoreAsPrinted(report);
  server = await startTestServer(dir.dir);
  try {
    const again = await connect(server, '/ws/visitor');
    again.send({ type: 'hello', token: visitorToken, afterSeq: 0, lang: 'fi', page: PAGE });
    expect(await again.next(isType('welcome'))).toMatchObject({ conversation: { id: conversationId, lastSeq: 2 } });
    expect((await again.next(isType('events'))).events.map((e) => e.id)).toEqual(['h1', 'm1']);
    again.close();
    // The agent added to agents.json logs in; the console session from before still holds.
    expect(await login(server, 'aino-password-123', 'aino')).toMatch(/./);
    const agent = await connect(server, '/ws/agent');
    agent.send({ type: 'hello', token: agentToken });
    await agent.next(isType('welcome'));
    expect((await agent.next(isType('queue'))).conversations).toMatchObject([{ id: conversationId, lastText: 'Missä tilaukseni on?' }]);
    agent.close();
  } finally {
    await server.close();
  }
}, 30_000);

it('refuses what it must not do, saying what to change, and writes nothing', async () => {
  const data = await dataDir();
  const taken = join(dir.dir, 'taken');
  await mkdir(taken);
  await writeFile(join(taken, 'old.txt'), 'x');
  const dated = join(dir.dir, '2026-11-25');
  await mkdir(dated);
  await writeFile(join(dated, DATABASE_FILE), 'x');
  await writeFile(join(dir.dir, 'a-file'), 'x');
  await symlink(data, join(dir.dir, 'link-to-data'));
  const before = (await readdir(dir.dir)).sort();
  const backup = (out: string, env: NodeJS.ProcessEnv = {}) => run(['data', 'backup', '--data', data, '--out', out], env);

  const today = new Date();
  expect(await backup(taken)).toMatchObject({
    code: 2,
    err: `kohtaamo data backup: ${taken} already exists and is not empty: a backup never overwrites one; pass a new name (e.g. ${taken}-${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}), or delete the old one first\n`,
  });
  // The README's dated name, run twice in a day: the time tells the second apart, not the date again.
  const twice = await backup(dated);
  expect(twice.code).toBe(2);
  expect(twice.err).toMatch(new RegExp(`^kohtaamo data backup: ${dated} already exists and is not empty: a backup never overwrites one; pass a new name \\(e\\.g\\. ${dated}-\\d{4}\\), or delete the old one first\n$`));
  expect(await backup(join(dir.dir, 'a-file'))).toMatchObject({ code: 2, err: `kohtaamo data backup: ${join(dir.dir, 'a-file')} exists and is not a directory: --out names a new directory to write the backup to; pass a name not taken\n` });
  // Under a file: it is --out that is wrong, and the message says so, and why, in words.
  for (const under of [join(dir.dir, 'a-file', 'x'), join(dir.dir, 'a-file', 'x', 'y')]) {
    expect(await backup(under)).toMatchObject({
      code: 2,
      err: `kohtaamo data backup: cannot make --out ${under}: ${join(dir.dir, 'a-file')} is a file, not a directory, so no directory can be made in it; pass an --out whose parent is a directory\n`,
    });
  }
  for (const inside of [join(data, 'backups', 'today'), data, join(dir.dir, 'link-to-data', 'today')]) {
    expect(await backup(inside)).toMatchObject({ code: 2, err: expect.stringContaining(`kohtaamo data backup: ${inside} is inside the data directory ${data}: `) as unknown as string });
  }
  expect(await run(['data', 'backup', '--data', data])).toMatchObject({ code: 2, err: expect.stringContaining('kohtaamo data backup: give --out DIR: a new directory') as unknown as string });
  const nowhere = join(dir.dir, 'nowhere');
  expect(await run(['data', 'backup', '--data', nowhere, '--out', join(dir.dir, 'b')])).toMatchObject({
    code: 2,
    err: `kohtaamo data backup: no conversations are stored in ${nowhere} (no ${join(nowhere, DATABASE_FILE)}); pass the server's --data DIR\n`,
  });
  // Scaled out, neither the conversations nor the agents are in --data: pg_dump is the tool.
  const pg = await backup(join(dir.dir, 'b'), { KOHTAAMO_DATABASE_URL: 'postgres://kohtaamo@db.example/kohtaamo' });
  expect(pg.code).toBe(2);
  expect(pg.err).toContain('with KOHTAAMO_DATABASE_URL set, the conversations and the agents are in PostgreSQL');
  expect(pg.err).toContain('pg_dump --format=custom --file kohtaamo-$(date +%F).dump "$KOHTAAMO_DATABASE_URL"');

  expect((await readdir(dir.dir)).sort()).toEqual(before);
  expect((await readdir(data)).sort()).toEqual(['agents.json', DATABASE_FILE]);
  // An empty directory made ready for it is fine.
  await mkdir(join(dir.dir, 'empty'));
  expect(await backup(join(dir.dir, 'empty'))).toMatchObject({ code: 0 });
  expect((await readdir(join(dir.dir, 'empty'))).sort()).toEqual(['agents.json', DATABASE_FILE]);
});

it('a copy that fails part way leaves nothing under the name asked for, nor anything behind', async () => {
  const data = await dataDir();
  // agents.json unreadable as a file: the database is copied by then, the agents cannot be.
  await rm(join(data, 'agents.json'));
  await mkdir(join(data, 'agents.json'));
  const out = join(dir.dir, 'backup');
  const result = await run(['data', 'backup', '--data', data, '--out', out]);
  expect(result).toMatchObject({ code: 1, out: '' });
  expect(result.err).toMatch(new RegExp(`^kohtaamo data backup: ${data}: cannot read ${join(data, 'agents.json')}: EISDIR.*; no backup was made\\n$`));
  expect(await readdir(dir.dir)).toEqual(['data']);
});

it('a backup killed part way leaves only a copy named incomplete, which the next backup points out', async () => {
  const data = await dataDir();
  // A FIFO for agents.json: reading it waits for a writer that never comes, after the database
  // was copied, so the process is killed with half a backup made.
  await rm(join(data, 'agents.json'));
  execFileSync('mkfifo', [join(data, 'agents.json')]);
  const out = join(dir.dir, 'backup');
  const child = spawn(process.execPath, [resolve(__dirname, '../../bin/kohtaamo.js'), 'data', 'backup', '--data', data, '--out', out], { stdio: 'ignore' });
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  let partial = '';
  await until(() => {
    void readdir(dir.dir).then(async (names) => {
      const name = names.find((n) => n.startsWith('backup.incomplete-'));
      if (name && (await readdir(join(dir.dir, name))).includes(DATABASE_FILE)) partial = name;
    });
    return partial !== '';
  }, 15_000);
  child.kill('SIGKILL');
  await exited;
  expect((await readdir(dir.dir)).sort()).toEqual([partial, 'data']);

  await rm(join(data, 'agents.json'));
  await addAgent(data, 'aino', 'Aino', 'aino-password-123');
  const again = await run(['data', 'backup', '--data', data, '--out', out]);
  expect(again.code).toBe(0);
  expect(again.out).toContain(`Unfinished copies from backups that did not complete, to delete: ${join(dir.dir, partial)}\n`);
  expect((await readdir(out)).sort()).toEqual(['agents.json', DATABASE_FILE]);
}, 30_000);

it('keeps a backup whose agents.json does not read, but fails so that cron tells someone', async () => {
  const data = await dataDir();
  await writeFile(join(data, 'agents.json'), '{"agents": [');
  const out = join(dir.dir, 'backup');
  const result = await run(['data', 'backup', '--data', data, '--out', out]);
  expect(result.code).toBe(1);
  expect(result.out).toContain('  agents: agents.json copied as it is, but it does not read (below)\n');
  expect(result.err).toMatch(/^kohtaamo data backup: .*agents\.json is not valid JSON .*; a server started on the backup would stop there too: fix it in .*, then back up again\n$/);
  expect(await readFile(join(out, 'agents.json'), 'utf8')).toBe('{"agents": [');
});

it("says a backup of a newer release's database is to be restored with that release", async () => {
  const data = await dataDir();
  const db = new Database(join(data, DATABASE_FILE));
  db.pragma('user_version = 99');
  db.close();
  const result = await run(['data', 'backup', '--data', data, '--out', join(dir.dir, 'backup')]);
  expect(result).toMatchObject({ code: 0, err: '' });
  expect(result.out).toContain('(integrity check ok, schema version 99):');
  expect(result.out).toContain('It was written by a newer Kohtaamo (schema version 99): restore it with that release or a newer one.\n');
});

it('restored as the report says (a copy in place of the data directory), `kohtaamo serve` starts on it, and the backup stays untouched', async () => {
  const data = await dataDir();
  // Where the README's cron puts them, spaces and quotes in the path all the same: the line is pasted as it is.
  const out = join(dir.dir, "site's backups", '2026-11-25');
  const backup = await run(['data', 'backup', '--data', data, '--out', out]);
  expect(backup.code).toBe(0);
  restoreAsPrinted(backup.out);
  expect((await readdir(join(dir.dir))).sort()).toEqual(['data', 'data.before', "site's backups"]);
  expect((await readdir(data)).sort()).toEqual(['agents.json', DATABASE_FILE]);
  const serve = spawn(process.execPath, [resolve(__dirname, '../../bin/kohtaamo.js'), 'serve', '--port', '0', '--data', data], {
    cwd: resolve(__dirname, '../..'),
    env: { ...process.env, KOHTAAMO_DEMO_PASSWORD: undefined, KOHTAAMO_DATA: undefined, KOHTAAMO_DATABASE_URL: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((done) => serve.on('exit', (code) => done(code)));
  let said = '';
  serve.stdout.on('data', (d: Buffer) => (said += d.toString()));
  serve.stderr.on('data', (d: Buffer) => (said += d.toString()));
  try {
    await until(() => /running on (http:\/\/\S+)/.test(said) || serve.exitCode !== null, 20_000);
    const url = /running on (http:\/\/\S+)/.exec(said)?.[1];
    expect(said).toContain(`Data:             ${data}`);
    const res = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'aino', password: 'aino-password-123' }) });
    expect(res.status).toBe(200);
  } finally {
    serve.kill('SIGTERM');
    await exited;
  }
  // The server ran on the copy: the backup has no lock, no log, nothing the server wrote.
  expect((await readdir(out)).sort()).toEqual(['agents.json', DATABASE_FILE]);
}, 30_000);

/** The README's nightly crontab line, its `find` (the pruning) run on `backups` instead of /var/backups/kohtaamo. */
async function readmePruning(backups: string): Promise<void> {
  const readme = await readFile(resolve(__dirname, '../../README.md'), 'utf8');
  const cron = readme.split('\n').find((line) => /^15 3 \* \* \* .*kohtaamo data backup/.test(line)) ?? '';
  const find = cron.slice(cron.indexOf('&& find ') + 3);
  expect(find).toMatch(/^find \/var\/backups\/kohtaamo /);
  execFileSync('sh', ['-c', find.replace('/var/backups/kohtaamo', `'${backups}'`)]);
}

it("the README's nightly pruning deletes old dated backups, never the data of a server started on one, nor what else is there", async () => {
  const backups = join(dir.dir, 'backups');
  await mkdir(backups);
  const day = 24 * 60 * 60 * 1000;
  const now = Date.now();
  const dated = (daysAgo: number) => new Date(now - daysAgo * day).toISOString().slice(0, 10);
  // Nightly backups, each made a minute before its night's pruning ran, the newest tonight.
  for (let ago = 0; ago <= 20; ago++) {
    const name = join(backups, dated(ago));
    await mkdir(name);
    await writeFile(join(name, DATABASE_FILE), '');
    await utimes(name, (now - ago * day - 60_000) / 1000, (now - ago * day - 60_000) / 1000);
  }
  // One restored the wrong way, 20 days ago: a server runs on it since, and writing its database does not touch the directory's time.
  const running = join(backups, dated(20));
  await writeFile(join(running, 'server.lock'), '');
  await utimes(running, (now - 20 * day) / 1000, (now - 20 * day) / 1000);
  // What else a site owner keeps there (not the command's dated names): left alone.
  const other = join(backups, 'before-upgrade');
  await mkdir(other);
  await utimes(other, (now - 40 * day) / 1000, (now - 40 * day) / 1000);

  await readmePruning(backups);
  const left = (await readdir(backups)).sort();
  expect(left).toContain(dated(20));
  expect(left).toContain('before-upgrade');
  expect(left).not.toContain(dated(19));
  // "the last 14 kept", as the README says: tonight's and the 13 before it.
  expect(left.filter((name) => name !== dated(20) && name !== 'before-upgrade')).toEqual(Array.from({ length: 14 }, (_, ago) => dated(13 - ago)));
});

it("makes the backup's database and agents readable by its user only, in a directory only they may open", async () => {
  const umask = process.umask(0o022);
  try {
    const data = await dataDir();
    const out = join(dir.dir, 'backups', 'nightly');
    expect(await run(['data', 'backup', '--data', data, '--out', out])).toMatchObject({ code: 0, err: '' });
    const modeOf = async (path: string) => ((await stat(path)).mode & 0o777).toString(8);
    expect([await modeOf(out), await modeOf(join(out, DATABASE_FILE)), await modeOf(join(out, 'agents.json'))]).toEqual(['700', '600', '600']);
  } finally {
    process.umask(umask);
  }
});
