// An FAQ answer as the plain text of a chat message: what an agent inserts into a reply (chat
// messages are text; links in them are shown as links). Paragraphs apart, list items on lines
// of their own, a link as its text with the address after it, emphasis dropped.
import { parseMarkdown } from '../../faq/client';
import type { MdInline } from '../../faq/types';

function inlineText(nodes: MdInline[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text' || node.type === 'code') return node.text;
      const text = inlineText(node.children);
      if (node.type !== 'link') return text;
      return text === node.href || `mailto:${text}` === node.href ? text : `${text} (${node.href.replace(/^mailto:/, '')})`;
    })
    .join('');
}

export function markdownAsText(md: string): string {
  return parseMarkdown(md)
    .map((block) =>
      block.type === 'p' ? inlineText(block.children) : block.items.map((item, i) => `${block.type === 'ol' ? `${i + 1}.` : '-'} ${inlineText(item)}`).join('\n'),
    )
    .join('\n\n');
}
