// The dependency rule of DESIGN.md, checked: protocol/ and faq/ import nothing of ours,
// widget/ and server/ never import each other, and the demo console imports neither; and,
// inside each, no two modules import each other, however roundabout (STYLE.md: one-way).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FOLDERS = ['protocol', 'faq', 'widget', 'server', 'demo'] as const;
type Folder = (typeof FOLDERS)[number];

/** Which of our top-level folders each folder may import. */
const ALLOWED: Record<Folder, Folder[]> = {
  protocol: [],
  faq: [],
  widget: ['protocol', 'faq'],
  server: ['protocol', 'faq'],
  demo: ['protocol', 'faq'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => (m[1] ?? m[2]) as string);
}

describe('dependency direction', () => {
  for (const folder of FOLDERS) {
    it(`${folder}/ imports only ${ALLOWED[folder].join(', ') || 'nothing of ours'}`, () => {
      const wrong: string[] = [];
      for (const file of sourceFiles(join(root, folder))) {
        for (const spec of importsOf(file)) {
          if (!spec.startsWith('.')) continue;
          const target = relative(root, resolve(dirname(file), spec)).split(/[\\/]/)[0] as Folder;
          if (target !== folder && FOLDERS.includes(target) && !ALLOWED[folder].includes(target)) {
            wrong.push(`${relative(root, file)} imports ${spec}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('protocol/ and faq/ use no DOM or Node module', () => {
    const wrong = ['protocol', 'faq']
      .flatMap((folder) => sourceFiles(join(root, folder)))
      .filter((file) => !file.endsWith('.test.ts'))
      .flatMap((file) => importsOf(file).filter((s) => s.startsWith('node:')).map((s) => `${relative(root, file)} imports ${s}`));
    expect(wrong).toEqual([]);
  });
});

/** The module a relative import names: the file itself, or the folder's index. */
function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find((p) => existsSync(p) && statSync(p).isFile());
}

/**
 * Modules that import each other, each such group as `a > b > c`. Static imports only, `import
 * type` too: an `import()` is a chunk loaded later (the widget's words, its app), which by design
 * points back at who loads it.
 */
function cycles(files: string[]): string[] {
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const specs = [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => m[1]).filter((s): s is string => s?.startsWith('.') === true);
    edges.set(file, specs.map((s) => resolveImport(file, s)).filter((p): p is string => p !== undefined && /\.tsx?$/.test(p)));
  }
  // Tarjan's strongly connected components: a component of more than one module is a cycle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v) as number);
    stack.push(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (stack.includes(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w !== undefined) group.push(w);
      } while (w !== undefined && w !== v);
      if (group.length > 1) found.push(group.map((f) => relative(root, f)).sort().join(' > '));
    }
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return found;
}

describe('no import cycles', () => {
  for (const folder of FOLDERS) {
    it(`in ${folder}/`, () => {
      expect(cycles(sourceFiles(join(root, folder)))).toEqual([]);
    });
  }
});
