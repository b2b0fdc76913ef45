// `npm run bench`: runs every `bench/*.bench.ts` in name order. Each prints its own table and
// measures against a reference in the same run (never against a number from another machine).
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();
for (const file of files) {
  console.log(`\n# ${file}`);
  const mod = (await import(pathToFileURL(dir + file).href)) as { run?: () => Promise<void> };
  await mod.run?.();
}
