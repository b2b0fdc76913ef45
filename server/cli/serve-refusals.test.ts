// `kohtaamo serve` refusing to start, as the site owner sees it: one line on stderr, the exit
// code, no stack trace, and the data directory free for the next try.
import { spawn } from 'node:child_process';
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
function serve(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string; err: string }> {
  const outside = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('KOHTAAMO_')));
  // In the test's directory: a server that did start on the default ./data leaves nothing in the repository.
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd: dir.dir, env: { ...outside, ...env } });
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
