import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { agentCommand } from './agent';
import { login, startTestServer, tempDir, testConfig } from '../test-support';
import type { RunningServer } from '../app';

let dir: { dir: string; remove(): Promise<void> };
let server: RunningServer | undefined;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await server?.close();
  await dir.remove();
});

const io = (stdin: string) => {
  const streams = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
  streams.stdin.end(stdin);
  return streams;
};

it("a removed agent's console session stays ended when the login is added again (a new person, a new password)", async () => {
  server = await startTestServer(dir.dir);
  const data = (await testConfig(dir.dir)).data;
  expect(await agentCommand(['add', '--login', 'aino', '--name', 'Aino', '--data', data], io('aino-old-password\n'), {})).toBe(0);
  const oldToken = await login(server, 'aino-old-password', 'aino');
  const running = server;
  const replies = () => fetch(`${running.url}/api/replies`, { headers: { authorization: `Bearer ${oldToken}` } }).then((r) => r.status);
  expect(await replies()).toBe(200);
  expect(await agentCommand(['remove', '--login', 'aino', '--data', data], io(''), {})).toBe(0);
  expect(await replies()).toBe(401);
  expect(await agentCommand(['add', '--login', 'aino', '--name', 'Aino Uusi', '--data', data], io('brand-new-password\n'), {})).toBe(0);
  expect(await replies()).toBe(401);
  // The new Aino logs in as usual.
  const newToken = await login(running, 'brand-new-password', 'aino');
  expect(await fetch(`${running.url}/api/replies`, { headers: { authorization: `Bearer ${newToken}` } }).then((r) => r.status)).toBe(200);
});
