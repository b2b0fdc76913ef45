// The installed release, from the package's own package.json (`kohtaamo --version`, serve's banner):
// what to name in a bug report, and what `npm install kohtaamo@…` changed.
import { readFileSync } from 'node:fs';

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}
