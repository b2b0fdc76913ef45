// The dependency rule of DESIGN.md, checked: protocol/ and faq/ import nothing of ours,
// widget/ and server/ never import each other, and the demo console imports neither.
import { readdirSync, readFileSync, statSync } from 'node:fs';
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
