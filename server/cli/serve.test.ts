import { spawn } from 'node:child_process';
import { cp, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempDir } from '../test-support';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
let dir: { dir: string; remove(): Promise<void> };
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => dir.remove());

/** A copy of the package without dist/, as a clone before `npm run build` (with vite.config.ts) or a broken install (without). */
async function unbuiltCopy(clone: boolean): Promise<string> {
  const root = join(dir.dir, clone ? 'clone' : 'installed');
  const skip = (path: string) => /\.test\.tsx?$|\/fixtures(\/|$)/.test(path);
  for (const part of ['bin', 'server', 'faq', 'protocol', 'demo/site', 'demo/faq.json', 'demo/replies.md', 'package.json', 'tsconfig.json', ...(clone ? ['vite.config.ts'] : [])]) {
    await cp(join(REPO, part), join(root, part), { recursive: true, filter: (path) => !skip(path) });
  }
  await symlink(join(REPO, 'node_modules'), join(root, 'node_modules'));
  return root;
}

/** `kohtaamo serve` of the package at `root`: its banner, what /widget.js and /console/ answer, then stopped. */
async function serveFrom(root: string) {
  const child = spawn(process.execPath, [join(root, 'bin/kohtaamo.js'), 'serve', '--port', '0', '--data', join(dir.dir, 'data')], { env: { ...process.env, KOHTAAMO_DEMO_PASSWORD: undefined } });
  let out = '';
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /running on (http:\/\/localhost:\d+)/.exec(out);
      if (match?.[1] && /Visitor origins:/.test(out) && out.endsWith('\n')) resolve(match[1]);
    });
    child.once('exit', () => reject(new Error(`exited early: ${out}`)));
  });
  const status = (path: string) => fetch(url + path).then(async (r) => (await r.arrayBuffer(), r.status));
  const answers = { widget: await status('/widget.js'), console: await status('/console/') };
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  expect(await exit).toBe(0);
  return { out, answers, root };
}

it('says at start that the widget and console are not built, and how to build them in a clone', async () => {
  const { out, answers, root } = await serveFrom(await unbuiltCopy(true));
  expect(answers).toEqual({ widget: 404, console: 404 });
  expect(out).toMatch(/Agent console: +http:\/\/localhost:\d+\/console\/ +\(not built: see the warning below\)\n/);
  const warning = out.split('\n').find((line) => line.startsWith('Warning: not built'));
  expect(warning).toBe(
    `Warning: not built, so it answers 404: the widget your pages load, /widget.js (no ${join(root, 'dist/widget.js')}); ` +
      `the agent console, /console/ (no ${join(root, 'dist/console/index.html')}). Build it with \`npm run build\` in ${root}; no restart needed.`,
  );
}, 60_000);

it('tells an installed package without its build to reinstall', async () => {
  const root = await unbuiltCopy(false);
  await cp(join(REPO, 'dist/console'), join(root, 'dist/console'), { recursive: true });
  const { out, answers } = await serveFrom(root);
  expect(answers).toEqual({ widget: 404, console: 200 });
  expect(out).not.toContain('(not built');
  const warning = out.split('\n').find((line) => line.startsWith('Warning: not built'));
  expect(warning).toBe(
    `Warning: not built, so it answers 404: the widget your pages load, /widget.js (no ${join(root, 'dist/widget.js')}). ` +
      'This installed package is incomplete (it ships dist/): reinstall it (npm install kohtaamo, or your tarball again), then restart.',
  );
}, 60_000);
