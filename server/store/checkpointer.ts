// WAL checkpoints copy the log back into the database file. Run inline (SQLite's automatic
// checkpoint) they stall the event loop for 80–180 ms under load, so a worker thread with
// its own connection does them instead, off the hot path.
//
// A passive checkpoint never waits for anyone, but under a steady stream of writes it never
// catches up either: a writer only starts the log again from its beginning when a checkpoint
// has copied every frame, and by the time one finishes the next commit has appended more. So
// the log grew for as long as the writes went on (155 MB beside a 2.6 MB database), and a log
// file never gets smaller by itself. Past `limitBytes` the worker therefore also runs a
// TRUNCATE checkpoint, which holds new writers off while it copies what the passive one left
// and empties the file; its busy timeout is short, so a reader that is slow to finish makes it
// give up until the next round rather than keep the server's writes (on the main thread,
// synchronous) waiting.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * How large the log may grow before it is emptied; also SQLite's `journal_size_limit`, to which
 * a writer cuts the file back when it starts the log again. A chat writes a few KB a second;
 * only files (10 MB each at most) make it this big between rounds.
 */
export const WAL_LIMIT_BYTES = 16 * 1024 * 1024;
/** How long a TRUNCATE checkpoint waits for the writer lock and for readers: the longest it delays a write. */
const TRUNCATE_BUSY_MS = 50;

const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.driver);
// Never creates the file: the worker starts a moment after the server opened it (longer on a
// busy machine), and a file deleted meanwhile must stay gone for database-file.ts to see it,
// not come back as an empty database at the path.
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = ' + workerData.busyMs);
db.pragma('journal_size_limit = ' + workerData.limitBytes);
const walBytes = () => {
  try { return statSync(workerData.file + '-wal').size; } catch { return 0; }
};
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    if (walBytes() > workerData.limitBytes) db.pragma('wal_checkpoint(TRUNCATE)');
  } catch { /* busy: the next round catches up */ }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.postMessage('closed');
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  /** How often the worker checkpoints. */
  everyMs: number;
  /** Past this size the log is emptied (WAL_LIMIT_BYTES; tests pass less). */
  limitBytes: number;
}

/** `onFail` runs if the worker dies, so the caller can go back to checkpointing inline. */
export function startCheckpointer(file: string, { everyMs, limitBytes }: CheckpointerOptions, onFail: () => void): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver: require.resolve('better-sqlite3'), file, everyMs, limitBytes, busyMs: TRUNCATE_BUSY_MS },
  });
  let stopping = false;
  // Resolves once the thread has ended, however it ended: a worker that died earlier (it could not
  // open the database) answers no stop, and the server's close would wait for it for ever.
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  // Without a listener a worker's error would end the whole process.
  worker.on('error', () => {
    if (!stopping) onFail();
  });
  worker.unref();
  return {
    stop: () => {
      stopping = true;
      worker.once('message', () => void worker.terminate());
      worker.postMessage('stop');
      return exited;
    },
  };
}
