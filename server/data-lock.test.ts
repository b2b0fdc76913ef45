import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataDirCreateProblem, dataDirProblem, LOCK_FILE, lockDataDir, PID_FILE } from './data-lock';
import { processStartedAt } from './process-start';
import { StartError } from './start-error';
import { startTestServer, tempDir } from './test-support';

let dir: { dir: string; remove(): Promise<void> };
beforeEach(async () => (dir = await tempDir()));
afterEach(() => dir.remove());

const taken = (lock: Awaited<ReturnType<typeof lockDataDir>>) => !('heldBy' in lock);

it('refuses a second server on the same data dir, and allows one after the first stops', async () => {
  const first = await startTestServer(dir.dir);
  await expect(startTestServer(dir.dir)).rejects.toThrow(/Another Kohtaamo server \(pid \d+\) is using/);
  await first.close();
  const second = await startTestServer(dir.dir);
  await second.close();
});

it('takes over the lock of a server that died without releasing it', async () => {
  const dead = spawnSync(process.execPath, ['-e', '']).pid;
  await mkdir(join(dir.dir, 'data'), { recursive: true });
  await writeFile(join(dir.dir, 'data', PID_FILE), String(dead));
  const server = await startTestServer(dir.dir);
  await server.close();
});

it("takes over a stale lock naming the starting process's own pid (a container restart gives the same pid)", async () => {
  await writeFile(join(dir.dir, PID_FILE), String(process.pid));
  const lock = await lockDataDir(dir.dir);
  expect(taken(lock)).toBe(true);
  if (taken(lock)) await (lock as { release(): Promise<void> }).release();
});

it('gives a stale lock to exactly one of two starters in one process', async () => {
  const dead = spawnSync(process.execPath, ['-e', '']).pid;
  await writeFile(join(dir.dir, PID_FILE), String(dead));
  const locks = await Promise.all([lockDataDir(dir.dir), lockDataDir(dir.dir)]);
  expect(locks.filter(taken)).toHaveLength(1);
  expect(locks.find((lock) => !taken(lock))).toEqual({ heldBy: process.pid });
  for (const lock of locks) if (taken(lock)) await (lock as { release(): Promise<void> }).release();
});

// A child process that tries the lock, says how it went, and keeps what it got until killed.
function locker(dataDir: string) {
  const code = `import { lockDataDir } from ${JSON.stringify(resolve(__dirname, 'data-lock.ts'))};
const lock = await lockDataDir(${JSON.stringify(dataDir)});
console.log('heldBy' in lock ? 'held by ' + lock.heldBy : 'taken');
setInterval(() => {}, 1 << 30);`;
  // node --import tsx, not the tsx binary: that would be a parent of the process holding the lock.
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const said = new Promise<string>((done) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
      if (out.includes('\n')) done(out.trim());
    });
  });
  return { child, said };
}

it('gives a stale lock to exactly one of two server processes starting together, and drops it when its holder is killed', async () => {
  const dead = spawnSync(process.execPath, ['-e', '']).pid;
  await writeFile(join(dir.dir, PID_FILE), String(dead));
  const [a, b] = [locker(dir.dir), locker(dir.dir)];
  try {
    const said = await Promise.all([a.said, b.said]);
    expect(said.filter((s) => s === 'taken')).toHaveLength(1);
    const winner = said[0] === 'taken' ? a : b;
    expect(said).toContain(`held by ${winner.child.pid}`);
    expect(await lockDataDir(dir.dir)).toEqual({ heldBy: winner.child.pid });
    // SIGKILL: no release, no cleanup; the OS drops the lock with the process.
    const gone = new Promise((done) => winner.child.on('exit', done));
    winner.child.kill('SIGKILL');
    await gone;
    const loser = winner === a ? b : a;
    const gone2 = new Promise((done) => loser.child.on('exit', done));
    loser.child.kill('SIGKILL');
    await gone2;
    const lock = await lockDataDir(dir.dir);
    expect(taken(lock)).toBe(true);
    if (taken(lock)) await (lock as { release(): Promise<void> }).release();
  } finally {
    a.child.kill('SIGKILL');
    b.child.kill('SIGKILL');
  }
}, 20_000);

// A stand-in for a server of an older release: a live process named by `server.pid`, no `server.lock`.
async function olderServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
  await new Promise((done) => child.once('spawn', done));
  return child;
}

it('refuses to start beside a server of an older release, which locks with server.pid alone', async () => {
  const older = await olderServer();
  try {
    await mkdir(join(dir.dir, 'data'), { recursive: true });
    await writeFile(join(dir.dir, 'data', PID_FILE), String(older.pid));
    await expect(startTestServer(dir.dir)).rejects.toThrow(`Another Kohtaamo server (pid ${older.pid}) is using ${join(dir.dir, 'data')}; stop it or pass another --data.`);
    // Its file is left as it was: it still locks the directory against others of its release.
    expect(await readFile(join(dir.dir, 'data', PID_FILE), 'utf8')).toBe(String(older.pid));
  } finally {
    older.kill('SIGKILL');
  }
});

it('takes over a pid file whose pid is now a process started after the file was written (a reused pid)', async () => {
  const later = await olderServer();
  try {
    await writeFile(join(dir.dir, PID_FILE), String(later.pid));
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    await utimes(join(dir.dir, PID_FILE), hourAgo, hourAgo);
    const lock = await lockDataDir(dir.dir);
    expect(taken(lock)).toBe(true);
    expect(await readFile(join(dir.dir, PID_FILE), 'utf8')).toBe(String(process.pid));
    if (taken(lock)) await (lock as { release(): Promise<void> }).release();
  } finally {
    later.kill('SIGKILL');
  }
});

it('tells when a process started, for the reused-pid check', () => {
  const started = processStartedAt(process.pid);
  expect(started).not.toBeNull();
  expect(Math.abs(Date.now() - process.uptime() * 1000 - (started as number))).toBeLessThan(2_000);
});

describe('a data directory it cannot write', () => {
  it('says which directory and why, as a reason not to start rather than a crash', async () => {
    const data = join(dir.dir, 'data');
    // Something in the way of the lock: SQLite says only "unable to open database file".
    await mkdir(join(data, LOCK_FILE), { recursive: true });
    const refusal = startTestServer(dir.dir);
    await expect(refusal).rejects.toBeInstanceOf(StartError);
    await expect(refusal).rejects.toThrow(`Cannot use the data directory ${data}: cannot write its lock (server.lock, server.pid): unable to open database file`);
  });

  it('names a full disk and a read-only file system, which SQLite and the OS report in their own words', async () => {
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    expect((await dataDirProblem(dir.dir, full)).message).toMatch(new RegExp(`^Cannot use the data directory ${dir.dir}: no space is left on its disk \\(\\d+ KB free\\); free some, then start again$`));
    const readOnly = Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
    expect((await dataDirProblem(dir.dir, readOnly)).message).toBe(`Cannot use the data directory ${dir.dir}: it is on a read-only file system; mount it read-write, or pass another --data`);
  });

  it('says the data directory cannot be made under a read-only file system, not "ENOENT" (Node\'s recursive mkdir says that)', async (ctx) => {
    const readOnly = join(dir.dir, 'ro');
    await mkdir(readOnly);
    // A real read-only file system needs a mount, so root; elsewhere the wording is checked below.
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', readOnly]).status !== 0) return ctx.skip();
    try {
      const data = join(readOnly, 'sub', 'data');
      await expect(startTestServer(dir.dir, { data })).rejects.toThrow(`Cannot create the data directory ${data}: ${readOnly} is on a read-only file system; mount it read-write, or pass another --data`);
    } finally {
      spawnSync('umount', [readOnly]);
    }
  });

  it('says why the data directory cannot be made: a read-only file system, a file in the way', async () => {
    const data = join(dir.dir, 'sub', 'data');
    const readOnly = Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
    expect((await dataDirCreateProblem(data, readOnly)).message).toBe(`Cannot create the data directory ${data}: ${dir.dir} is on a read-only file system; mount it read-write, or pass another --data`);
    await writeFile(join(dir.dir, 'sub'), 'not a directory');
    await expect(startTestServer(dir.dir, { data })).rejects.toThrow(`Cannot create the data directory ${data}: ${join(dir.dir, 'sub')} is a file, not a directory; pass another --data`);
    // --data naming the file itself, not a directory under it.
    await expect(startTestServer(dir.dir, { data: join(dir.dir, 'sub') })).rejects.toThrow(`Cannot create the data directory ${join(dir.dir, 'sub')}: it is a file, not a directory; pass another --data`);
  });

  it('names a directory this user may not write', async () => {
    // As the OS reports it (EACCES). A chmod would not do: CI runs as root, whom no mode stops.
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    expect((await dataDirProblem(dir.dir, denied)).message).toMatch(/^Cannot use the data directory .*: this user \(uid \d+\) may not write there; give it the directory \(chown\), or pass another --data$/);
  });
});
