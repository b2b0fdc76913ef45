// What the widget costs a page, in bytes: shared by the bundle-size test and the bundle bench.
// The loader is `dist/widget.js`; the app is `dist/widget/app.js` plus the chunks it imports
// statically (what arrives before the panel can open). Locale and FAQ chunks load on demand.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const LOADER = join(ROOT, 'dist/widget.js');
export const APP = join(ROOT, 'dist/widget/app.js');
export const CONSOLE_ASSETS = join(ROOT, 'dist/console/assets');

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export function sizes(code: Buffer | string): Sizes {
  const buf = Buffer.isBuffer(code) ? code : Buffer.from(code);
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]*from\s*)?["'](\.{1,2}\/[^"']+)["']/g;

/** A chunk and everything it imports statically, each file once, concatenated. */
export function withStaticImports(entry: string): Buffer {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(STATIC_IMPORT)) visit(resolve(dirname(file), m[1]!));
  };
  visit(entry);
  return Buffer.concat([...seen].map((f) => readFileSync(f)));
}

/** The FAQ chunk the app loads on demand (faq/client.ts: search and Markdown), if built. */
export function faqChunk(): string | undefined {
  const dir = join(ROOT, 'dist/widget/chunks');
  const file = existsSync(dir) ? readdirSync(dir).find((f) => /^client-[\w-]+\.js$/.test(f)) : undefined;
  return file && join(dir, file);
}

/** The console's JavaScript (its page loads all of it). */
export function consoleCode(): Buffer | undefined {
  if (!existsSync(CONSOLE_ASSETS)) return undefined;
  const files = readdirSync(CONSOLE_ASSETS).filter((f) => f.endsWith('.js'));
  return Buffer.concat(files.map((f) => readFileSync(join(CONSOLE_ASSETS, f))));
}

/** Builds the loader and the app with the project's own config when `npm ci` has not. */
export async function ensureWidgetBuilt(): Promise<void> {
  const { build } = await import('vite');
  for (const [mode, file] of [['app', APP], ['loader', LOADER]] as const) {
    if (!existsSync(file)) await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), mode, logLevel: 'warn' });
  }
}

/** Names Preact's minified internals use (`__k` children, `__e` dom, `__c` component, `__H` hooks). */
export const PREACT_MARKERS = [/\b__[kecHPv]\b/, /\bpreact\b/i, /Symbol\.for\(["']pv["']\)/];

/** The locale chunks the app loads on demand (`widget/app/i18n/<lang>.ts`), by language, if built. */
export function localeChunks(): [lang: string, file: string][] {
  const dir = join(ROOT, 'dist/widget/chunks');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((f) => {
      const lang = /^([a-z]{2})-[\w-]+\.js$/.exec(f)?.[1];
      return lang ? [[lang, join(dir, f)] as [string, string]] : [];
    })
    .sort(([a], [b]) => a.localeCompare(b));
}

/**
 * Builds `source` (an ES module's text) the way the widget's chunks ship: the output options
 * (minifier, comments) and target of `vite.config.ts`'s app build, read from it, so a size printed
 * next to a shipped chunk's was made by the same minifier settings.
 */
export async function buildAsWidget(source: string): Promise<Buffer> {
  const { build } = await import('vite');
  const { default: config } = await import('../vite.config');
  const app = typeof config === 'function' ? await config({ mode: 'app', command: 'build' }) : await config;
  const shipped = app.build?.rolldownOptions?.output;
  const output = Array.isArray(shipped) ? shipped[0] : shipped;
  const entry: Plugin = {
    name: 'widget-like-entry',
    enforce: 'pre',
    // Vite may hand the lib entry over as a path under root.
    resolveId: (id) => (id.endsWith('widget-like-entry') ? '\0widget-like-entry' : null),
    load: (id) => (id === '\0widget-like-entry' ? source : null),
  };
  const out = await build({
    root: ROOT,
    configFile: false,
    logLevel: 'silent',
    plugins: [entry],
    build: {
      write: false,
      target: app.build?.target ?? 'es2020',
      lib: { entry: 'widget-like-entry', formats: ['es'], fileName: () => 'entry.js' },
      rolldownOptions: { output: { minify: output?.minify, comments: output?.comments } },
    },
  });
  const outputs = Array.isArray(out) ? out : [out];
  const code = outputs.flatMap((o) => ('output' in o ? o.output : [])).map((c) => ('code' in c ? c.code : '')).join('');
  return Buffer.from(code);
}
