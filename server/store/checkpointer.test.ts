// The checkpoint worker opens the database by its path a moment after the server did. A file
// deleted in that moment (seen in CI as a full run loaded the machine) must not come back as an
// empty database at the path: the server would take it for a replaced file, and a restart would
// open the empty one.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startCheckpointer } from './checkpointer';
import { tempDir } from '../test-support';

it('never creates the database file it checkpoints, and says it failed so the server checkpoints inline', async () => {
  const dir = await tempDir();
  try {
    const file = join(dir.dir, 'kohtaamo.sqlite');
    const failed = new Promise<void>((resolve) => {
      startCheckpointer(file, { everyMs: 10, limitBytes: 1024 }, resolve);
    });
    await failed;
    expect(existsSync(file)).toBe(false);
  } finally {
    await dir.remove();
  }
});

it('stops at once when its worker has already died', async () => {
  const dir = await tempDir();
  try {
    let failed!: () => void;
    const died = new Promise<void>((resolve) => (failed = resolve));
    const checkpointer = startCheckpointer(join(dir.dir, 'gone.sqlite'), { everyMs: 10, limitBytes: 1024 }, () => failed());
    await died;
    await checkpointer.stop();
  } finally {
    await dir.remove();
  }
}, 3000);
