// The FAQ as a Markdown file, for people to write: each entry is a `# question` heading, its
// fields on the lines right under it, an empty line, and the answer up to the next heading.
// It reads into the canonical JSON shape (validate.ts checks it as it checks JSON), and the
// canonical shape writes back into it, so the two formats convert both ways without loss.
//
//   # Kuinka kauan toimitus kestää?
//   id: delivery-time-fi
//   keywords: toimitusaika, milloin perillä
//
//   Posti tuo paketin **1–3 arkipäivässä**.
//
// `lang` may be left out when the id ends in -fi or -en. A line of an answer that starts with
// "#" (or a backslash) is written with a backslash before it.
import type { FaqEntry, FaqProblem } from './types';

const HEADING = /^#[ \t]+(.*)$/;
const FIELD = /^(id|lang|keywords):[ \t]*(.*)$/;

export interface FaqMdRead {
  /** Entries in the canonical shape, unchecked: give them to validateFaq. */
  data: Record<string, unknown>[];
  /** What keeps the file from being read as entries at all, with its line. */
  problems: FaqProblem[];
  /** The line of each entry's heading (1-based), for problems validateFaq finds in an entry. */
  lines: number[];
}

export function parseFaqMd(text: string, file: string): FaqMdRead {
  const data: Record<string, unknown>[] = [];
  const problems: FaqProblem[] = [];
  const lines: number[] = [];
  let entry: Record<string, unknown> | undefined;
  let answer: string[] = [];
  /** Under a heading: fields until the first empty line, then the answer. */
  let inFields = false;

  const finish = () => {
    if (entry) entry.answer = answer.join('\n').trim();
  };

  text.split(/\r?\n/).forEach((line, i) => {
    const at = i + 1;
    const heading = HEADING.exec(line);
    if (heading) {
      finish();
      entry = { question: heading[1]!.trim() };
      data.push(entry);
      lines.push(at);
      answer = [];
      inFields = true;
      return;
    }
    if (!entry) {
      if (line.trim() !== '') problems.push({ file, line: at, message: 'text before the first "# question" heading: every entry starts with one' });
      return;
    }
    if (inFields) {
      if (line.trim() === '') return void (inFields = false);
      const field = FIELD.exec(line);
      if (!field) {
        problems.push({ file, entry: data.length - 1, line: at, message: 'expected "id:", "lang:" or "keywords:" under the question, then an empty line before the answer' });
        return;
      }
      const [, name, value] = field as unknown as [string, 'id' | 'lang' | 'keywords', string];
      if (name in entry) problems.push({ file, entry: data.length - 1, line: at, field: name, message: `"${name}:" given twice` });
      entry[name] = name === 'keywords' ? value.split(',').map((k) => k.trim()).filter(Boolean) : value.trim();
      return;
    }
    answer.push(/^\\[#\\]/.test(line) ? line.slice(1) : line);
  });
  finish();
  // The language an id's suffix names, where the author left `lang:` out.
  for (const e of data) {
    const suffix = typeof e.id === 'string' ? /-(fi|en)$/.exec(e.id)?.[1] : undefined;
    if (e.lang === undefined && suffix) e.lang = suffix;
  }
  return { data, problems, lines };
}

/** The entries as a Markdown FAQ file. Throws on what the format cannot hold (a comma in a keyword, a line break in a question). */
export function toFaqMd(entries: readonly FaqEntry[]): string {
  return entries
    .map((e) => {
      if (/[\r\n]/.test(e.question)) throw new Error(`${e.id}: a question on several lines cannot be a heading`);
      const bad = e.keywords?.find((k) => /[,\r\n]/.test(k));
      if (bad !== undefined) throw new Error(`${e.id}: the keyword "${bad}" has a comma or a line break, which end keywords in Markdown`);
      const fields = [`id: ${e.id}`];
      if (!e.id.endsWith(`-${e.lang}`)) fields.push(`lang: ${e.lang}`);
      if (e.keywords?.length) fields.push(`keywords: ${e.keywords.join(', ')}`);
      // Escaped only where the reader starts a line (after \n, not a lone \r): the round trip is exact.
      const answer = e.answer.replace(/(^|\n)(?=[#\\])/g, '$1\\');
      return `# ${e.question}\n${fields.join('\n')}\n\n${answer}\n`;
    })
    .join('\n');
}
