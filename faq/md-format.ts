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
// "#", a backslash or a field's name ("id:") is written with a backslash before it.
//
// A field line inside an answer is a problem, not text: it is how a heading typed wrong
// ("#Question", "## Question") or a field written after the empty line looks to the reader, and
// read as text it joined the next entry into the answer above, shown to visitors as one.
import type { FaqEntry, FaqProblem } from './types';

const HEADING = /^#[ \t]+(.*)$/;
const FIELD = /^(id|lang|keywords):[ \t]*(.*)$/;
/** An answer line the reader would take for something else, so written with a backslash before it. */
const TO_ESCAPE = /(^|\n)(?=[#\\]|(?:id|lang|keywords):)/g;
const ESCAPED = /^\\(?=[#\\]|(?:id|lang|keywords):)/;
/** Where fields go, said with each field line found in an answer. */
const FIELDS_GO = 'fields go right under the "# question" heading (a "#", a space, the question), before the empty line';
const FIELDS_DIRECTLY = 'the fields go directly under the heading, then one empty line, then the answer';
const ENTRY_STARTS = 'entry starts with "#", a space and the question, its fields right under it';

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
  /** In the answer, on field lines already told as a problem: one problem for a block of them. */
  let inStrayFields = false;

  const finish = () => {
    if (entry) entry.answer = answer.join('\n').trim();
  };
  const start = (question: string, at: number) => {
    finish();
    entry = { question: question.trim() };
    data.push(entry);
    lines.push(at);
    answer = [];
    inFields = true;
    inStrayFields = false;
  };
  /** A problem with the answer of the entry being read, named by its id and its question's line. */
  const inAnswer = (at: number, message: string, id = entry?.id) => {
    problems.push({ file, entry: data.length - 1, ...(typeof id === 'string' && id ? { id } : {}), line: at, message });
  };

  const all = text.split(/\r?\n/);
  all.forEach((line, i) => {
    const at = i + 1;
    const heading = HEADING.exec(line);
    if (heading) return start(heading[1]!, at);
    if (!entry) {
      if (line.trim() !== '') problems.push({ file, line: at, message: 'text before the first "# question" heading: every entry starts with one' });
      return;
    }
    if (!inFields) {
      const question = lines[lines.length - 1]!;
      // "#Question" or "## Question" with fields under it was meant as the next entry's heading; a
      // "#hashtag" line without them is the answer's text.
      if (line.startsWith('#') && FIELD.test(all[i + 1] ?? '')) {
        const meant = line.replace(/^#+/, '').trim();
        inAnswer(at, `"${line}" and the field lines under it are inside the answer of the question on line ${question}: ${meant ? `did you mean "# ${meant}"? An ${ENTRY_STARTS}` : `an ${ENTRY_STARTS}`}`);
        // Read on as the entry it was meant to be, so that what follows is checked as written.
        return start(meant, at);
      }
      const stray = FIELD.exec(line);
      if (stray) {
        const [, name, value] = stray as unknown as [string, string, string];
        const rightAfterEmptyLine = answer.every((l) => l.trim() === '');
        const noFields = !('id' in entry || 'lang' in entry || 'keywords' in entry);
        // With no field under the heading, the empty line there is the mistake: said so at it, not
        // as an id missing from an entry whose id is two lines down.
        if (!inStrayFields && rightAfterEmptyLine && noFields)
          inAnswer(question + 1, `an empty line under the question on line ${question}, so no "${name}:" line right under it: ${FIELDS_DIRECTLY}`, name === 'id' ? value.trim() : undefined);
        else if (!inStrayFields) inAnswer(at, `"${line}" is inside the answer of the question on line ${question}: ${FIELDS_GO}`);
        inStrayFields = true;
        // Right after the empty line they are the entry's fields, read as such; under answer text
        // they are no part of it either way.
        if (!rightAfterEmptyLine) return;
        inFields = true;
      } else {
        inStrayFields = false;
      }
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
    answer.push(ESCAPED.test(line) ? line.slice(1) : line);
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
      const answer = e.answer.replace(TO_ESCAPE, '$1\\');
      return `# ${e.question}\n${fields.join('\n')}\n\n${answer}\n`;
    })
    .join('\n');
}
