// What the widget loads: searching a prebuilt bundle and rendering answers. Building bundles,
// validating and the lexicon stay on the server (faq/index), out of the visitor's bytes.
import type { FaqBundle } from './bundle';
import { parseMarkdown } from './markdown';
import { searchFromBundle } from './search';
import { readLeanBundle, type LeanBundle } from './wire';

export { searchFromBundle, parseMarkdown };

/** Lets the page handle input and paint between the steps of loading a large FAQ. */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve));

/**
 * The search and the Markdown parser, from the answer to GET /api/faq?v=2: the lean bundle
 * (wire.ts), or the plain `{ bundle }` from a server that predates it. Reading the text,
 * parsing it, unpacking it and indexing it are each a task of their own, so that no one of them
 * holds the visitor's page for the time of all: tens of milliseconds each on a phone for a
 * 1,000-entry FAQ (bench/faq-load.bench.ts).
 */
export async function faqFrom(res: Response) {
  if (!res.ok) throw new Error(`GET /api/faq: ${res.status}`);
  const text = await res.text();
  await pause();
  const body = JSON.parse(text) as LeanBundle | { bundle: FaqBundle };
  await pause();
  const bundle = 'bundle' in body ? body.bundle : readLeanBundle(body);
  await pause();
  return { search: searchFromBundle(bundle), parse: parseMarkdown };
}
