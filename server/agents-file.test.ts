// The agents file watched by a running server: what its operator is told when it is edited.
import { statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { agentsFile, fileAgents, saveAgents } from './agents-file';
import { tempDir } from './test-support';

let dir: { dir: string; remove(): Promise<void> };
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await dir.remove();
});

it('tells a broken edit of agents.json, and its fix, when they are made, with no login between', async () => {
  const file = agentsFile(dir.dir);
  await saveAgents(file, [{ id: 'aino', login: 'aino', name: 'Aino', password: 'x' }]);
  const logged: string[] = [];
  let heard: (() => void) | null = null;
  const told = () => new Promise<void>((resolve) => (heard = resolve));
  const agents = fileAgents(dir.dir, (news) => {
    logged.push(news);
    heard?.();
  });
  expect(await agents.list()).toHaveLength(1);
  const watch = agents.watch(() => {});
  try {
    const good = await readFile(file, 'utf8');
    let next = told();
    await writeFile(file, '{"agents": [\n');
    await next;
    expect(logged.at(-1)).toBe(`${file} is not valid JSON at 2:1 (line:column): fix it by hand, or put back a copy. Until then, logins and consoles go on with the 1 agent(s) read before.`);
    next = told();
    await writeFile(file, good);
    await next;
    expect(logged.at(-1)).toBe(`${file} reads well again: 1 agent(s).`);
  } finally {
    watch.close();
  }
}, 10_000);

it("makes a data directory it creates (`agent add` before the first `serve`) readable by its user only, and leaves one the owner made as it is", async () => {
  const umask = process.umask(0o022);
  try {
    const made = join(dir.dir, 'fresh', 'data');
    await saveAgents(agentsFile(made), []);
    expect([(statSync(made).mode & 0o777).toString(8), (statSync(agentsFile(made)).mode & 0o777).toString(8)]).toEqual(['700', '600']);
    // The site owner's (systemd's StateDirectory=, a hand mkdir): its mode is theirs to choose.
    const owners = join(dir.dir, 'owners');
    await mkdir(owners, { mode: 0o750 });
    await saveAgents(agentsFile(owners), []);
    expect((statSync(owners).mode & 0o777).toString(8)).toBe('750');
  } finally {
    process.umask(umask);
  }
});
