// Checking a FAQ file before it goes live: every problem with the file, entry and field at
// fault, so an author fixes them all in one round.
import type { FaqEntry, FaqProblem } from './types';
import { topicKey } from './bundle';

const LANGS = ['fi', 'en'];
const ID = /^[a-z0-9][a-z0-9._-]*$/;
const MAX_ID = 100;

export interface FaqValidation {
  entries: FaqEntry[];
  problems: FaqProblem[];
  warnings: FaqProblem[];
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
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
  if (!nonEmptyString(e.id)) at('id', 'id must be a non-empty string');
  else if (!ID.test(e.id) || e.id.length > MAX_ID)
    at('id', `id must be lower-case letters, digits, ".", "_" or "-" (at most ${MAX_ID})`, id);
  if (typeof e.lang !== 'string' || !LANGS.includes(e.lang)) at('lang', `lang must be one of ${LANGS.join(', ')}`, id);
  else {
    // "ship-fi" and "ship-en" are one topic, answered in the visitor's language: a suffix that
    // says another language would pair two entries of one language.
    const suffix = id?.match(/-(fi|en)$/)?.[1];
    if (suffix && suffix !== e.lang)
      at('id', `id ends in "-${suffix}" but lang is "${e.lang}": name it ${id!.slice(0, -2)}${e.lang}, or fix lang`, id);
  }
  if (!nonEmptyString(e.question)) at('question', 'question must be a non-empty string', id);
  if (!nonEmptyString(e.answer)) at('answer', 'answer must be a non-empty Markdown string', id);
  if (e.keywords !== undefined && (!Array.isArray(e.keywords) || !e.keywords.every(nonEmptyString)))
    at('keywords', 'keywords must be an array of non-empty strings', id);
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
export function validateStructure(data: unknown, file: string): FaqValidation {
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
        problems.push({ file, entry: index, id, field: 'id', message: `duplicate id (first used by entry ${first})` });
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
        message: `entry ${other.index} (${other.id}) is already the "${entry.lang}" entry of topic "${topicKey(entry.id)}", so this one would never be shown: give it an id of its own`,
      });
      return;
    }
    topics.set(key, { index, id: entry.id });
    entries.push(entry);
  });
  if (data.length === 0) problems.push({ file, message: 'the FAQ has no entries' });
  return { entries, problems, warnings: [] };
}
