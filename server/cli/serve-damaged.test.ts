// `kohtaamo serve` on a damaged database file: a start problem like the others, one line saying
// which file is damaged and to restore the latest backup, not a driver's uncaught stack.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { handoffInput, tempDir } from '../test-support';
import { DATABASE_FILE, openSqliteStore } from '../store/sqlite';

const BIN = fileURLToPath(new URL('../../bin/kohtaamo.js', import.meta.url));
let dir: { dir: string; remove(): Promise<void> };
beforeEach(async () => (dir = await tempDir()));
afterEach(() => dir.remove());

function serve(args: string[]): Promise<{ code: number | null; err: string }> {
  const outside = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('KOHTAAMO_')));
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd: dir.dir, env: outside });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const timer = setTimeout(() => child.kill('SIGTERM'), 20_000);
  return new Promise((resolve) => child.once('close', (code) => (clearTimeout(timer), resolve({ code, err }))));
}

it('refuses to start on a damaged database: one line, the file, and the backup to restore', async () => {
  const data = join(dir.dir, 'data');
  await mkdir(data);
  const file = join(data, DATABASE_FILE);
  const store = openSqliteStore(file, { checkpointMs: 0 });
  for (let i = 0; i < 100; i++) {
    await store.createVisitor(`v${i}`, `hash-${i}`, 1);
    await store.handoff(handoffInput(`v${i}`, `c${i}`, 2));
  }
  await store.close();
  // Pages written over from the 4th on, as `dd if=/dev/urandom … conv=notrunc` does.
  const handle = await open(file, 'r+');
  const { size } = await handle.stat();
  for (let at = 3 * 4096; at < size; at += 4096) await handle.write(randomBytes(4096), 0, 4096, at);
  await handle.close();
  const result = await serve(['--port', '9431', '--data', data]);
  expect(result.code).toBe(1);
  // One line (the store's, stamped, as it says it while running), no stack.
  const lines = result.err.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`The database ${file} is damaged (`);
  expect(lines[0]).toContain(`kohtaamo data backup\` made in place of ${data}`);
}, 30_000);
