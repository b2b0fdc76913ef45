// Warnings for Markdown in answers that the widget's renderer (markdown.ts) does not support: it
// knows paragraphs, lists, **strong**, *em*, `code` and [links](url) with a safe target, and shows
// everything else as the text it is. A site owner who writes <b>, ## or a table sees it formatted
// in their editor, while visitors see the marks; each warning says what they see and what to write.
import { safeHref } from './markdown';
import type { FaqEntry, FaqProblem } from './types';

const LINK = /(!?)\[([^\]]+)\]\(((?:[^()]|\([^()]*\))*)\)/g;
const AUTOLINK = /<((?:https?|mailto|tel):[^<>\s]*)>/gi;
const HTML_TAG = /<\/?([a-z][a-z0-9-]*)(?:\s[^<>]*)?\/?>|<!--/gi;
const HEADING = /^ {0,3}(#{1,6})[ \t]+\S.*$/m;
// The rule under a table's head row, `|---|---|` or `--- | ---`: at least one | in it.
const TABLE_RULE = /^ *\|?( *:?-{3,}:? *\|)+ *(:?-{3,}:?)? *$/m;

const short = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/**
 * The link target the widget keeps for what an author wrote, or undefined for a scheme it never
 * links: advice must be a link that is kept, or following it only earns the next warning.
 */
function keptTarget(href: string): string | undefined {
  const kept = safeHref(href);
  if (kept) return kept;
  const target = href.trim();
  if (/^\/[/\\]/.test(target)) return `https://${target.slice(2)}`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined;
  // A relative path ("kartta.png", "./kuvat/…", "../kuvat/…"), taken from the site's root.
  return `/${target.replace(/^(\.{0,2}\/)*/, '')}`;
}

/** What in one answer the renderer shows otherwise than its writer meant: one line each, saying what visitors see and what to write. */
export function unsupportedMarkdown(answer: string): string[] {
  // A `code span` is shown as written, on purpose: nothing in it is a mistake.
  const text = answer.replace(/\r\n?/g, '\n').replace(/`[^`\n]+`/g, (code) => ' '.repeat(code.length));
  const found: string[] = [];
  for (const [whole, bang, label, href] of text.matchAll(LINK)) {
    const kept = keptTarget(href!);
    if (bang) {
      const instead = kept ? `write a link instead, [${short(label!)}](${short(kept)})` : `put the image on a web page and link to that, [${short(label!)}](https://…)`;
      found.push(`image ${short(whole)}: images are not shown, visitors see "!${short(label!)}"; ${instead}`);
      continue;
    }
    if (safeHref(href!)) continue;
    const instead = !kept
      ? 'only https:, http:, mailto: and tel: links are made; link to a web page instead'
      : kept.startsWith('https://')
        ? `write the full address, ${kept}`
        : `write a path from the site's root (${kept}) or the full https:// address`;
    found.push(`link ${short(whole)}: shown as plain text "${short(label!)}", not a link; ${instead}`);
  }
  for (const [whole, url] of text.matchAll(AUTOLINK)) {
    found.push(`${short(whole)}: shown as text, angle brackets and all, not a link; write [${short(url!.replace(/^(mailto|tel):/i, ''))}](${short(url!)})`);
  }
  const tags = [...new Set([...text.replace(AUTOLINK, '').matchAll(HTML_TAG)].map((m) => (m[1] ? `<${m[1].toLowerCase()}>` : '<!--')))];
  if (tags.length > 0) {
    found.push(`raw HTML ${tags.slice(0, 3).join(' ')}: shown as text, tags and all, never as HTML; write **bold**, *italic*, [text](https://…) or a list`);
  }
  const heading = HEADING.exec(text);
  if (heading) found.push(`heading "${short(heading[0].trim())}": shown as a line with its ${heading[1]}; write the line in **bold** instead`);
  if (TABLE_RULE.test(text)) found.push('table: shown as lines of text with its | and ---; write a list instead (- Koko S: 10 €)');
  return found;
}

export function lintMarkdown(entries: FaqEntry[], file: string): FaqProblem[] {
  return entries.flatMap((entry, index) =>
    unsupportedMarkdown(entry.answer).map((what) => ({ file, entry: index, id: entry.id, field: 'answer', kind: 'markdown' as const, message: `markdown the widget does not show: ${what}` })),
  );
}
