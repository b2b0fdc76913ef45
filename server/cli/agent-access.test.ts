// `kohtaamo agent` run as a user the data directory is not given to (usual with a service user):
// one line naming the path and what to do, never a stack.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { agentCommand } from './agent';

const BIN = fileURLToPath(new URL('../../bin/kohtaamo.js', import.meta.url));
/** Root may read anything: as root, the command runs as nobody, who owns none of it. */
const AS_ROOT = process.getuid?.() === 0;
const OTHER_UID = 65534;

let base: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'kohtaamo-agent-access-'));
  await chmod(base, 0o755);
});
afterEach(async () => {
  await chmod(join(base, 'data'), 0o755).catch(() => {});
  await rm(base, { recursive: true, force: true });
});

function agent(args: string[]): { code: number | null; out: string; err: string } {
  const run = spawnSync(process.execPath, [BIN, 'agent', ...args], {
    cwd: base,
    input: '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
    // One that hangs is stopped (status null), so the test fails on it rather than hang.
    timeout: 15_000,
    ...(AS_ROOT ? { uid: OTHER_UID, gid: OTHER_UID } : {}),
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}
const uid = AS_ROOT ? OTHER_UID : process.getuid?.();

it('add where the data directory cannot be created: which one and what to do', async () => {
  const data = join(base, 'data');
  await mkdir(data, { mode: 0o555 });
  await chmod(data, 0o555);
  const { code, out, err } = agent(['add', '--login', 'aino', '--name', 'Aino', '--data', join(data, 'sub')]);
  expect(code).toBe(2);
  expect(out).toBe('');
  expect(err).toBe(`kohtaamo agent add: Cannot create the data directory ${join(data, 'sub')}: this user (uid ${uid}) may not create it in ${data}; create it and give it to this user (chown), or pass another --data\n`);
});

// /proc takes no new directories and says ENOENT, which Node's recursive mkdir took for a missing
// parent: it made /proc (there) and tried again, for ever.
it.skipIf(!existsSync('/proc/self'))('add with a data directory under /proc: fails at once, saying to pass another --data', () => {
  const { code, out, err } = agent(['add', '--login', 'aino', '--name', 'Aino', '--data', '/proc/kohtaamo-data']);
  expect({ code, out, err }).toEqual({ code: 2, out: '', err: 'kohtaamo agent add: Cannot create the data directory /proc/kohtaamo-data: /proc takes no new directories (a file system of the kernel\'s, as /proc and /sys are); pass another --data\n' });
}, 30_000);

it('add in a data directory this user may not write: which one and what to do', async () => {
  const data = join(base, 'data');
  await mkdir(data);
  await writeFile(join(data, 'agents.json'), '{"agents": []}\n', { mode: 0o644 });
  await chmod(data, 0o555);
  const { code, err } = agent(['add', '--login', 'aino', '--name', 'Aino', '--data', data]);
  expect(code).toBe(2);
  expect(err).toBe(`kohtaamo agent add: Cannot use the data directory ${data}: this user (uid ${uid}) may not write there; give it the directory (chown), or pass another --data\n`);
});

it('list and add with an agents.json this user may not read: which file and what to do', async () => {
  const data = join(base, 'data');
  await mkdir(data);
  await chmod(data, 0o777);
  const file = join(data, 'agents.json');
  await writeFile(file, '{"agents": []}\n');
  await chmod(file, 0o000);
  for (const args of [['list'], ['add', '--login', 'aino', '--name', 'Aino']]) {
    const { code, err } = agent([...args, '--data', data]);
    expect(code).toBe(2);
    expect(err).toBe(`kohtaamo agent ${args[0]}: Cannot read ${file}: this user (uid ${uid}) may not read it; give it to this user (chown), or pass another --data\n`);
  }
});

it('a login with characters a login may not have: says which may, not that it is missing', async () => {
  const streams = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
  streams.stdin.end('');
  let err = '';
  streams.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await agentCommand(['add', '--login', 'Bad Login!', '--name', 'B', '--data', join(base, 'data')], streams, {});
  expect(code).toBe(2);
  expect(err).toBe('kohtaamo agent add: --login "Bad Login!": a login may contain only letters a-z A-Z, digits and . _ - (at most 64), no spaces\n');
});
