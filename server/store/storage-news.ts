// The operator's news of a store's writes (write-health.ts reports the changes): one line when
// they start failing, in words (storage-problem.ts), and one when they work again. The same
// failure again within a minute of its line, before writes worked, is counted, not said, and the
// count comes in one line at the minute's end with how writes are then. The line that writes
// work again ends that minute: a failure after it is a new outage, said at once, even on a disk
// that flaps, as /api/health fails at once too. So the log's last word on the storage is always true.
import { REPEATS_WINDOW_MS } from '../log-repeats';
import { DatabaseFileGone } from './database-file';
import { storageCause, storageProblem, storageWorksAgain } from './storage-problem';
import { failureKind, type WriteReport } from './write-health';

export function createStorageNews(file: string, log: (line: string) => void, windowMs = REPEATS_WINDOW_MS): WriteReport {
  let failing = false;
  /** Whether the latest line said writes fail. */
  let saidFailing = false;
  /** The failure last said, while its window lasts, and how often it came again since. */
  let folding: { kind: string; error: unknown; more: number } | null = null;

  const endWindow = (folded: { kind: string; error: unknown; more: number }) => {
    if (folding === folded) folding = null;
    const { more } = folded;
    if (more === 0) return;
    folded.more = 0;
    log(`Writes to ${file} failed again ${more === 1 ? 'once' : `${more} times`} in the last ${Math.round(windowMs / 1000)} s (${storageCause(file, folded.error)}); ${failing ? 'they still fail' : 'they work now'}.`);
    saidFailing = failing;
  };

  return {
    failing(error) {
      failing = true;
      // database-file.ts has said what happened and what to do.
      if (error instanceof DatabaseFileGone) return;
      const kind = failureKind(error);
      if (folding?.kind === kind) {
        folding.more++;
        return;
      }
      // Another cause: the count of the one before is said first.
      if (folding) endWindow(folding);
      log(storageProblem(file, error));
      saidFailing = true;
      const folded = { kind, error, more: 0 };
      folding = folded;
      setTimeout(() => endWindow(folded), windowMs).unref();
    },
    working(afterMs) {
      failing = false;
      // A failure folded into a count ends folded too; the count says how writes are at its end.
      if (!saidFailing) return;
      saidFailing = false;
      // The line ends the window: its repeats were of the outage it closes, and a failure after it
      // is a new outage, said at once, not only at the minute's end while /api/health already fails.
      if (folding) folding.more = 0;
      folding = null;
      log(storageWorksAgain(file, afterMs));
    },
  };
}
