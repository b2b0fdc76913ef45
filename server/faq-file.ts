// The FAQ, and the agents' saved replies written in the same format, as the server serves them:
// read and checked at start, where any problem stops the start with every problem listed; read
// again whenever the file changes, and served instead only when the new one is valid.
//
// Checking and building a file takes seconds for a large FAQ (faq-build.ts). At start it is done
// right here: the server is not listening yet, so nobody waits, and a worker would add a third of a
// second to every start. An edit is built in a worker thread, so that the server keeps answering
// visitors and agents meanwhile.
import { Worker } from 'node:worker_threads';
import type { FaqSearchOptions } from '../faq';
import { buildFaqFile, type FaqBuildInput, type FaqBuilt, type FaqEncoding, type FaqServedForm } from './faq-build';
import { watchFile } from './file-watch';
import { StartError } from './start-error';
import { readUtf8File } from './text-file';

/** Which file it is, in messages: what people call it and the flag that names it; and whether it is served compressed. */
export interface AnswersFileKind {
  name: string;
  flag: string;
  /** Both are: the widget's FAQ to every visitor (faq-http.ts), the saved replies to the console at each login (console-http.ts). */
  compressed: boolean;
  /** Whether the widget reads it, in the lean form (faq/wire.ts) of GET /api/faq?v=2: the FAQ only. */
  lean: boolean;
}
export const FAQ_FILE: AnswersFileKind = { name: 'FAQ', flag: '--faq', compressed: true, lean: true };
export const REPLIES_FILE: AnswersFileKind = { name: 'saved replies', flag: '--replies', compressed: true, lean: false };

/** One form of the bundle, ready to send. */
export interface FaqServed {
  json: string;
  etag: string;
  /**
   * The JSON compressed, made with it (before it is served, off the event loop on an edit), so no
   * request waits for brotli; one copy per encoding of the file served.
   */
  bodies: ReadonlyMap<FaqEncoding, Buffer>;
}

/** `json`: `{ bundle }`, as GET /api/faq (or /api/replies) sends it. */
export interface FaqLoaded extends FaqServed {
  entries: number;
  warnings: number;
  ids: ReadonlySet<string>;
  /** Each entry's question, by id: what a handoff's steps show as the bot's (handoff-steps.ts), never the handoff's own copy. */
  questions: ReadonlyMap<string, string>;
  /** The widget's FAQ only: the lean bundle (faq/wire.ts), as GET /api/faq?v=2 sends it. */
  lean?: FaqServed;
}

async function readAnswersFile(file: string, kind: AnswersFileKind): Promise<string> {
  try {
    return await readUtf8File(file);
  } catch (error) {
    throw new StartError(`Cannot read the ${kind.name} file ${file}: ${(error as Error).message}`);
  }
}

/** Reads and builds the file on this thread: for the start, before the server listens. */
export async function loadFaqBundle(file: string, options: Partial<FaqSearchOptions> = {}, kind = FAQ_FILE): Promise<FaqLoaded> {
  return loaded(buildFaqFile(buildInput(await readAnswersFile(file, kind), file, options, kind, 'start')));
}

/** A build served; problems in the file throw a StartError. */
function loaded(built: FaqBuilt): FaqLoaded {
  if ('problem' in built) throw new StartError(built.problem);
  const lean = built.lean ? { lean: ready(built.lean) } : {};
  return { ...ready(built), entries: built.questions.length, warnings: built.warnings, ids: new Set(built.questions.map(([id]) => id)), questions: new Map(built.questions), ...lean };
}

function ready({ json, etag, bodies }: FaqServedForm): FaqServed {
  // From a worker, the bytes come as a Uint8Array (structured clone): the same memory, as a Buffer.
  return { json, etag, bodies: new Map(Object.entries(bodies).map(([encoding, bytes]) => [encoding as FaqEncoding, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)])) };
}

/**
 * What to do about problems in the file: at start, fix it or name another; once running, another
 * file would take a restart, so only fixing this one helps (the previous one is served meanwhile).
 */
const fixAdvice = (kind: AnswersFileKind, when: 'start' | 'edit'): string =>
  when === 'start' ? `fix them or pass another file with ${kind.flag}` : 'fix them in the file and save it: each save is checked again, and the previous one is served until one is valid';

const buildInput = (text: string, file: string, options: Partial<FaqSearchOptions>, kind: AnswersFileKind, when: 'start' | 'edit'): FaqBuildInput => ({
  text,
  file,
  options,
  kind: { name: kind.name, fix: fixAdvice(kind, when) },
  compress: kind.compressed,
  lean: kind.lean,
});

/** Serves `first`, and from each valid edit of the file on, that; an invalid edit is reported and changes nothing. */
export function servedFaqFile(file: string, options: Partial<FaqSearchOptions>, kind: AnswersFileKind, first: FaqLoaded, info: (line: string) => void) {
  let current = first;
  // The reload under way: a newer edit stops it, and only the newest one's result is served.
  let latest: AbortController | null = null;
  /** Whether the last edit checked was refused: then one that serves the same is the file put back. */
  let broken = false;
  const name = kind.name[0]!.toUpperCase() + kind.name.slice(1);
  const reload = async () => {
    latest?.abort();
    const mine = (latest = new AbortController());
    try {
      const text = await readAnswersFile(file, kind);
      if (mine.signal.aborted) return;
      info(`${name} file changed: checking it; the previous one is served meanwhile`);
      const next = await buildInWorker(buildInput(text, file, options, kind, 'edit'), mine.signal);
      if (mine.signal.aborted) return;
      // Said either way, so "checking it" is never the last word (after a broken edit put back, it was).
      if (next.etag === current.etag) info(`${name} file is ${broken ? 'back to' : 'the same as'} the one served: nothing changed`);
      else info(`${name} reloaded: ${counted(next.entries, 'entry', 'entries')}${next.warnings ? `, ${counted(next.warnings, 'warning', 'warnings')}: see ${next.warnings === 1 ? 'it' : 'them'} with npx kohtaamo faq validate ${file}` : ''}`);
      current = next;
      broken = false;
    } catch (error) {
      if (mine.signal.aborted) return;
      broken = true;
      info(`${name} not reloaded, still serving the previous one. ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      if (latest === mine) latest = null;
    }
  };
  const watch = watchFile(file, () => void reload());
  return {
    current: () => current,
    close: () => {
      watch.close();
      latest?.abort();
    },
  };
}

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

// Plain JavaScript, run as is: it registers tsx in its own thread and imports faq-build.ts through it.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
(async () => {
  const { register } = await import(workerData.tsx);
  register();
  const { buildFaqFile } = await import(workerData.build);
  parentPort.postMessage(buildFaqFile(workerData.input));
})();
`;
// Resolved here, where the server's modules are: the worker's own code has no module to resolve from.
const TSX = import.meta.resolve('tsx/esm/api');
const BUILD = new URL('./faq-build.ts', import.meta.url).href;

/** Builds in a thread of its own, which ends with the build or when `signal` aborts. Problems in the file reject with a StartError. */
function buildInWorker(input: FaqBuildInput, signal?: AbortSignal): Promise<FaqLoaded> {
  return new Promise<FaqLoaded>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { tsx: TSX, build: BUILD, input } });
    const stop = () => void worker.terminate();
    signal?.addEventListener('abort', stop, { once: true });
    worker.once('message', (built: FaqBuilt) => {
      try {
        resolve(loaded(built));
      } catch (error) {
        reject(error);
      }
    });
    // Without a listener a worker's error would end the whole process. A build that failed (a
    // bug, out of memory) is told like a broken file: the previous FAQ stays.
    worker.once('error', (error) => reject(new Error(`Building the ${input.kind.name} from ${input.file} failed: ${error.message}`, { cause: error })));
    // Settles the promise however the thread ended (a second settling is ignored).
    worker.once('exit', (code) => {
      signal?.removeEventListener('abort', stop);
      reject(signal?.aborted ? new Error('Stopped: a newer edit or the server closing') : new Error(`Building the ${input.kind.name} from ${input.file} stopped (exit code ${code})`));
    });
  });
}
