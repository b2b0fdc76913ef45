import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { ENV, FLAGS } from './flags';

it("has a row for every serve flag and its environment variable in server/README.md's flag table", async () => {
  const rows = (await readFile(new URL('./README.md', import.meta.url), 'utf8')).split('\n').filter((line) => line.startsWith('| `--'));
  const missing = FLAGS.filter((flag) => !rows.some((row) => new RegExp(`\`--${flag}[\` ]`).test(row) && row.includes(`\`${ENV[flag]}\``)));
  expect(missing).toEqual([]);
});
