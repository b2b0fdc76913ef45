// The agent socket's welcome names the console build the server serves, read from the built
// console's page, so that a console left open across an upgrade can tell it runs an older one.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { RunningServer } from './app';
import { connect, isType, login, startTestServer, tempDir } from './test-support';

/** The page as `npm run build` writes it (dist/console/index.html), with its hashed entry script. */
const BUILT_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Kohtaamo console</title>
    <script type="module" crossorigin src="./assets/index-Ab12Cd34.js"></script>
    <link rel="stylesheet" crossorigin href="./assets/index-V2PwEzcT.css">
  </head>
  <body><div id="app"></div></body>
</html>
`;

let dir: { dir: string; remove(): Promise<void> };
let server: RunningServer | undefined;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await dir.remove();
});

async function welcome(running: RunningServer) {
  const a = await connect(running, '/ws/agent');
  a.send({ type: 'hello', token: await login(running) });
  const frame = await a.next(isType('welcome'));
  a.close();
  return frame;
}

it('tells a console which console build it serves: the script the page it serves loads', async () => {
  await mkdir(join(dir.dir, 'dist', 'console'), { recursive: true });
  await writeFile(join(dir.dir, 'dist', 'console', 'index.html'), BUILT_PAGE);
  server = await startTestServer(dir.dir);
  const page = await (await fetch(`${server.url}/console/`)).text();
  expect(page).toContain('./assets/index-Ab12Cd34.js');
  expect(await welcome(server)).toMatchObject({ type: 'welcome', consoleBuild: 'index-Ab12Cd34.js' });
});

it('says no build when the console is not built', async () => {
  server = await startTestServer(dir.dir);
  expect(await welcome(server)).not.toHaveProperty('consoleBuild');
});

it('names the build served now, after a rebuild under the running server (as the static files are)', async () => {
  await mkdir(join(dir.dir, 'dist', 'console'), { recursive: true });
  await writeFile(join(dir.dir, 'dist', 'console', 'index.html'), BUILT_PAGE);
  server = await startTestServer(dir.dir);
  await writeFile(join(dir.dir, 'dist', 'console', 'index.html'), BUILT_PAGE.replace('index-Ab12Cd34.js', 'index-Zz98Yx76.js'));
  expect(await welcome(server)).toMatchObject({ type: 'welcome', consoleBuild: 'index-Zz98Yx76.js' });
});
