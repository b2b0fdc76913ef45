// Calls back when a file changes (the FAQ, the agents file), so a site owner's edit takes effect
// without a restart. The directory is watched, not the file: editors save by writing a new file
// and renaming it.
import { watch } from 'node:fs';
import { basename, dirname } from 'node:path';

/** Quiet time after the last change before reloading: one save is often several events. */
const SETTLE_MS = 200;

export function watchFile(file: string, onChange: () => void): { close(): void } {
  const name = basename(file);
  let timer: NodeJS.Timeout | null = null;
  const watcher = watch(dirname(file), (_event, changed) => {
    if (changed !== null && changed !== name) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      onChange();
    }, SETTLE_MS);
  });
  // A vanished directory ends watching; the server keeps serving the FAQ it has.
  watcher.on('error', () => watcher.close());
  watcher.unref();
  return {
    close() {
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}
