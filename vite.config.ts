// One config, three builds (see `npm run build`), plus the test runner:
//   --mode app      the widget's Preact app, an ES module chunk fetched on first intent → dist/widget/
//   --mode loader   the tiny loader the script tag runs, a classic script → dist/widget.js
//   --mode console  the agent console, a Preact page → dist/console/
// The loader is a classic script (not a module) because it needs `document.currentScript`
// to read its own `data-*` attributes.
import { defineConfig } from 'vitest/config';
import type { Plugin, UserConfig } from 'vite';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Writes a .br and a .gz beside each emitted script, stylesheet and page: the server (sirv) sends
 * them to browsers that accept them, so the widget costs a page its compressed size, not its raw one.
 */
function precompress(): Plugin {
  return {
    name: 'kohtaamo-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const file of Object.values(bundle)) {
        if (!/\.(js|css|html)$/.test(file.fileName)) continue;
        const path = join(options.dir ?? '', file.fileName);
        const code = file.type === 'chunk' ? file.code : file.source;
        writeFileSync(`${path}.br`, brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${path}.gz`, gzipSync(code, { level: 9 }));
      }
    },
  };
}

function app(): UserConfig {
  return {
    build: {
      outDir: here('dist/widget'),
      emptyOutDir: true,
      target: 'es2020',
      lib: { entry: here('widget/app/main.tsx'), formats: ['es'], fileName: () => 'app.js' },
      // Library builds keep ES output readable by default; the widget is shipped, not imported, so
      // minify it all. Nothing bundles it again, so its /* @__PURE__ */ hints (some 300, ~300 B
      // brotli) would only be downloaded.
      rolldownOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: true, comments: { annotation: false } } },
    },
  };
}

function loader(): UserConfig {
  return {
    build: {
      outDir: here('dist'),
      emptyOutDir: false,
      target: 'es2020',
      lib: { entry: here('widget/loader.ts'), formats: ['iife'], name: 'KohtaamoLoader', fileName: () => 'widget.js' },
      // Imported constants written where they are used (deadline.ts's 20 s), not kept as variables.
      rolldownOptions: { optimization: { inlineConst: true } },
    },
  };
}

function consolePage(): UserConfig {
  return {
    root: here('demo/console'),
    // Relative: the page loads its assets beside it, wherever the server is (under a proxy's /chat/ too).
    base: './',
    build: { outDir: here('dist/console'), emptyOutDir: true, target: 'es2020' },
  };
}

const builds: Record<string, () => UserConfig> = { app, loader, console: consolePage };

export default defineConfig(({ mode }) => ({
  ...(builds[mode]?.() ?? {}),
  plugins: [precompress()],
  test: {
    // Timestamps in tests are formatted in one zone, whoever runs them.
    env: { TZ: 'UTC' },
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['protocol/**/*.test.ts', 'faq/**/*.test.ts', 'server/**/*.test.ts', 'bench/**/*.test.ts', 'tests/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['widget/**/*.test.{ts,tsx}', 'demo/**/*.test.{ts,tsx}'],
        },
      },
      {
        extends: true,
        test: {
          name: 'slow',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts', 'tests/chaos/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser or one chaos run at a time: two cores.
          fileParallelism: false,
        },
      },
    ],
  },
}));
