// A FAQ (or saved replies) file's text made into what the server serves: checked, linted, built
// into the search bundle and hashed. Seconds of work for a large FAQ (a 1,000-entry one: 1.4 s to
// check and lint, 1.1 s to build), so faq-file.ts runs it in a worker thread, never on the event
// loop that answers visitors and agents.
import { createHash } from 'node:crypto';
import { buildFaqBundle, describeFaqProblem, readFaqText, type FaqSearchOptions } from '../faq';

export interface FaqBuildInput {
  text: string;
  file: string;
  options: Partial<FaqSearchOptions>;
  /** What people call the file and the flag that names it, for the message about its problems. */
  kind: { name: string; flag: string };
}

export type FaqBuilt =
  | { json: string; etag: string; ids: string[]; warnings: number }
  /** The file has problems: what to fix, every one on its own line. */
  | { problem: string };

export function buildFaqFile({ text, file, options, kind }: FaqBuildInput): FaqBuilt {
  const { entries, problems, warnings } = readFaqText(text, file);
  if (problems.length > 0) {
    const lines = problems.map((p) => `  ${describeFaqProblem(p)}`);
    return { problem: `The ${kind.name} file has ${problems.length} problem(s); fix them or pass another file with ${kind.flag}:\n${lines.join('\n')}` };
  }
  const json = JSON.stringify({ bundle: buildFaqBundle(entries, options) });
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 22)}"`;
  return { json, etag, ids: entries.map((e) => e.id), warnings: warnings.length };
}
