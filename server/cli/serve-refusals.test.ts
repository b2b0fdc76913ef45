// `kohtaamo serve` refusing to start, as the site owner sees it: one line on stderr, the exit
// code, no stack trace, and the data directory free for the next try.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempDir } from '../test-support';

const BIN = fileURLToPath(new URL('../../bin/kohtaamo.js', import.meta.url));
let dir: { dir: string; remove(): Promise<void> };
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => dir.remove());

/** `kohtaamo serve` in its own process, with only these KOHTAAMO_ variables: its exit code and what it printed. */
function serve(args: string[], env: NodeJS.ProcessEnv = {}, user: { uid?: number; gid?: number } = {}): Promise<{ code: number | null; out: string; err: string }> {
  const outside = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('KOHTAAMO_')));
  // In the test's directory: a server that did start on the default ./data leaves nothing in the repository.
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd: dir.dir, env: { ...outside, ...env }, ...user });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  // Started after all: stopped, so the test fails on what it printed rather than hang.
  const timer = setTimeout(() => child.kill('SIGTERM'), 20_000);
  return new Promise((resolve) => child.once('close', (code) => (clearTimeout(timer), resolve({ code, out, err }))));
}

it('refuses an empty KOHTAAMO_FAQ from an unfilled env file instead of starting the demo', async () => {
  const data = join(dir.dir, 'data');
  const result = await serve(['--port', '9401'], { KOHTAAMO_FAQ: '', KOHTAAMO_ORIGIN: 'https://shop.example', KOHTAAMO_DATA: data });
  expect(result).toEqual({ code: 2, out: '', err: 'kohtaamo serve: KOHTAAMO_FAQ is set but empty: give it a value, or unset it\n' });
}, 30_000);

it('refuses an empty KOHTAAMO_DATA or KOHTAAMO_PORT, and one of only spaces', async () => {
  for (const [name, value] of [['KOHTAAMO_DATA', ''], ['KOHTAAMO_PORT', '  ']] as const) {
    const result = await serve(['--port', '9402'], { [name]: value });
    expect(result).toEqual({ code: 2, out: '', err: `kohtaamo serve: ${name} is set but empty: give it a value, or unset it\n` });
  }
}, 30_000);

it.skipIf(!existsSync('/proc/self'))('refuses a data directory under /proc at once rather than hang making it', async () => {
  const result = await serve(['--port', '9407', '--data', '/proc/kohtaamo-data/sub']);
  expect(result).toEqual({ code: 1, out: '', err: "kohtaamo serve: Cannot create the data directory /proc/kohtaamo-data/sub: /proc takes no new directories (a file system of the kernel's, as /proc and /sys are); pass another --data\n" });
}, 30_000);

/** A listen refused: one line naming what to change, exit code 1, and the data directory's lock given back (its pid file gone). */
async function refusedListen(args: string[], line: RegExp, user?: { uid: number; gid: number }) {
  const data = join(dir.dir, 'data');
  const result = await serve(['--data', data, ...args], {}, user);
  expect(result.err).toMatch(line);
  expect(result.err.split('\n')).toHaveLength(2);
  expect(result.code).toBe(1);
  expect(existsSync(join(data, 'server.pid'))).toBe(false);
  expect(result.out).not.toContain('is running on');
}

it('says an address that is not this machine\'s is one to change with --host', async () => {
  await refusedListen(['--port', '9403', '--host', '10.9.9.9'], /^kohtaamo serve: 10\.9\.9\.9 is not an address of this machine, so the server cannot listen on it; pass one of its addresses with --host \(127\.0\.0\.1, or 0\.0\.0\.0 for all of them\)\.\n$/);
}, 30_000);

it('says a host name that cannot be looked up is one to change with --host', async () => {
  await refusedListen(['--port', '9404', '--host', 'example.invalid'], /^kohtaamo serve: The host name example\.invalid is not known \(ENOTFOUND\); pass one of this machine's names or addresses with --host \(127\.0\.0\.1, or 0\.0\.0\.0 for all of them\)\.\n$/);
}, 30_000);

it('refuses a port below 1024 for a user without the right, with what to do', async () => {
  // root may listen there: run as nobody (uid 65534), in a directory it may write to.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await chmod(dir.dir, 0o777);
  await refusedListen(['--port', '80'], /^kohtaamo serve: Port 80 needs more rights than this user has \(ports below 1024 are root's\); pass one from 1024 up with --port, and let your reverse proxy take 80 and 443\.\n$/, asRoot ? { uid: 65534, gid: 65534 } : undefined);
}, 30_000);

it('refuses a flag given twice rather than run on the last', async () => {
  const result = await serve(['--port', '9405', '--data', join(dir.dir, 'data'), '--port', '9406']);
  expect(result).toEqual({ code: 2, out: '', err: 'kohtaamo serve: --port is given twice (9405, 9406); give it once\n' });
}, 30_000);

it('refuses a heartbeat under a second, saying the minimum and why', async () => {
  const result = await serve(['--port', '9601', '--heartbeat', '100', '--data', join(dir.dir, 'data')]);
  expect(result).toEqual({
    code: 2,
    out: '',
    err: 'kohtaamo serve: --heartbeat must be milliseconds between 1000 and 3600000, got "100": the widget drops a server silent for two heartbeats, so a shorter one would drop healthy connections on a slow link\n',
  });
}, 30_000);
