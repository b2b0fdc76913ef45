// agents.json gone from under a running server (deleted by mistake, `rsync --delete`, a restore
// script, an editor that renames the file away and writes it back): consoles and logins go on with
// the agents read before, the operator is told once, and the file is picked up when it is back.
// A file emptied of agents (`agent remove` of the last one) is not a file gone: that agent is out.
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AgentServerMessage } from '../protocol';
import { createServer, type RunningServer } from './app';
import { agentsFile, fileAgents } from './agents-file';
import { agentCommand } from './cli/agent';
import { addAgent, connect, deferred, isType, login, tempDir, testConfig, type TestClient } from './test-support';

const defer = deferred();
let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => (dir = await tempDir()));
afterEach(() => dir.remove());

const data = () => join(dir.dir, 'data');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Past the watcher's settling time (file-watch.ts), with room to spare. */
const SETTLED_MS = 600;
/** Past the time a file may be gone unremarked (an editor's save), with room to spare. */
const TOLD_MS = 1800;

async function start(logged: string[]): Promise<RunningServer> {
  const server = await createServer(await testConfig(dir.dir), { log: (...entry: unknown[]) => logged.push(entry.map(String).join(' ')), info: () => {} });
  defer(() => server.close());
  return server;
}
async function console(server: RunningServer, token: string) {
  const client: TestClient<AgentServerMessage> = await connect(server, '/ws/agent');
  defer(() => client.close());
  client.send({ type: 'hello', token });
  await client.next(isType('welcome'));
  return client;
}
async function remove(login: string): Promise<void> {
  const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
  expect(await agentCommand(['remove', '--login', login, '--data', data()], io)).toBe(0);
}
const ended = (client: TestClient<AgentServerMessage>) => client.received.filter(isType('error'));

it('keeps consoles and logins going when agents.json is deleted, says so once, and takes the file back when it returns', async () => {
  const logged: string[] = [];
  const server = await start(logged);
  await addAgent(data(), 'liisa', 'Liisa', 'liisa-password-123');
  const liisa = await console(server, await login(server, 'liisa-password-123', 'liisa'));
  const aino = await console(server, await login(server));
  const file = agentsFile(data());
  const kept = await readFile(file);

  await rm(file);
  await sleep(TOLD_MS);
  // A login (and the console checks it sets off) while it is gone.
  expect(await login(server, 'liisa-password-123', 'liisa')).toEqual(expect.any(String));
  await sleep(100);
  expect([...ended(liisa), ...ended(aino)]).toEqual([]);
  expect(logged).toEqual([
    `${file} is gone (deleted, or moved away). Until it is back, logins and consoles go on with the 2 agent(s) read before; a server restarted without it has none of them. Put it back (from a backup, or from where it was moved), or add the agents again with \`kohtaamo agent add\`: that makes a new file with only the agents added, and the consoles of the others are logged out.`,
  ]);

  // Back, and read again: a change made in it takes effect.
  await writeFile(file, kept, { mode: 0o600 });
  await sleep(SETTLED_MS);
  expect(logged.at(-1)).toBe(`${file} is back: 2 agent(s).`);
  await remove('liisa');
  expect(await liisa.next(isType('error'), 2000)).toMatchObject({ code: 'unauthorized', ended: 'removed' });

  // The last agent removed: the file is there, with no agents in it, and their console ends.
  await remove('demo');
  expect(await aino.next(isType('error'), 2000)).toMatchObject({ code: 'unauthorized', ended: 'removed' });
  expect(logged).toHaveLength(2);
});

it("rides out an editor's save that renames the file away and writes it back 300 ms later", async () => {
  const logged: string[] = [];
  const server = await start(logged);
  const aino = await console(server, await login(server));
  const file = agentsFile(data());
  const text = await readFile(file);
  await rename(file, `${file}~`);
  await sleep(300);
  await writeFile(file, text, { mode: 0o600 });
  await sleep(TOLD_MS);
  expect(ended(aino)).toEqual([]);
  expect(await login(server)).toEqual(expect.any(String));
  // Nothing to tell: the file was back before anyone needed telling.
  expect(logged).toEqual([]);
});

it('with no agents.json from the start, nobody logs in and nothing is said of a file gone, as before', async () => {
  const logged: string[] = [];
  const agents = fileAgents(join(dir.dir, 'empty'), (news) => logged.push(news));
  expect(await agents.list()).toEqual([]);
  await sleep(TOLD_MS);
  expect(await agents.list()).toEqual([]);
  expect(logged).toEqual([]);
});
