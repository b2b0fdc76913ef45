// What `kohtaamo serve` says at start when the widget or console build (dist/) is missing: the
// chat would run, but pages could not load the widget and agents could not open the console.
// In a clone, `npm run build` makes them (served as soon as they exist: the files are looked up
// per request); an installed package ships them, so one without them is a broken install.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The built files the server cannot do without, and what answers 404 without each. */
const BUILT = [
  { file: 'dist/widget.js', what: 'the widget your pages load, /widget.js' },
  { file: 'dist/console/index.html', what: 'the agent console, /console/' },
] as const;

/** Whether `root` is the project's source (a clone), where the build tools are: its Vite config is not in the package. */
const isClone = (root: string) => existsSync(join(root, 'vite.config.ts'));

export interface MissingBuild {
  /** Whether the console's page is missing (its banner line says so). */
  console: boolean;
  /** The banner's warning lines; none when both are built. */
  lines: string[];
}

export function missingBuild(root: string): MissingBuild {
  const missing = BUILT.filter(({ file }) => !existsSync(join(root, file)));
  if (missing.length === 0) return { console: false, lines: [] };
  const todo = isClone(root)
    ? `Build it with \`npm run build\` in ${resolve(root)}; no restart needed.`
    : `This installed package is incomplete (it ships dist/): reinstall it (npm install kohtaamo, or your tarball again), then restart.`;
  return {
    console: missing.some(({ file }) => file === 'dist/console/index.html'),
    lines: [`Warning: not built, so it answers 404: ${missing.map(({ file, what }) => `${what} (no ${join(root, file)})`).join('; ')}. ${todo}`],
  };
}
