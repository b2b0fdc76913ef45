import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authenticate } from '../agents';
import { fileAgents } from '../agents-file';
import { FAQ, tempDir } from '../test-support';
import { ENV, FLAGS } from '../flags';
import { main } from './main';

const BIN = fileURLToPath(new URL('../../bin/kohtaamo.js', import.meta.url));
let dir: { dir: string; remove(): Promise<void> };
beforeEach(async () => {
  dir = await tempDir();
  await writeFile(join(dir.dir, 'faq.json'), JSON.stringify(FAQ));
});
afterEach(() => dir.remove());

function run(argv: string[], stdin = '', env: NodeJS.ProcessEnv = process.env) {
  const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
  let out = '';
  let err = '';
  io.stdout.on('data', (d: Buffer) => (out += d.toString()));
  io.stderr.on('data', (d: Buffer) => (err += d.toString()));
  io.stdin.end(stdin);
  return main(argv, io, env).then((code) => ({ code, out, err }));
}

describe('kohtaamo --help', () => {
  it('names every flag of serve and its environment variable, also as serve --help', async () => {
    for (const argv of [['--help'], ['serve', '--help'], ['help', 'serve']]) {
      const { code, out } = await run(argv);
      expect(code, argv.join(' ')).toBe(0);
      for (const flag of FLAGS) expect(out, flag).toContain(`--${flag}`);
      for (const name of Object.values(ENV)) expect(out, name).toContain(name);
    }
  });
});

describe('COMMAND --help', () => {
  // What each prints first: its own commands, none of the others'.
  const own: Record<string, string> = {
    serve: 'kohtaamo serve [--port',
    agent: 'kohtaamo agent add --login',
    faq: 'kohtaamo faq validate FILE',
    data: 'kohtaamo data export --email',
    report: 'kohtaamo report [--days',
  };
  it('prints the usage of the command asked about, on stdout with exit 0, wherever --help or -h is, and runs nothing', async () => {
    const asked = [
      ['serve', '--port', '0', '--help'],
      ['agent', '--help'],
      ['agent', 'add', '--help'],
      ['agent', 'list', '-h'],
      ['agent', 'help'],
      ['faq', '--help'],
      ['faq', 'validate', '--help'],
      ['faq', 'search', '-h'],
      ['faq', 'help'],
      ['data', '-h'],
      ['data', 'export', '--email', 'a@b.example', '--help'],
      ['data', 'backup', '--help'],
      ['report', '--help'],
      ['report', 'help'],
      ['help', 'faq'],
    ];
    for (const argv of asked) {
      const command = argv[0] === 'help' ? argv[1]! : argv[0]!;
      const { code, out, err } = await run(argv, '', { KOHTAAMO_DATA: join(dir.dir, 'data') });
      expect({ code, err }, argv.join(' ')).toEqual({ code: 0, err: '' });
      expect(out.startsWith(`Usage:\n  ${own[command]}`), `${argv.join(' ')}: ${out.slice(0, 80)}`).toBe(true);
      for (const [other, line] of Object.entries(own)) if (other !== command) expect(out, argv.join(' ')).not.toContain(line);
    }
    // Nothing ran: no data directory, no agent.
    expect(await readdir(dir.dir)).toEqual(['faq.json']);
    expect((await run(['data', 'backup', '--help'])).out).toContain('pg_dump --format=custom');
  });

  it('takes --help after -- as an argument, not a question', async () => {
    const { code, out } = await run(['faq', 'search', '--faq', join(dir.dir, 'faq.json'), '--', '--help']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ query: '--help' });
  });

  it('without a subcommand, or with a mistyped one, prints the usage on stderr and exits 2', async () => {
    for (const command of ['agent', 'faq', 'data']) {
      expect(await run([command]), command).toMatchObject({ code: 2, out: '', err: expect.stringContaining(`Usage:\n  ${own[command]}`) });
      const typo = await run([command, 'lsit'], '', { KOHTAAMO_DATA: join(dir.dir, 'data') });
      expect(typo, command).toMatchObject({ code: 2, out: '' });
      expect(typo.err, command).toMatch(new RegExp(`^kohtaamo ${command}: unknown subcommand "lsit"\n\nUsage:\n  ${own[command]!.replace(/[[\]]/g, '\\$&')}`));
    }
  });
});

describe('kohtaamo --version', () => {
  it("prints the package's version, as version too", async () => {
    const { version } = JSON.parse(await readFile(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    for (const argv of [['--version'], ['version']]) expect(await run(argv), argv[0]).toEqual({ code: 0, out: `${version}\n`, err: '' });
    expect((await run(['--help'])).out).toContain('kohtaamo --version');
  });
});

describe('kohtaamo … | head', () => {
  it('stops quietly when the reader closes the pipe early', async () => {
    const child = spawn(process.execPath, [BIN, 'faq', 'explain', '--faq', join(dir.dir, 'faq.json')]);
    // Far more than a pipe holds, so the command is still writing when the reader goes.
    child.stdin.end('paljonko toimitus maksaa\n'.repeat(5000));
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    // As head -1: one line read, then the pipe closed.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    expect(await exit).toBe(0);
    expect(err).toBe('');
  }, 30_000);
});

describe('KOHTAAMO_ environment variables', () => {
  it('refuses a mistyped one, naming the one it most likely meant and the known ones, rather than run on the default', async () => {
    const retention = await run(['serve', '--port', '0', '--data', join(dir.dir, 'data')], '', { KOHTAAMO_RETENTION_DAY: '30' });
    expect(retention.code).toBe(2);
    expect(retention.err).toContain('kohtaamo serve: unknown environment variable KOHTAAMO_RETENTION_DAY; did you mean KOHTAAMO_RETENTION_DAYS? (known: KOHTAAMO_PORT, ');
    for (const name of [...Object.values(ENV), 'KOHTAAMO_DEMO_PASSWORD', 'KOHTAAMO_IDENTITY_SECRET', 'KOHTAAMO_WEBHOOK_SECRET']) expect(retention.err).toContain(name);
    // Without _URL, an agent would be added to the agents file here, not to PostgreSQL.
    const database = await run(['agent', 'add', '--login', 'aino', '--name', 'Aino', '--data', join(dir.dir, 'data')], '', { KOHTAAMO_DATABASE: 'postgres://db.internal/kohtaamo' });
    expect(database).toMatchObject({ code: 2, err: expect.stringContaining('kohtaamo agent: unknown environment variable KOHTAAMO_DATABASE; did you mean KOHTAAMO_DATABASE_URL?') });
    const far = await run(['report', '--data', dir.dir], '', { KOHTAAMO_COLOUR: 'blue' });
    expect(far).toMatchObject({ code: 2, err: expect.stringMatching(/^kohtaamo report: unknown environment variable KOHTAAMO_COLOUR \(known: /) });
  });

  it("takes the project's own test and benchmark settings, and the environment-only ones", async () => {
    const env = { KOHTAAMO_TEST_DATABASE_URL: 'postgres://x', KOHTAAMO_TEST_REDIS_URL: 'redis://x', KOHTAAMO_FAQ_EVAL: '/x', KOHTAAMO_DEMO_PASSWORD: 'x', KOHTAAMO_DATA: join(dir.dir, 'data') };
    // Past the check: it looked for agents where KOHTAAMO_DATA says.
    expect(await run(['agent', 'list'], '', env)).toMatchObject({ err: expect.stringMatching(/^kohtaamo agent list: no agents in .*\/data\/agents\.json /) });
  });

  it('refuses a setting set but empty in every command, which would mean its default (agent add writing to ./data)', async () => {
    const refused = await run(['agent', 'list'], '', { KOHTAAMO_DATA: '' });
    expect(refused).toMatchObject({ code: 2 });
    expect(refused.err).toContain('kohtaamo agent: KOHTAAMO_DATA is set but empty: give it a value, or unset it');
  });

  it('leaves --help alone', async () => {
    expect(await run(['serve', '--help'], '', { KOHTAAMO_PROT: '1' })).toMatchObject({ code: 0 });
  });
});

/** `kohtaamo serve` in its own process, until its banner is out; stop() ends it with SIGTERM and gives its exit code. */
async function serve(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data', join(dir.dir, 'data'), ...args], { env: { ...process.env, KOHTAAMO_DEMO_PASSWORD: undefined, ...env } });
  let out = '';
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /Agent console:\s+(http:\/\/localhost:(\d+))\/console\//.exec(out);
      // The banner is one write, ending in a newline.
      if (match?.[1] && /Visitor origins:/.test(out) && out.endsWith('\n')) resolve(match[1]);
    });
    child.once('exit', () => reject(new Error(`exited early: ${out}`)));
  });
  const stop = () => {
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    return exit;
  };
  // Answered: past the banner, so the server listens for SIGTERM (written synchronously to a pipe, the banner can come first).
  await fetch(`${url}/console/`).then((r) => r.arrayBuffer());
  return { out, url, stop };
}

const logIn = (url: string, login: string, password: string) =>
  fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) }).then((r) => r.status);

describe('kohtaamo serve', () => {
  it('with the demo FAQ, makes the demo agent and prints its login on every start', async () => {
    const first = await serve([]);
    const password = /Demo login:\s+demo \/ (\S+)\n/.exec(first.out)?.[1] ?? '';
    // Which release runs, first thing: what to name in a bug report, and the check after an upgrade.
    const { version } = JSON.parse(await readFile(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string };
    expect(first.out.startsWith(`Kohtaamo ${version} is running on ${first.url}\n`)).toBe(true);
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await logIn(first.url, 'demo', password)).toBe(200);
    expect(await first.stop()).toBe(0);
    const again = await serve([]);
    expect(again.out).toContain(`Demo login:       demo / ${password}\n`);
    expect(again.out).not.toContain('Warning');
    expect(await again.stop()).toBe(0);
  }, 30_000);

  it("with the site's own FAQ, makes no demo agent; one left from a demo start is named with how to remove it, never its password", async () => {
    const faq = ['--faq', join(dir.dir, 'faq.json')];
    const own = await serve(faq);
    expect(own.out).toContain(`Agents:           none yet, so nobody can log in to the console; add one with: npx kohtaamo agent add --login NAME --name "Name" --data ${join(dir.dir, 'data')}\n`);
    expect(own.out).not.toContain('Demo login');
    expect(own.out).toContain('Email:            off: a visitor who left reads your reply only on coming back to the site (--smtp and --mail-from email it)\n');
    expect(own.out).not.toContain('Warning');
    expect(await logIn(own.url, 'demo', 'whatever-password')).toBe(401);
    expect(await fileAgents(join(dir.dir, 'data')).list()).toEqual([]);
    // No fake store on the site's public chat host: / says what it is, for people only.
    expect(own.out).not.toContain('Demo site');
    expect(own.out).toContain(`Home page:        ${own.url}/ `);
    const home = await fetch(`${own.url}/`);
    expect(home.headers.get('x-robots-tag')).toBe('noindex');
    const page = await home.text();
    expect(page).toContain('<meta name="robots" content="noindex">');
    expect(page).toContain('href="console/"');
    expect(page).not.toContain('Kotipesä');
    expect((await fetch(`${own.url}/en/`)).status).toBe(404);
    expect(await own.stop()).toBe(0);

    // The same data directory, tried out with the demo first.
    await rm(join(dir.dir, 'data'), { recursive: true });
    const demo = await serve([]);
    const password = /Demo login:\s+demo \/ (\S+)\n/.exec(demo.out)?.[1] ?? '';
    expect(demo.out).toContain(`Demo site:        ${demo.url}/ `);
    expect(await (await fetch(`${demo.url}/en/`)).text()).toContain('Kotipesä');
    expect(await demo.stop()).toBe(0);
    const later = await serve(faq);
    expect(later.out).not.toContain(password);
    expect(later.out).toContain(`Agents:           1 can log in to the console; npx kohtaamo agent list --data ${join(dir.dir, 'data')} names them\n`);
    expect(later.out).not.toContain('Demo login');
    const warnings = later.out.split('\n').filter((line) => line.startsWith('Warning'));
    expect(warnings).toEqual([
      `Warning: the agent "demo" from an earlier demo start can still log in to the console; remove it with: npx kohtaamo agent remove --login demo --data ${join(dir.dir, 'data')}`,
    ]);
    expect(await later.stop()).toBe(0);
  }, 60_000);

  it('prints the real URLs for --port 0, serves, and stops on SIGTERM', async () => {
    const { out, url, stop } = await serve([], { KOHTAAMO_DEMO_PASSWORD: 'cli-test-password' });
    expect(url).not.toMatch(/:0$/);
    expect(out).toMatch(/Demo login:\s+demo \/ cli-test-password/);
    const login = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'demo', password: 'cli-test-password' }) });
    expect(await login.json()).toMatchObject({ agent: { id: 'demo', name: 'Aino (demo)' } });
    expect(await stop()).toBe(0);
  }, 30_000);

  it('says at start when the mail server for emails to visitors does not work, and serves anyway', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--faq', join(dir.dir, 'faq.json'), '--data', join(dir.dir, 'data')], {
      env: { ...process.env, KOHTAAMO_SMTP_URL: 'smtp://kohtaamo:s3cret@127.0.0.1:1', KOHTAAMO_MAIL_FROM: 'tuki@kauppa.example' },
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (/^Email: /m.test(out)) resolve();
      });
      child.once('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    expect(out).toMatch(/Email: +replies a visitor missed after leaving go 120 s later, through smtp:\/\/kohtaamo:\*\*\*@127\.0\.0\.1:1, from tuki@kauppa\.example/);
    expect(out).toMatch(/^Email: the mail server at smtp:\/\/kohtaamo:\*\*\*@127\.0\.0\.1:1 did not work: .*ECONNREFUSED.*check KOHTAAMO_SMTP_URL\.$/m);
    expect(out).not.toContain('s3cret');
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  }, 30_000);

  it('refuses a bad flag and a FAQ with problems, saying what to fix', async () => {
    const bad = await run(['serve', '--port', 'eighty']);
    expect(bad).toMatchObject({ code: 2, err: expect.stringMatching(/--port must be a port number/) });
    const faq = join(dir.dir, 'broken.json');
    await writeFile(faq, JSON.stringify([{ id: 'x', lang: 'sv', question: '', answer: '' }]));
    const broken = await run(['serve', '--port', '0', '--faq', faq, '--data', join(dir.dir, 'data')]);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/FAQ file has \d+ problem/);
    expect(broken.err).toContain('broken.json');
    await mkdir(join(dir.dir, 'bad-data'));
    await writeFile(join(dir.dir, 'bad-data', 'agents.json'), '{"agents": 5}');
    const agents = await run(['serve', '--port', '0', '--faq', join(dir.dir, 'faq.json'), '--data', join(dir.dir, 'bad-data')]);
    expect(agents).toMatchObject({ code: 1, err: expect.stringMatching(/Cannot use the agents file .*expected \{"agents": \[\.\.\.\]\}/) });
  });

  it("reads opening hours in the server's time zone only when its clock is set to a place, not a container's UTC", async () => {
    // A container's clock: "9-16" read in UTC would be 11-18 in Helsinki, so it asks for the zone.
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data', join(dir.dir, 'data'), '--hours', 'mon-fri 9-16'], { env: { ...process.env, TZ: 'UTC' } });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toBe(
      "kohtaamo serve: --hours needs the time zone the hours are in: this server's clock is set to UTC (as a container's is), not the shop's zone. " +
        'Add --timezone Europe/Helsinki (or KOHTAAMO_TIMEZONE=Europe/Helsinki) with your zone, or --timezone UTC if the hours really are in UTC\n',
    );
    const given = await serve(['--hours', 'mon-fri 9-16', '--timezone', 'Europe/Helsinki'], { TZ: 'Etc/UTC' });
    expect(given.out).toContain("Time zone:        Europe/Helsinki (--timezone): the report's days and the opening hours");
    expect(await given.stop()).toBe(0);
    // A laptop's clock, in Helsinki: its zone, named at start.
    const laptop = await serve([], { TZ: 'Europe/Helsinki', KOHTAAMO_HOURS: 'mon-fri 9-16' });
    expect(laptop.out).toContain("Time zone:        Europe/Helsinki (--timezone): the report's days and the opening hours");
    expect(await laptop.stop()).toBe(0);
  }, 30_000);
});

describe('kohtaamo agent', () => {
  it('adds an agent with a piped password, and passwd changes it', async () => {
    const data = join(dir.dir, 'data');
    const added = await run(['agent', 'add', '--login', 'eero', '--name', 'Eero', '--data', data], 'salasana-123\n');
    expect(added).toMatchObject({ code: 0 });
    expect(added.out).not.toContain('salasana-123');
    expect(await authenticate(fileAgents(data), 'eero', 'salasana-123')).toEqual({ id: 'eero', name: 'Eero' });

    const changed = await run(['agent', 'passwd', '--login', 'eero', '--data', data]);
    const generated = /Password: (\S+)/.exec(changed.out)?.[1] ?? '';
    expect(generated.length).toBeGreaterThanOrEqual(12);
    expect(await authenticate(fileAgents(data), 'eero', 'salasana-123')).toBeNull();
    expect(await authenticate(fileAgents(data), 'eero', generated)).toEqual({ id: 'eero', name: 'Eero' });

    const duplicate = await run(['agent', 'add', '--login', 'eero', '--name', 'Toinen', '--data', data], 'salasana-456\n');
    expect(duplicate).toMatchObject({ code: 2, err: expect.stringMatching(/already exists/) });
  });

  it('refuses a password an attacker tries first, or the login itself, and adds no agent', async () => {
    const data = join(dir.dir, 'data');
    const weak = await run(['agent', 'add', '--login', 'liisa', '--name', 'Liisa', '--data', data], 'Salasana123\n');
    expect(weak).toMatchObject({ code: 2, err: expect.stringMatching(/among the first an attacker tries: choose another/) });
    const own = await run(['agent', 'add', '--login', 'liisa', '--name', 'Liisa', '--data', data], 'liisa2024\n');
    expect(own).toMatchObject({ code: 2, err: expect.stringMatching(/must not be the login/) });
    expect(await authenticate(fileAgents(data), 'liisa', 'Salasana123')).toBeNull();
  });
});
