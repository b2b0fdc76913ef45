// The operator's news of a store's writes (write-health.ts reports the changes): one line when
// they start failing, in words (storage-problem.ts), and one when they work again. The same
// failure again within a minute of its line, before writes worked, is counted, not said, and the
// count comes in one line at the minute's end with how writes are then. A failure after the line
// that writes work again is a new outage, said at once, as /api/health fails at once too; but
// once a minute: a disk that flaps (nearly full) would otherwise write two lines a flap, onto
// that disk. Its later flaps in the minute come as the count at the minute's end, which says how
// writes are then: the log's last word on the storage is true within the minute.
import { REPEATS_WINDOW_MS } from '../log-repeats';
import { DatabaseFileGone } from './database-file';
import { storageCause, storageProblem, storageWorksAgain } from './storage-problem';
import { failureKind, type WriteReport } from './write-health';

interface Folding {
  kind: string;
  error: unknown;
  more: number;
  saidAgain: boolean;
}

export function createStorageNews(file: string, log: (line: string) => void, windowMs = REPEATS_WINDOW_MS): WriteReport {
  let failing = false;
  /** Whether the latest line said writes fail. */
  let saidFailing = false;
  /** The failure last said, while its window lasts, how often it came again since, and whether
   *  its one new outage after writes worked again was said. */
  let folding: Folding | null = null;

  const endWindow = (folded: Folding) => {
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
        if (saidFailing || folding.saidAgain) folding.more++;
        else {
          folding.saidAgain = true;
          log(storageProblem(file, error));
          saidFailing = true;
        }
        return;
      }
      // Another cause: the count of the one before is said first.
      if (folding) endWindow(folding);
      log(storageProblem(file, error));
      saidFailing = true;
      const folded: Folding = { kind, error, more: 0, saidAgain: false };
      folding = folded;
      setTimeout(() => endWindow(folded), windowMs).unref();
    },
    working(afterMs) {
      failing = false;
      // A failure folded into a count ends folded too; the count says how writes are at its end.
      if (!saidFailing) return;
      saidFailing = false;
      // Its repeats were of the outage the line closes: they are not counted later as if writes
      // failed then.
      if (folding) folding.more = 0;
      log(storageWorksAgain(file, afterMs));
    },
  };
}
