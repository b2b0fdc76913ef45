// What `npm install kohtaamo` gets: the files `npm pack` puts in the tarball (package.json's
// "files"). An installed site runs `npx kohtaamo serve` from node_modules, with no build tools, so
// the tarball must hold the built widget and console, the server and everything it imports, and
// the demo it serves; and nothing of the project's own tests, fixtures, benchmarks or CI.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ensureWidgetBuilt } from '../bench/bundle-files';
import { ENV, FLAGS } from '../server/flags';

/** The widget and console builds, made when `npm ci` has not (`npm pack` lists only what exists). */
async function ensureBuilt(): Promise<void> {
  await ensureWidgetBuilt();
  if (!existsSync(join(ROOT, 'dist/console/index.html'))) {
    const vite = await import('vite');
    await vite.build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), mode: 'console', logLevel: 'warn' });
  }
}

let packed: string[] = [];
beforeAll(async () => {
  await ensureBuilt();
  // --ignore-scripts: `prepare` would build again; the list is the same.
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [result] = JSON.parse(out) as { files: { path: string }[] }[];
  packed = result!.files.map((f) => f.path);
}, 180_000);

/** The project's files `kohtaamo` runs: bin/kohtaamo.js and every module it imports (esbuild follows the imports as tsx would load them). */
async function runtimeModules(): Promise<string[]> {
  const { metafile } = await build({ entryPoints: [join(ROOT, 'bin/kohtaamo.js')], absWorkingDir: ROOT, bundle: true, platform: 'node', format: 'esm', packages: 'external', write: false, metafile: true, outdir: 'out', logLevel: 'silent' });
  return Object.keys(metafile.inputs).filter((f) => !f.startsWith('node_modules/'));
}

describe('npm pack', () => {
  it('holds the built widget and console, the command, the demo site and FAQ', () => {
    for (const file of ['dist/widget.js', 'dist/widget/app.js', 'dist/console/index.html', 'bin/kohtaamo.js', 'server/cli/main.ts', 'server/app.ts', 'demo/site/index.html', 'demo/site/en/index.html', 'demo/faq.json', 'demo/replies.md', 'package.json', 'README.md']) {
      expect(packed, file).toContain(file);
    }
    expect(packed.some((f) => f.startsWith('dist/console/assets/'))).toBe(true);
  });

  it("holds the pages the README links to for site owners (embedding, the console, FAQ, server), so its links work in node_modules", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const linked = [...new Set([...readme.matchAll(/\]\(([a-z][^)#:]*)/g)].map((m) => m[1]!))];
    // The project's own tests and benchmarks are for its developers, not shipped.
    const forOwners = linked.filter((f) => !/^(tests|bench)\//.test(f));
    expect(forOwners).toContain('widget/README.md');
    expect(forOwners.filter((f) => !packed.includes(f))).toEqual([]);
  });

  it('holds every module the command imports', async () => {
    const modules = await runtimeModules();
    expect(modules).toContain('server/cli/serve.ts');
    expect(modules.filter((f) => !packed.includes(f))).toEqual([]);
  });

  it("holds none of the project's tests, test helpers, fixtures, benchmarks, CI or earlier tarballs", () => {
    const unwanted = packed.filter(
      (f) =>
        /\.test\.tsx?$/.test(f) ||
        /(^|\/)test-[^/]*\.ts$/.test(f) ||
        /(^|\/)fixtures\//.test(f) ||
        (/^(tests|bench|widget|\.ci|node_modules|data)\//.test(f) && f !== 'widget/README.md') ||
        f.endsWith('.tgz') ||
        f === 'vite.config.ts',
    );
    expect(unwanted).toEqual([]);
  });

  it('holds no module that needs one the package does not ship or a devDependency (vitest, …)', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const shipped = packed.filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'));
    const { metafile } = await build({ entryPoints: shipped.map((f) => join(ROOT, f)), absWorkingDir: ROOT, bundle: true, platform: 'node', format: 'esm', packages: 'external', write: false, metafile: true, outdir: 'out', logLevel: 'silent' });
    const wrong: string[] = [];
    for (const [file, input] of Object.entries(metafile.inputs)) {
      if (!shipped.includes(file)) continue;
      for (const { path, external } of input.imports) {
        if (!external) {
          if (!path.startsWith('node_modules/') && !packed.includes(path)) wrong.push(`${file} imports ${path}`);
          continue;
        }
        const name = path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0]!;
        if (!path.startsWith('node:') && !builtinModules.includes(name) && !(name in pkg.dependencies)) wrong.push(`${file} imports ${path}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("README's Install on your own server", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = /\n## Install on your own server\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';

  it('installs the package, names the Node it needs, and only settings serve reads', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; engines: { node: string } };
    expect(section).toContain(`npm install ${pkg.name} `);
    expect(section).toContain(`Node ${pkg.engines.node.replace(/^>=\s*/, '')} or newer`);
    const serve = /^npx kohtaamo serve (.*)$/m.exec(section)?.[1] ?? '';
    expect(serve).not.toBe('');
    for (const flag of serve.match(/--[a-z-]+/g) ?? []) expect(FLAGS, flag).toContain(flag.slice(2));
    for (const name of section.match(/KOHTAAMO_[A-Z_]+/g) ?? []) expect(Object.values(ENV), name).toContain(name);
    expect(section).toContain('KOHTAAMO_DATA');
    expect(section).toContain('npx kohtaamo --version');
  });
});
