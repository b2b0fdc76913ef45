// A FAQ (or saved replies) file's text made into what the server serves: checked, linted, built
// into the search bundle, hashed and compressed; the widget's FAQ also in its lean form
// (faq/wire.ts). Seconds of work for a large FAQ (a 1,000-entry one: 1.4 s to check and lint,
// 1.1 s to build, 0.9 s to compress, and the lean form's compression about two thirds of that
// again), so faq-file.ts runs it in a worker thread, never on the event loop that answers
// visitors and agents.
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildFaqBundle, describeFaqProblem, readFaqText, type FaqBundle, type FaqSearchOptions } from '../faq';
import { leanBundle } from '../faq/wire';

export interface FaqBuildInput {
  text: string;
  file: string;
  options: Partial<FaqSearchOptions>;
  /**
   * What people call the file, and what to do about its problems: at start another file can be
   * passed; on an edit of a running server's file, only the file can be fixed (faq-file.ts).
   */
  kind: { name: string; fix: string };
  /** Whether the JSON is also compressed, for clients that take brotli or gzip (http-kit.ts sendPrecompressed). */
  compress: boolean;
  /** Whether to make the lean form too, for the widget's GET /api/faq?v=2 (the saved replies go to the console only). */
  lean: boolean;
}

/** The encodings GET /api/faq sends the bundle in, to clients that take them. */
export type FaqEncoding = 'br' | 'gzip';

/** One form of the bundle as served: its JSON, its ETag, and it compressed once per encoding (none when not asked for). */
export interface FaqServedForm {
  json: string;
  etag: string;
  bodies: Partial<Record<FaqEncoding, Uint8Array>>;
}

export type FaqBuilt =
  /** The plain `{ bundle }`, and when asked for the `lean` one; each entry's id and question, in the file's order. */
  | (FaqServedForm & { questions: [id: string, question: string][]; warnings: number; lean?: FaqServedForm })
  /** The file has problems: what to fix, every one on its own line. */
  | { problem: string };

export function buildFaqFile({ text, file, options, kind, compress, lean }: FaqBuildInput): FaqBuilt {
  const { entries, problems, warnings } = readFaqText(text, file);
  if (problems.length > 0) {
    const lines = problems.map((p) => `  ${describeFaqProblem(p)}`);
    return { problem: `The ${kind.name} file has ${problems.length} problem(s); ${kind.fix}:\n${lines.join('\n')}` };
  }
  const bundle = buildFaqBundle(entries, options);
  const plain = served(JSON.stringify({ bundle }), compress);
  const leanOne = lean ? leanForm(bundle, compress) : undefined;
  return { ...plain, questions: entries.map((e) => [e.id, e.question]), warnings: warnings.length, ...(leanOne ? { lean: leanOne } : {}) };
}

function served(json: string, compress: boolean): FaqServedForm {
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 22)}"`;
  const bodies = compress ? { br: brotliCompressSync(json, BROTLI), gzip: gzipSync(json, { level: 9 }) } : {};
  return { json, etag, bodies };
}

/**
 * The widget's lean form, or none for a bundle it cannot carry exactly (leanBundle checks; no
 * FAQ makes one today): the widget then gets the plain one at ?v=2 too, which it reads as well.
 * A faster FAQ for visitors is never worth a server that does not start.
 */
function leanForm(bundle: FaqBundle, compress: boolean): FaqServedForm | undefined {
  const json = leanJson(bundle);
  return json === undefined ? undefined : served(json, compress);
}

/** The lean form's JSON, or undefined when `leanBundle` cannot carry this bundle exactly. */
export function leanJson(bundle: FaqBundle): string | undefined {
  try {
    return JSON.stringify(leanBundle(bundle));
  } catch {
    return undefined;
  }
}

// Quality 10, not 11: on a 1,000-entry FAQ's 2.18 MB of JSON, 11 took 2.9 s for 216.8 KB, 10 0.8 s
// for 220.5 KB (1.7 % more), 9 0.09 s for 235.1 KB (8.4 % more); gzip -9 0.06 s for 592 KB. Every
// visitor downloads it, and the server compresses it once per edit, off the event loop.
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 10, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } };
