// Calls back when a file changes (the FAQ, the agents file), so a site owner's edit takes effect
// without a restart. The directory is watched, not the file: editors save by writing a new file
// and renaming it. A file given as a symlink (my-faq.json -> shared/faq.json, a common deploy
// layout) is edited where it really is, so that folder is watched too, and followed when the link
// is re-pointed.
import { type FSWatcher, lstatSync, realpathSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

/** Quiet time after the last change before reloading: one save is often several events. */
const SETTLE_MS = 200;

export function watchFile(file: string, onChange: () => void): { close(): void } {
  let timer: NodeJS.Timeout | null = null;
  const changed = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      followLink();
      onChange();
    }, SETTLE_MS);
  };
  const named = watchName(file, changed);
  /** The file the symlink points to, and its watch; null when `file` is no symlink. */
  let target: { path: string; watcher: FSWatcher } | null = null;
  const followLink = () => {
    const path = linkTarget(file);
    if (path === target?.path) return;
    target?.watcher.close();
    target = null;
    try {
      if (path !== null) target = { path, watcher: watchName(path, changed) };
    } catch {
      // Its folder went between reading the link and watching it: the link's own watch still
      // sees the link re-pointed.
    }
  };
  followLink();
  return {
    close() {
      if (timer) clearTimeout(timer);
      named.close();
      target?.watcher.close();
    },
  };
}

/** Watches the folder `file` is in for events about that name. */
function watchName(file: string, onEvent: () => void): FSWatcher {
  const name = basename(file);
  const watcher = watch(dirname(file), (_event, changed) => {
    if (changed === null || changed === name) onEvent();
  });
  // A vanished directory ends watching; the server keeps serving the file it has.
  watcher.on('error', () => watcher.close());
  watcher.unref();
  return watcher;
}

/** The file a symlink at `file` finally points to; null when `file` is no symlink or points nowhere. */
function linkTarget(file: string): string | null {
  try {
    return lstatSync(file).isSymbolicLink() ? realpathSync(file) : null;
  } catch {
    return null;
  }
}
