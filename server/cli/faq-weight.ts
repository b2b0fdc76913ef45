// A large FAQ told before it costs: `serve` says it is reading one (checking and building a FAQ of
// tens of MB takes minutes, with nothing listening meanwhile), and `faq validate` warns when what
// the widget downloads (GET /api/faq, built and compressed as faq-build.ts does) would be large.
import { stat } from 'node:fs/promises';
import { brotliCompressSync, constants } from 'node:zlib';
import { buildFaqBundle, type FaqEntry, type FaqSearchOptions } from '../../faq/index';
import { leanJson } from '../faq-build';

/** A FAQ file above this is said to be read before the start goes quiet (a 1,000-entry FAQ is about 0.5 MB and takes seconds). */
export const LARGE_FAQ_FILE = 2 * 1024 * 1024;
/**
 * Above this many bytes over the wire (brotli, as browsers get it), validate warns. A 1,000-entry
 * FAQ is about 220 KB; 1 MB takes 8 s on a 1 Mbit/s mobile connection before the first answer.
 */
export const LARGE_FAQ_DOWNLOAD = 1024 * 1024;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const kb = (bytes: number) => (bytes >= 1024 * 1024 ? mb(bytes) : `${Math.round(bytes / 1024)} KB`);

/** The line `serve` prints before it reads a large FAQ (or saved replies) file; null for a small one or one it cannot stat (the read says why). */
export async function readingNotice(file: string, name = 'FAQ', limit = LARGE_FAQ_FILE): Promise<string | null> {
  const size = await stat(file).then((s) => s.size, () => null);
  if (size === null || size <= limit) return null;
  return `Reading the ${name} ${file} (${mb(size)}): checking and building a file this large takes a while, minutes for tens of MB; the server listens when it is done.`;
}

/**
 * What the widget's GET /api/faq?v=2 would weigh for these entries: the JSON as faq-build.ts makes it, and its
 * brotli at quality 9, not the server's 10: within a tenth of it, and ten times faster on a large FAQ.
 */
export function faqDownloadBytes(entries: FaqEntry[], options: Partial<FaqSearchOptions> = {}): { json: number; brotli: number } {
  const bundle = buildFaqBundle(entries, options);
  // The widget's lean form (GET /api/faq?v=2); the plain one when it cannot carry this FAQ, as the server serves then.
  const json = Buffer.from(leanJson(bundle) ?? JSON.stringify({ bundle }));
  const params = { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: json.length };
  return { json: json.length, brotli: brotliCompressSync(json, { params }).length };
}

/** validate's warning when the widget's download would be large, else null. */
export function downloadWarning(entries: FaqEntry[], limit = LARGE_FAQ_DOWNLOAD): string | null {
  const { json, brotli } = faqDownloadBytes(entries);
  if (brotli <= limit) return null;
  const seconds = Math.ceil((brotli * 8) / 1_000_000);
  return (
    `large: the widget downloads this FAQ (GET /api/faq) as about ${kb(brotli)} compressed, ${mb(json)} of JSON, when a visitor first opens the chat; ` +
    `on a 1 Mbit/s mobile connection that is ${seconds} s before the first answer, and the phone then parses it all. ` +
    `Keep it under ${kb(limit)}: shorten long answers, or move rarely asked entries to a page the answers link to`
  );
}
