import { mkdir, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { watchFile } from './file-watch';
import { tempDir, until } from './test-support';

// A common deploy layout: the file the server is given is a symlink into a shared folder, and
// the site owner edits the file it points to.
let dir: { dir: string; remove(): Promise<void> };
let watching: { close(): void } | null = null;
let changes = 0;
const link = () => join(dir.dir, 'my-faq.json');
const shared = (name: string) => join(dir.dir, 'shared', name);

beforeEach(async () => {
  dir = await tempDir();
  await mkdir(join(dir.dir, 'shared'));
  await writeFile(shared('faq.json'), '[]');
  await writeFile(shared('other.json'), '[]');
  await symlink(join('shared', 'faq.json'), link());
  changes = 0;
  watching = watchFile(link(), () => changes++);
});
afterEach(async () => {
  watching?.close();
  await dir.remove();
});

/** Waits until a change is told, then resets the count. */
const told = async () => {
  await until(() => changes > 0);
  changes = 0;
};

it('tells an edit of the file a symlink points to', async () => {
  await writeFile(shared('faq.json'), '[1]');
  await told();
});

it('tells an editor saving the file a symlink points to by renaming a new file over it', async () => {
  await writeFile(shared('faq.json.tmp'), '[1]');
  await rename(shared('faq.json.tmp'), shared('faq.json'));
  await told();
});

it('tells the symlink re-pointed, and then edits of the file it points to now', async () => {
  await symlink(join('shared', 'other.json'), join(dir.dir, 'next.json'));
  await rename(join(dir.dir, 'next.json'), link());
  await told();
  await writeFile(shared('other.json'), '[2]');
  await told();
});
