import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  server = undefined;
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

/** The command's exit code and what it wrote. */
async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const streams = io('');
  let out = '';
  let err = '';
  streams.stdout.on('data', (d: Buffer) => (out += d.toString()));
  streams.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await agentCommand(argv, streams, env);
  return { code, out, err };
}

it('list says where it looked when there are no agents, and how to add one, rather than print nothing', async () => {
  const data = join(dir.dir, 'data');
  // The wrong directory (./data is relative to where you run it), or one no agent was added to.
  expect(await run(['list', '--data', data])).toEqual({
    code: 2,
    out: '',
    err: `kohtaamo agent list: no agents in ${join(data, 'agents.json')} (there is no such file: no agent was added there yet, or it was deleted or moved away; a running server keeps the agents it read until it is back); add one with: kohtaamo agent add --login L --name N, or pass --data DIR (the directory serve uses)\n`,
  });
  expect(await run(['list'], { KOHTAAMO_DATA: data })).toMatchObject({ code: 2, err: expect.stringContaining(`no agents in ${join(data, 'agents.json')} `) });
  expect((await run(['add', '--login', 'aino', '--name', 'Aino', '--data', data])).code).toBe(0);
  expect(await run(['list', '--data', data])).toEqual({ code: 0, out: 'aino\tAino\n', err: '' });
  expect((await run(['remove', '--login', 'aino', '--data', data])).code).toBe(0);
  expect(await run(['list', '--data', data])).toEqual({
    code: 0,
    out: '',
    err: `kohtaamo agent list: no agents in ${join(data, 'agents.json')} (all were removed); add one with: kohtaamo agent add --login L --name N\n`,
  });
});

it('refuses a name of more than one line, which would break list and the console, as the visitor side does', async () => {
  const data = join(dir.dir, 'data');
  for (const name of ['Aino\nroot', 'Aino\tAdmin', 'Aino\u0007']) {
    expect(await run(['add', '--login', 'aino', '--name', name, '--data', data])).toEqual({
      code: 2,
      out: '',
      err: `kohtaamo agent add: --name ${JSON.stringify(name)}: a name must be one line of plain text, with no control characters, tabs or line breaks (at most 100 characters)\n`,
    });
  }
  expect(await run(['add', '--login', 'aino', '--name', '  ', '--data', data])).toMatchObject({ code: 2, err: 'kohtaamo agent add: --name is required (at most 100 characters)\n' });
  expect((await run(['add', '--login', 'aino', '--name', 'Aino Ärjä', '--data', data])).code).toBe(0);
  expect(await run(['list', '--data', data])).toEqual({ code: 0, out: 'aino\tAino Ärjä\n', err: '' });
});

it('refuses a second agent of the same name, whatever its case: people tell agents apart by name', async () => {
  const data = join(dir.dir, 'data');
  expect((await run(['add', '--login', 'aino', '--name', 'Aino', '--data', data])).code).toBe(0);
  expect(await run(['add', '--login', 'aino2', '--name', 'aino', '--data', data])).toEqual({
    code: 2,
    out: '',
    err: 'kohtaamo agent add: an agent named "Aino" already exists (login "aino"); colleagues and visitors tell agents apart by name, so give another, e.g. with a last name or initial\n',
  });
  expect((await run(['add', '--login', 'aino2', '--name', 'Aino K.', '--data', data])).code).toBe(0);
});

it("lists a name an older release let in with a line break or tab on its own line, written as JSON, so each agent stays one line", async () => {
  const data = join(dir.dir, 'data');
  expect((await run(['add', '--login', 'aino', '--name', 'Aino', '--data', data])).code).toBe(0);
  const file = join(data, 'agents.json');
  const saved = JSON.parse(await readFile(file, 'utf8')) as { agents: { name: string }[] };
  saved.agents[0]!.name = 'Aino\nAsiakaspalvelu\t1';
  await writeFile(file, JSON.stringify(saved));
  expect(await run(['list', '--data', data])).toEqual({ code: 0, out: 'aino\t"Aino\\nAsiakaspalvelu\\t1"\n', err: '' });
});

it('tells logins apart ignoring case, as the console login does: a second X3 is refused, saying which exists', async () => {
  const data = join(dir.dir, 'data');
  expect((await run(['add', '--login', 'X3', '--name', 'Xena', '--data', data])).code).toBe(0);
  expect(await run(['add', '--login', 'x3', '--name', 'Xavier', '--data', data])).toEqual({
    code: 2,
    out: '',
    err: 'kohtaamo agent add: an agent with login "X3" already exists (logins are the same whatever their case); use agent passwd, or another login\n',
  });
  // passwd and remove find it as the console login does.
  expect((await agentCommand(['passwd', '--login', 'x3', '--data', data], io('a-new-password-9\n'), {}))).toBe(0);
  expect(await run(['remove', '--login', 'x3', '--data', data])).toMatchObject({ code: 0, out: expect.stringContaining('Removed agent X3;') });
  expect(await run(['list', '--data', data])).toMatchObject({ code: 0, out: '' });
});
