// `mkdir -p` that ends. Node's recursive mkdir takes every ENOENT for a missing parent: under
// /proc or /sys, which say ENOENT for a directory they will not make, it makes the parent (there
// already) and tries again, for ever, and `serve --data /proc/x` hung without a word
// (nodejs/node's MKDirp; the same loop was fixed in Bun, oven-sh/bun#36162). Here each missing
// part is made once, top down, and a second ENOENT, with the parent there, is the answer.
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** Makes `dir` once: null when it is now there as a directory (made, or already), else why not. */
async function makeOne(dir: string, mode: number): Promise<NodeJS.ErrnoException | null> {
  const error = await mkdir(dir, { mode }).then(
    () => null,
    (refused: NodeJS.ErrnoException) => refused,
  );
  if (error?.code !== 'EEXIST') return error;
  return (await stat(dir).catch(() => null))?.isDirectory() ? null : error;
}

/** Makes `dir` and its missing parents with `mode`; one that exists keeps its own. Fails as mkdir does. */
export async function makeDirectory(dir: string, mode: number): Promise<void> {
  const path = resolve(dir);
  const error = await makeOne(path, mode);
  if (error === null) return;
  if (error.code !== 'ENOENT' || dirname(path) === path) throw error;
  await makeDirectory(dirname(path), mode);
  const again = await makeOne(path, mode);
  if (again !== null) throw again;
}
