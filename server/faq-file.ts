// The FAQ, and the agents' saved replies written in the same format, as the server serves them:
// read and checked at start, where any problem stops the start with every problem listed; read
// again whenever the file changes, and served instead only when the new one is valid.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { buildFaqBundle, describeFaqProblem, readFaqText, type FaqSearchOptions } from '../faq';
import { watchFile } from './file-watch';
import { StartError } from './start-error';

/** Which file it is, in messages: what people call it and the flag that names it. */
export interface AnswersFileKind {
  name: string;
  flag: string;
}
export const FAQ_FILE: AnswersFileKind = { name: 'FAQ', flag: '--faq' };
export const REPLIES_FILE: AnswersFileKind = { name: 'saved replies', flag: '--replies' };

export interface FaqLoaded {
  /** `{ bundle }`, as GET /api/faq (or /api/replies) sends it. */
  json: string;
  etag: string;
  entries: number;
  warnings: number;
  ids: ReadonlySet<string>;
}

export async function loadFaqBundle(file: string, options: Partial<FaqSearchOptions> = {}, kind = FAQ_FILE): Promise<FaqLoaded> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new StartError(`Cannot read the ${kind.name} file ${file}: ${(error as Error).message}`);
  }
  const { entries, problems, warnings } = readFaqText(text, file);
  if (problems.length > 0) {
    const lines = problems.map((p) => `  ${describeFaqProblem(p)}`);
    throw new StartError(`The ${kind.name} file has ${problems.length} problem(s); fix them or pass another file with ${kind.flag}:\n${lines.join('\n')}`);
  }
  const json = JSON.stringify({ bundle: buildFaqBundle(entries, options) });
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 22)}"`;
  return { json, etag, entries: entries.length, warnings: warnings.length, ids: new Set(entries.map((e) => e.id)) };
}

/** Serves `first`, and from each valid edit of the file on, that; an invalid edit is reported and changes nothing. */
export function servedFaqFile(file: string, options: Partial<FaqSearchOptions>, kind: AnswersFileKind, first: FaqLoaded, info: (line: string) => void) {
  let current = first;
  const name = kind.name[0]!.toUpperCase() + kind.name.slice(1);
  const watch = watchFile(file, () => {
    loadFaqBundle(file, options, kind).then(
      (next) => {
        if (next.etag === current.etag) return;
        current = next;
        info(`${name} reloaded: ${next.entries} entries${next.warnings ? `, ${next.warnings} warnings` : ''}`);
      },
      (error: unknown) => info(`${name} not reloaded, still serving the previous one. ${error instanceof Error ? error.message : String(error)}`),
    );
  });
  return { current: () => current, close: () => watch.close() };
}
