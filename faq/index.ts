// The FAQ module: validation, search with a decision, the prebuilt bundle, safe Markdown.
// Pure: no DOM and no Node APIs, so the widget and the server share it.
import type { FaqEntry, FaqProblem, FaqSearchWithExplain } from './types';
import { parseFaqMd } from './md-format';
import { buildFaqBundle } from './bundle';
import type { FaqSearchOptions } from './options';
import { searchFromBundle } from './search';
import { validateStructure, type FaqValidation } from './validate';
import { lintFaq } from './lint';
import { lintMarkdown } from './markdown-lint';
import { faultPosition, lineColumn } from './json-position';

export type * from './types';
export type { FaqBundle, BundleTopic } from './bundle';
export type { FaqSearchOptions } from './options';
export type { FaqValidation } from './validate';
export { DEFAULT_OPTIONS, parseFaqOptions } from './options';
export { buildFaqBundle } from './bundle';
export { searchFromBundle } from './search';
export { parseMarkdown, safeHref } from './markdown';
export { detectLang } from './lang';
export { parseFaqMd, toFaqMd } from './md-format';

/** Validates parsed JSON (the file's name goes into every problem) and warns about weak entries. */
export function validateFaq(data: unknown, file: string): FaqValidation {
  const result = validateStructure(data, file);
  if (result.problems.length > 0) return result;
  return { ...result, warnings: [...lintFaq(result.entries, file), ...lintMarkdown(result.entries, file)] };
}

/** A problem as one line for people: where (file:line, entry, id, field), then what to fix. */
export function describeFaqProblem(p: FaqProblem): string {
  const file = p.line !== undefined ? `${p.file}:${p.line}` : p.file;
  const where = [file, p.entry !== undefined ? `entry ${p.entry}` : '', p.id ? `(${p.id})` : '', p.field ? `field "${p.field}"` : ''];
  return `${where.filter(Boolean).join(' ')}: ${p.message}`;
}

/**
 * A FAQ file's text, read and checked: Markdown when its name ends in .md (md-format.ts), else
 * JSON. Every problem names the file and, as far as it can, the entry, field and Markdown line.
 */
export function readFaqText(raw: string, file: string): FaqValidation {
  // Editors on Windows may start a file with a byte order mark, which is no part of the FAQ.
  const text = raw.replace(/^\uFEFF/, '');
  if (/\.(md|markdown)$/i.test(file)) {
    const read = parseFaqMd(text, file);
    const checked = validateFaq(read.data, file);
    const withLine = (p: FaqProblem) => (p.entry !== undefined && p.line === undefined ? { ...p, line: read.lines[p.entry] } : p);
    return { entries: checked.entries, problems: [...read.problems, ...checked.problems.map(withLine)], warnings: checked.warnings.map(withLine) };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { entries: [], problems: [{ file, message: `cannot read the FAQ as JSON: ${jsonFault((error as Error).message, text)} (a Markdown FAQ needs a name ending in .md)` }], warnings: [] };
  }
  return validateFaq(data, file);
}

/** The parser's message, and where in the file: Node 20 gives only a character offset. */
function jsonFault(message: string, text: string): string {
  const at = faultPosition(message, text);
  if (at === null) return message;
  const { line, column } = lineColumn(text, at);
  return `${message}, at line ${line}, column ${column}`;
}

export function createFaqSearch(entries: FaqEntry[], options?: Partial<FaqSearchOptions>): FaqSearchWithExplain {
  return searchFromBundle(buildFaqBundle(entries, options));
}
