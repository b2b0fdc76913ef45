// The FAQ module: validation, search with a decision, the prebuilt bundle, safe Markdown.
// Pure: no DOM and no Node APIs, so the widget and the server share it.
import type { FaqEntry, FaqSearchWithExplain } from './types';
import { buildFaqBundle } from './bundle';
import type { FaqSearchOptions } from './options';
import { searchFromBundle } from './search';
import { validateStructure, type FaqValidation } from './validate';
import { lintFaq } from './lint';

export type * from './types';
export type { FaqBundle, BundleTopic } from './bundle';
export type { FaqSearchOptions } from './options';
export type { FaqValidation } from './validate';
export { DEFAULT_OPTIONS, parseFaqOptions } from './options';
export { buildFaqBundle } from './bundle';
export { searchFromBundle } from './search';
export { parseMarkdown, safeHref } from './markdown';
export { detectLang } from './lang';

/** Validates parsed JSON (the file's name goes into every problem) and warns about weak entries. */
export function validateFaq(data: unknown, file: string): FaqValidation {
  const result = validateStructure(data, file);
  if (result.problems.length > 0) return result;
  return { ...result, warnings: lintFaq(result.entries, file) };
}

export function createFaqSearch(entries: FaqEntry[], options?: Partial<FaqSearchOptions>): FaqSearchWithExplain {
  return searchFromBundle(buildFaqBundle(entries, options));
}
