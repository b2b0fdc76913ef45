// The FAQ module: validation, search with a decision, the prebuilt bundle, safe Markdown.
// Pure: no DOM and no Node APIs, so the widget and the server share it.
import type { FaqEntry, FaqProblem, FaqSearchWithExplain } from './types';
import { parseFaqMd } from './md-format';
import { buildFaqBundle } from './bundle';
import type { FaqSearchOptions } from './options';
import { searchFromBundle } from './search';
import { entryByNumber, validateStructure, type EntryName, type FaqValidation } from './validate';
import { lintFaq } from './lint';
import { lintMarkdown } from './markdown-lint';
import { faultPosition, lineColumn, lineColumnFinder } from './json-position';
import { locateEntries, type EntryPlace } from './json-locate';
import { commonJsonMistake } from './json-mistakes';

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

/**
 * Validates parsed JSON (the file's name goes into every problem) and warns about weak entries.
 * `entryName` says how a message names another entry: by its line when the file has lines.
 */
export function validateFaq(data: unknown, file: string, entryName?: EntryName): FaqValidation {
  const result = validateStructure(data, file, entryName);
  if (result.problems.length > 0) return result;
  return { ...result, warnings: [...lintFaq(result.entries, file, entryName), ...lintMarkdown(result.entries, file)] };
}

/**
 * A problem as one line for people: where (file:line:column, or the entry counted from 1 when
 * there is no line), the id and field, then what to fix.
 */
export function describeFaqProblem(p: FaqProblem): string {
  const file = p.line === undefined ? p.file : `${p.file}:${p.line}${p.column === undefined ? '' : `:${p.column}`}`;
  const where = [file, p.entry !== undefined && p.line === undefined ? `entry ${p.entry + 1}` : '', p.id ? `(${p.id})` : '', p.field ? `field "${p.field}"` : ''];
  return `${where.filter(Boolean).join(' ')}: ${p.message}`;
}

const YAML_NAME = /\.ya?ml$/i;
/** How a YAML FAQ starts: "---", a list item "- id: …", or a "key: value" line. */
const YAML_START = /^(---|- |[A-Za-z_][\w-]*:(\s|$))/;
const NO_YAML = 'YAML is not supported; write JSON or Markdown (see faq/README.md)';

/**
 * A FAQ file's text, read and checked: Markdown when its name ends in .md (md-format.ts), else
 * JSON. Every problem names the file and, as far as it can, the line, entry and field.
 */
export function readFaqText(raw: string, file: string): FaqValidation {
  // Editors on Windows may start a file with a byte order mark, which is no part of the FAQ.
  const text = raw.replace(/^\uFEFF/, '');
  const refused = (message: string): FaqValidation => ({ entries: [], problems: [{ file, message }], warnings: [] });
  if (/\.(md|markdown)$/i.test(file)) {
    const read = parseFaqMd(text, file);
    const checked = validateFaq(read.data, file, (index) => `the entry at line ${read.lines[index]}`);
    const withLine = (p: FaqProblem) => (p.entry !== undefined && p.line === undefined ? { ...p, line: read.lines[p.entry] } : p);
    return { entries: checked.entries, problems: [...read.problems, ...checked.problems.map(withLine)], warnings: checked.warnings.map(withLine) };
  }
  if (YAML_NAME.test(file)) return refused(NO_YAML);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    if (YAML_START.test(text.trimStart())) return refused(NO_YAML);
    return refused(jsonFault((error as Error).message, text));
  }
  // Found only when a message needs them: a FAQ without problems is not read twice.
  let located: { places: EntryPlace[]; position: (offset: number) => { line: number; column: number } } | undefined;
  const place = (index: number, field?: string) => {
    located ??= { places: locateEntries(text), position: lineColumnFinder(text) };
    const entry = located.places[index];
    return entry && located.position((field === undefined ? undefined : entry.fields.get(field)) ?? entry.at);
  };
  const checked = validateFaq(data, file, (index) => {
    const at = place(index);
    return at ? `the entry at line ${at.line}` : entryByNumber(index);
  });
  const withLine = (p: FaqProblem): FaqProblem => {
    const at = p.entry === undefined ? undefined : place(p.entry, p.field);
    return at ? { ...p, line: at.line, column: at.column } : p;
  };
  return { entries: checked.entries, problems: checked.problems.map(withLine), warnings: checked.warnings.map(withLine) };
}

/** What keeps the text from being JSON, and where: a common mistake said plainly, else the parser's message. */
function jsonFault(message: string, text: string): string {
  const mistake = commonJsonMistake(text);
  if (mistake) return `line ${lineColumn(text, mistake.at).line}: ${mistake.message}`;
  const at = faultPosition(message, text);
  const place = at === null ? undefined : lineColumn(text, at);
  const where = place ? `, at line ${place.line}, column ${place.column}` : '';
  return `cannot read the FAQ as JSON: ${message}${where} (a Markdown FAQ needs a name ending in .md)`;
}

export function createFaqSearch(entries: FaqEntry[], options?: Partial<FaqSearchOptions>): FaqSearchWithExplain {
  return searchFromBundle(buildFaqBundle(entries, options));
}
