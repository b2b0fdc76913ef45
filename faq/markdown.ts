// The small Markdown FAQ answers use — paragraphs, lists, **strong**, *em*, `code`, [links](url) —
// parsed into a tree (types.ts), never into HTML. Renderers build DOM nodes from it, so raw HTML
// in an answer is shown as text, and a link survives only with a safe scheme.
import type { MdBlock, MdInline } from './types';

// A same-site path starts with one slash: "//host" and "/\host" (browsers read a backslash as a
// slash in web addresses) are another site.
const SAFE_HREF = /^(https?:|mailto:|tel:|\/(?![/\\])|#)/i;

/** Only web, mail and phone links, and same-site paths; `javascript:`, `data:` etc. are dropped. */
export function safeHref(href: string): string | undefined {
  // Control characters and spaces inside a scheme ("java\tscript:") are how filters are fooled.
  const cleaned = href.trim().replace(/[\u0000-\u001f\u007f\s]/g, '');
  return SAFE_HREF.test(cleaned) ? cleaned : undefined;
}

// Emphasis as CommonMark flanks it: the marks hug the text (not "200 * 90 * 20 cm"), and `_`
// never opens or closes inside a word (a discount code KEVAT_ALE_24 stays as written): the
// character before an opening `_` is matched too (no lookbehind: Safari before 16.4 cannot
// parse one, and the widget's FAQ chunk would not load there). Link targets may hold one level
// of balanced parentheses, as CommonMark allows.
const HUGGED = '(\\S(?:.*?\\S)?)';
const NOT_IN_WORD = '(^|[^\\p{L}\\p{N}_])';
const INLINE = new RegExp(
  `\\*\\*${HUGGED}\\*\\*|${NOT_IN_WORD}__${HUGGED}__(?![\\p{L}\\p{N}_])|\\*${HUGGED}\\*|${NOT_IN_WORD}_${HUGGED}_(?![\\p{L}\\p{N}_])|\`([^\`]+)\`|\\[([^\\]]+)\\]\\(((?:[^()]|\\([^()]*\\))*)\\)`,
  'u',
);

function parseInline(text: string): MdInline[] {
  const out: MdInline[] = [];
  let rest = text;
  while (rest.length > 0) {
    const m = INLINE.exec(rest);
    if (!m) break;
    const [whole, strong1, before2, strong2, em1, before4, em2, code, label, href] = m;
    const before = m.index + (before2 ?? before4 ?? '').length;
    if (before > 0) out.push({ type: 'text', text: rest.slice(0, before) });
    if (strong1 ?? strong2) out.push({ type: 'strong', children: parseInline((strong1 ?? strong2)!) });
    else if (em1 ?? em2) out.push({ type: 'em', children: parseInline((em1 ?? em2)!) });
    else if (code !== undefined) out.push({ type: 'code', text: code });
    else {
      const safe = safeHref(href ?? '');
      const children = parseInline(label!);
      if (safe) out.push({ type: 'link', href: safe, children });
      else out.push(...children);
    }
    rest = rest.slice(m.index + whole.length);
  }
  if (rest.length > 0) out.push({ type: 'text', text: rest });
  return mergeText(out);
}

function mergeText(nodes: MdInline[]): MdInline[] {
  const out: MdInline[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', text: last.text + node.text };
    else out.push(node);
  }
  return out;
}

const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

export function parseMarkdown(md: string): MdBlock[] {
  const blocks: MdBlock[] = [];
  let paragraph: string[] = [];
  let list: { type: 'ul' | 'ol'; items: string[] } | undefined;
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ type: 'p', children: parseInline(paragraph.join(' ')) });
    if (list) blocks.push({ type: list.type, items: list.items.map(parseInline) });
    paragraph = [];
    list = undefined;
  };
  for (const line of md.replace(/\r\n?/g, '\n').split('\n')) {
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      const type = bullet ? 'ul' : 'ol';
      if (paragraph.length > 0 || (list && list.type !== type)) flush();
      list ??= { type, items: [] };
      list.items.push(item[1]!.trim());
    } else if (line.trim() === '') {
      flush();
    } else if (list && /^\s+\S/.test(line)) {
      list.items[list.items.length - 1] += ` ${line.trim()}`;
    } else {
      if (list) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}
