import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startTestServer, tempDir } from './test-support';

let dir: { dir: string; remove(): Promise<void> };
beforeEach(async () => (dir = await tempDir()));
afterEach(() => dir.remove());

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
  await writeFile(join(dir.dir, 'data', 'server.pid'), String(dead));
  const server = await startTestServer(dir.dir);
  await server.close();
});
