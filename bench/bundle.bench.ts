// `npm run bench bundle`: the bytes a page pays for Kohtaamo, next to a reference built in the
// same run with the same settings: a bare Preact + signals app (the floor for any Preact widget).
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { APP, LOADER, ROOT, consoleCode, ensureWidgetBuilt, sizes, withStaticImports, type Sizes } from './bundle-files';

const REFERENCE = `
import { render } from 'preact';
import { signal } from '@preact/signals';
import { jsx } from 'preact/jsx-runtime';
const count = signal(0);
render(jsx('button', { onClick: () => count.value++, children: count }), document.body);
`;

async function buildReference(): Promise<Buffer> {
  const { build } = await import('vite');
  const entry: Plugin = {
    name: 'reference-entry',
    enforce: 'pre',
    // Vite may hand the lib entry over as a path under root.
    resolveId: (id) => (id.endsWith('reference-entry') ? '\0reference-entry' : null),
    load: (id) => (id === '\0reference-entry' ? REFERENCE : null),
  };
  // Same output shape as the app build (minified ES library, es2020), so the numbers compare.
  const out = await build({
    root: ROOT,
    configFile: false,
    logLevel: 'silent',
    plugins: [entry],
    build: {
      write: false,
      target: 'es2020',
      lib: { entry: 'reference-entry', formats: ['es'], fileName: () => 'ref.js' },
      rolldownOptions: { output: { minify: true } },
    },
  });
  const outputs = Array.isArray(out) ? out : [out];
  const code = outputs.flatMap((o) => ('output' in o ? o.output : [])).map((c) => ('code' in c ? c.code : '')).join('');
  return Buffer.from(code);
}

const kb = (n: number) => (n / 1024).toFixed(1).padStart(6);

export async function run(): Promise<void> {
  await ensureWidgetBuilt();
  const reference = sizes(await buildReference());
  const rows: [string, Sizes | undefined][] = [
    ['loader dist/widget.js', sizes(readFileSync(LOADER))],
    ['app dist/widget/app.js + static', sizes(withStaticImports(APP))],
    ['reference: bare preact+signals', reference],
    ['console dist/console js', (() => { const c = consoleCode(); return c && sizes(c); })()],
  ];
  console.log(`${'bundle'.padEnd(34)} ${'raw B'.padStart(8)} ${'gzip B'.padStart(8)} ${'brotli B'.padStart(9)}  brotli vs reference`);
  for (const [name, s] of rows) {
    if (!s) {
      console.log(`${name.padEnd(34)} (not built: npm run build)`);
      continue;
    }
    const ratio = (s.brotli / reference.brotli).toFixed(2);
    console.log(`${name.padEnd(34)} ${String(s.raw).padStart(8)} ${String(s.gzip).padStart(8)} ${String(s.brotli).padStart(9)}  ${ratio}× (${kb(s.brotli)} KiB)`);
  }
}
