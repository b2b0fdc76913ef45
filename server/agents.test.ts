import { spawn } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authenticate, ensureDemoAgent, hashPassword, verifyPassword, type AgentRecord } from './agents';
import { agentsFile, fileAgents, loadAgents, saveAgents } from './agents-file';
import { DEMO_PASSWORD, startTestServer, tempDir } from './test-support';

let dir: { dir: string; remove(): Promise<void> };
beforeEach(async () => (dir = await tempDir()));
afterEach(() => dir.remove());

describe('agents', () => {
  it('hashes with scrypt and a salt, and verifies only the right password', async () => {
    const a = await hashPassword('oikea-salasana');
    const b = await hashPassword('oikea-salasana');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('oikea-salasana', a)).toBe(true);
    expect(await verifyPassword('väärä-salasana', a)).toBe(false);
    expect(await verifyPassword('oikea-salasana', 'garbage')).toBe(false);
  });

  it('creates the demo agent once, with a random password it can show on every start', async () => {
    const first = await ensureDemoAgent(fileAgents(dir.dir), undefined);
    expect(first?.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const again = await ensureDemoAgent(fileAgents(dir.dir), undefined);
    expect(again).toEqual(first);
    expect(await authenticate(fileAgents(dir.dir), 'demo', first?.password ?? '')).toEqual({ id: 'demo', name: 'Aino (demo)' });
    expect((await stat(agentsFile(dir.dir))).mode & 0o777).toBe(0o600);
  });

  it('uses KOHTAAMO_DEMO_PASSWORD without writing it down', async () => {
    const demo = await ensureDemoAgent(fileAgents(dir.dir), 'from-the-environment');
    expect(demo?.password).toBe('from-the-environment');
    expect(await readFile(join(dir.dir, 'agents.json'), 'utf8')).not.toContain('from-the-environment');
    expect(await authenticate(fileAgents(dir.dir), 'demo', 'from-the-environment')).not.toBeNull();
  });

  it('never shows a demo password that would not log in', async () => {
    const file = agentsFile(dir.dir);
    await ensureDemoAgent(fileAgents(dir.dir), 'from-the-environment');
    // Changed with `kohtaamo agent passwd` since: the environment's password no longer logs in.
    const [demo] = await loadAgents(file);
    await saveAgents(file, [{ ...demo!, password: await hashPassword('a-new-password') }]);
    expect(await ensureDemoAgent(fileAgents(dir.dir), 'from-the-environment')).toEqual({ login: 'demo', password: null, passwordIgnored: true });
    // A data directory whose agents were all added by hand has no demo login at all.
    await saveAgents(file, [{ id: 'eero', login: 'eero', name: 'Eero', password: await hashPassword('eeron-salasana') }]);
    expect(await ensureDemoAgent(fileAgents(dir.dir), 'from-the-environment')).toBeNull();
    expect(await authenticate(fileAgents(dir.dir), 'demo', 'from-the-environment')).toBeNull();
  });

  it('says KOHTAAMO_DEMO_PASSWORD is ignored when it is set after the first start', async () => {
    const first = await ensureDemoAgent(fileAgents(dir.dir), undefined);
    expect(await ensureDemoAgent(fileAgents(dir.dir), 'set-after-the-first-start')).toEqual({ login: 'demo', password: first!.password, passwordIgnored: true });
    expect(await ensureDemoAgent(fileAgents(dir.dir), first!.password!)).toEqual({ login: 'demo', password: first!.password });
  });

  it("makes no demo agent for a site's own FAQ, and never gives the password of one left from a demo start", async () => {
    expect(await ensureDemoAgent(fileAgents(dir.dir), undefined, { create: false })).toBeNull();
    expect(await authenticate(fileAgents(dir.dir), 'demo', '')).toBeNull();
    const tried = await ensureDemoAgent(fileAgents(dir.dir), undefined);
    expect(tried?.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await ensureDemoAgent(fileAgents(dir.dir), undefined, { create: false })).toEqual({ login: 'demo', password: null });
    expect(await ensureDemoAgent(fileAgents(dir.dir), tried?.password ?? undefined, { create: false })).toEqual({ login: 'demo', password: null });
  });

  it('logs in whatever the case of the login typed, and an agents file with two logins differing only in case goes on working', async () => {
    const directory = fileAgents(dir.dir);
    const record = async (login: string, name: string): Promise<AgentRecord> => ({ id: login, login, name, password: await hashPassword(`${name}-password`) });
    await saveAgents(agentsFile(dir.dir), [await record('Aino', 'aino')]);
    expect(await authenticate(directory, 'aino', 'aino-password')).toEqual({ id: 'Aino', name: 'aino' });
    // Written before logins were told apart ignoring case: each still logs in with its own login.
    await saveAgents(agentsFile(dir.dir), [await record('X3', 'upper'), await record('x3', 'lower')]);
    expect(await authenticate(directory, 'X3', 'upper-password')).toEqual({ id: 'X3', name: 'upper' });
    expect(await authenticate(directory, 'x3', 'lower-password')).toEqual({ id: 'x3', name: 'lower' });
  });

  it('refuses unknown logins', async () => {
    await ensureDemoAgent(fileAgents(dir.dir), 'from-the-environment');
    expect(await authenticate(fileAgents(dir.dir), 'nobody', 'from-the-environment')).toBeNull();
  });
});

describe('changes at once', () => {
  const agent = (login: string): AgentRecord => ({ id: login, login, name: login, password: 'scrypt$1$1$1$x$y' });
  const add = (login: string) => (agents: AgentRecord[]) => [...agents, agent(login)];

  it('keeps every agent added at once in one process', async () => {
    const logins = Array.from({ length: 20 }, (_, i) => `a${i}`);
    await Promise.all(logins.map((login) => fileAgents(dir.dir).change(add(login))));
    expect((await loadAgents(agentsFile(dir.dir))).map((a) => a.login).sort()).toEqual([...logins].sort());
  });

  it('keeps every agent added at once by several processes (parallel `kohtaamo agent add`)', async () => {
    // Each process starts its adds at the same moment, so their reads and writes overlap.
    const at = Date.now() + 2_500;
    const child = (n: number) => {
      const code = `import { fileAgents } from ${JSON.stringify(resolve(__dirname, 'agents-file.ts'))};
await new Promise((r) => setTimeout(r, ${at} - Date.now()));
const directory = fileAgents(${JSON.stringify(dir.dir)});
for (let i = 0; i < 5; i++) await directory.change((agents) => [...agents, { id: 'p${n}-' + i, login: 'p${n}-' + i, name: 'x', password: 'x' }]);`;
      const process_ = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'ignore', 'inherit'] });
      return new Promise<number | null>((done) => process_.on('exit', done));
    };
    expect(await Promise.all([0, 1, 2, 3, 4, 5].map(child))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(await loadAgents(agentsFile(dir.dir))).toHaveLength(30);
  }, 20_000);
});

describe('an agents file broken while the server runs', () => {
  it('tells once which file and what to fix, and goes on with the agents read before until it is fixed', async () => {
    const told: string[] = [];
    const directory = fileAgents(dir.dir, (news) => told.push(news));
    await ensureDemoAgent(directory, 'from-the-environment');
    const good = await readFile(agentsFile(dir.dir), 'utf8');
    // A hand edit that lost the end of the file.
    await writeFile(agentsFile(dir.dir), good.slice(0, -5));
    expect(await authenticate(directory, 'demo', 'from-the-environment')).toEqual({ id: 'demo', name: 'Aino (demo)' });
    expect(await authenticate(directory, 'demo', 'from-the-environment')).not.toBeNull();
    expect(told).toEqual([
      expect.stringMatching(new RegExp(`^${agentsFile(dir.dir)} is not valid JSON at \\d+:\\d+ \\(line:column\\): fix it by hand, or put back a copy\\. Until then, logins and consoles go on with the 1 agent\\(s\\) read before\\.$`)),
    ]);
    await writeFile(agentsFile(dir.dir), good);
    expect(await authenticate(directory, 'demo', 'from-the-environment')).not.toBeNull();
    expect(told[1]).toBe(`${agentsFile(dir.dir)} reads well again: 1 agent(s).`);
  });

  it('points at the fault by line and column, and quotes none of the file into the log', async () => {
    const told: string[] = [];
    const directory = fileAgents(dir.dir, (news) => told.push(news));
    await ensureDemoAgent(directory, 'from-the-environment');
    const good = await readFile(agentsFile(dir.dir), 'utf8');
    // A typo beside an agent's name and hash: Node's own message would quote them.
    const broken = good.replace('"name":', '"name" ,,:');
    await writeFile(agentsFile(dir.dir), broken);
    await directory.list();
    const at = broken.indexOf(',,');
    const line = broken.slice(0, at).split('\n').length;
    const column = at - broken.lastIndexOf('\n', at - 1);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(` is not valid JSON at ${line}:${column} (line:column): `);
    const logged = told[0]!.replace(agentsFile(dir.dir), '');
    for (const piece of ['Aino', 'scrypt', '"name"', ',,']) expect(logged).not.toContain(piece);
    // A file cut short: at its end. A quote the parser gives without a place to find: no place, still nothing quoted.
    await writeFile(agentsFile(dir.dir), '{"agents": [');
    await expect(loadAgents(agentsFile(dir.dir))).rejects.toThrow(`${agentsFile(dir.dir)} is not valid JSON at 1:13 (line:column): fix it by hand`);
    await writeFile(agentsFile(dir.dir), '{"a":}');
    await expect(loadAgents(agentsFile(dir.dir))).rejects.toThrow(`${agentsFile(dir.dir)} is not valid JSON: fix it by hand, or put back a copy`);
  });

  it('names the file and what to fix where there is no list read before (a command, a start)', async () => {
    await writeFile(agentsFile(dir.dir), '{"agents": [{"id": "x"}]}');
    await expect(fileAgents(dir.dir, () => {}).list()).rejects.toThrow(`${agentsFile(dir.dir)}: agent 0 needs string id, login, name and password: fix it by hand, or put back a copy`);
    await writeFile(agentsFile(dir.dir), '{"agents": [');
    await expect(fileAgents(dir.dir, () => {}).change((agents) => agents)).rejects.toThrow(new RegExp(`^${agentsFile(dir.dir)} is not valid JSON`));
  });

  it('keeps logins working through the HTTP API', async () => {
    const server = await startTestServer(dir.dir);
    try {
      const file = agentsFile(join(dir.dir, 'data'));
      await writeFile(file, (await readFile(file, 'utf8')).slice(0, -5));
      const res = await fetch(`${server.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'demo', password: DEMO_PASSWORD }) });
      expect(res.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
