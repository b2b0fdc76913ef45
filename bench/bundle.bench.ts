// `npm run bench bundle`: the bytes a page pays for Kohtaamo, every row of widget/README.md's
// table (loader, app, FAQ chunk, locale chunks), next to a reference built in the same run with
// the widget's own minifier settings: a bare Preact + signals app (the floor for any Preact widget).
import { readFileSync } from 'node:fs';
import { APP, LOADER, buildAsWidget, consoleCode, ensureWidgetBuilt, faqChunk, localeChunks, sizes, withStaticImports, type Sizes } from './bundle-files';

const REFERENCE = `
import { render } from 'preact';
import { signal } from '@preact/signals';
import { jsx } from 'preact/jsx-runtime';
const count = signal(0);
render(jsx('button', { onClick: () => count.value++, children: count }), document.body);
`;

const kb = (n: number) => (n / 1024).toFixed(1).padStart(6);

export async function run(): Promise<void> {
  await ensureWidgetBuilt();
  const reference = sizes(await buildAsWidget(REFERENCE));
  const faq = faqChunk();
  const rows: [string, Sizes | undefined][] = [
    ['loader dist/widget.js', sizes(readFileSync(LOADER))],
    ['app dist/widget/app.js + static', sizes(withStaticImports(APP))],
    ['FAQ chunk chunks/client-*.js', faq ? sizes(readFileSync(faq)) : undefined],
    ...localeChunks().map(([lang, file]): [string, Sizes] => [`locale chunk chunks/${lang}-*.js`, sizes(readFileSync(file))]),
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
