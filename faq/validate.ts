// Checking a FAQ file before it goes live: every problem with the file, entry and field at
// fault, so an author fixes them all in one round.
import type { FaqEntry, FaqProblem } from './types';
import { topicKey } from './bundle';

const LANGS = ['fi', 'en'];
const ID = /^[a-z0-9][a-z0-9._-]*$/;
const MAX_ID = 100;

/** How a message names an entry for a person: by its line when the file gives one, else counted from 1. */
export type EntryName = (index: number) => string;

export const entryByNumber: EntryName = (index) => `entry ${index + 1}`;

export interface FaqValidation {
  entries: FaqEntry[];
  problems: FaqProblem[];
  warnings: FaqProblem[];
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/** Control characters, but for the tab and line feed text may hold (protocol/fields.ts refuses the same in a frame). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
/** The same, but for a carriage return too, which a Markdown answer from a Windows editor holds. */
const ANSWER_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/**
 * A UTF-16 surrogate without its other half: half an emoji, which no UTF-8 file holds but a JSON
 * escape can. A copy of protocol/parse.ts's LONE_SURROGATE (not global here): faq/ imports nothing of ours.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * What is wrong with a text an entry shows or sends, if anything. The widget copies a question into
 * the handoff's bot steps: with U+0000 in it, PostgreSQL's jsonb refused the handoff, and every
 * visitor shown the entry who then asked for a person was refused with it.
 */
function unfitText(text: string, control: RegExp): string | undefined {
  const at = (found: RegExpExecArray) => `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at character ${found.index + 1}`;
  const controlChar = control.exec(text);
  if (controlChar) return `a control character (${at(controlChar)})`;
  const half = LONE_SURROGATE.exec(text);
  if (half) return `half a character, a lone UTF-16 surrogate (${at(half)})`;
  return undefined;
}

function checkEntry(raw: unknown, index: number, file: string, problems: FaqProblem[]): FaqEntry | undefined {
  const at = (field: string | undefined, message: string, id?: string) =>
    problems.push({ file, entry: index, ...(id ? { id } : {}), ...(field ? { field } : {}), message });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    at(undefined, 'entry must be an object { id, lang, question, answer, keywords? }');
    return undefined;
  }
  const e = raw as Record<string, unknown>;
  const id = typeof e.id === 'string' ? e.id : undefined;
  const before = problems.length;
  // A field left out is said as missing: "must be one of fi, en" read as a wrong value given.
  const missing = (field: string) => e[field] === undefined;
  if (missing('id')) at('id', 'id is missing');
  else if (!nonEmptyString(e.id)) at('id', 'id must be a non-empty string');
  else if (!ID.test(e.id) || e.id.length > MAX_ID)
    at('id', `id must be lower-case letters, digits, ".", "_" or "-" (at most ${MAX_ID})`, id);
  if (missing('lang')) at('lang', `lang is missing; it must be one of ${LANGS.join(', ')}`, id);
  else if (typeof e.lang !== 'string' || !LANGS.includes(e.lang)) at('lang', `lang must be one of ${LANGS.join(', ')}`, id);
  else {
    // "ship-fi" and "ship-en" are one topic, answered in the visitor's language: a suffix that
    // says another language would pair two entries of one language.
    const suffix = id?.match(/-(fi|en)$/)?.[1];
    if (suffix && suffix !== e.lang)
      at('id', `id ends in "-${suffix}" but lang is "${e.lang}": name it ${id!.slice(0, -2)}${e.lang}, or fix lang`, id);
  }
  if (missing('question')) at('question', 'question is missing', id);
  else if (!nonEmptyString(e.question)) at('question', 'question must be a non-empty string', id);
  if (missing('answer')) at('answer', 'answer is missing', id);
  else if (!nonEmptyString(e.answer)) at('answer', 'answer must be a non-empty Markdown string', id);
  if (e.keywords !== undefined && (!Array.isArray(e.keywords) || !e.keywords.every(nonEmptyString)))
    at('keywords', 'keywords must be an array of non-empty strings', id);
  for (const [field, control] of [['question', CONTROL], ['answer', ANSWER_CONTROL]] as const) {
    const text = e[field];
    const unfit = typeof text === 'string' ? unfitText(text, control) : undefined;
    if (unfit) at(field, `${field} must not contain ${unfit}`, id);
  }
  if (Array.isArray(e.keywords)) {
    e.keywords.forEach((keyword: unknown, n) => {
      const unfit = typeof keyword === 'string' ? unfitText(keyword, CONTROL) : undefined;
      if (unfit) at('keywords', `keyword ${n + 1} must not contain ${unfit}`, id);
    });
  }
  for (const key of Object.keys(e)) {
    if (!['id', 'lang', 'question', 'answer', 'keywords'].includes(key)) at(key, `unknown field "${key}"`, id);
  }
  if (problems.length > before) return undefined;
  return {
    id: e.id as string,
    lang: e.lang as 'fi' | 'en',
    question: (e.question as string).trim(),
    answer: (e.answer as string).trim(),
    ...(e.keywords ? { keywords: e.keywords as string[] } : {}),
  };
}

/** Validates parsed JSON against the canonical FAQ format. Warnings do not stop a FAQ from loading. */
export function validateStructure(data: unknown, file: string, entryName: EntryName = entryByNumber): FaqValidation {
  const problems: FaqProblem[] = [];
  if (!Array.isArray(data)) {
    return { entries: [], problems: [{ file, message: 'the FAQ must be a JSON array of entries' }], warnings: [] };
  }
  const entries: FaqEntry[] = [];
  const seen = new Map<string, number>();
  /** A topic has one entry per language: "returns" beside "returns-fi" would never be shown. */
  const topics = new Map<string, { index: number; id: string }>();
  data.forEach((raw, index) => {
    const entry = checkEntry(raw, index, file, problems);
    // Checked on every entry with an id, valid or not, so that one round of fixes is enough.
    const id = (raw as { id?: unknown } | null)?.id;
    if (typeof id === 'string') {
      const first = seen.get(id);
      if (first !== undefined) {
        problems.push({ file, entry: index, id, field: 'id', message: `duplicate id (first used by ${entryName(first)})` });
        return;
      }
      seen.set(id, index);
    }
    if (!entry) return;
    const key = `${topicKey(entry.id)} ${entry.lang}`;
    const other = topics.get(key);
    if (other) {
      problems.push({
        file,
        entry: index,
        id: entry.id,
        field: 'id',
        message: `${entryName(other.index)} (${other.id}) is already the "${entry.lang}" entry of topic "${topicKey(entry.id)}", so this one would never be shown: give it an id of its own`,
      });
      return;
    }
    topics.set(key, { index, id: entry.id });
    entries.push(entry);
  });
  if (data.length === 0) problems.push({ file, message: 'the FAQ has no entries' });
  return { entries, problems, warnings: [] };
}
