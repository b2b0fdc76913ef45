// FAQ answers from the safe Markdown tree (faq/types.ts) to Preact nodes: text stays text,
// links are checked again here and open in a new tab without access to this page.
import type { ComponentChildren } from 'preact';
import type { MdBlock, MdInline } from '../../../faq/types';

// As faq/markdown.ts allows: web, mail and phone links, and the site's own paths and anchors.
const SAFE_HREF = /^(https?:|mailto:|tel:|\/(?!\/)|#)/i;

function inline(nodes: MdInline[]): ComponentChildren {
  return nodes.map((n, i) => {
    switch (n.type) {
      case 'text':
        return n.text;
      case 'code':
        return <code key={i}>{n.text}</code>;
      case 'strong':
        return <strong key={i}>{inline(n.children)}</strong>;
      case 'em':
        return <em key={i}>{inline(n.children)}</em>;
      case 'link':
        return SAFE_HREF.test(n.href) ? (
          <a key={i} href={n.href} target="_blank" rel="noopener noreferrer">
            {inline(n.children)}
          </a>
        ) : (
          <span key={i}>{inline(n.children)}</span>
        );
    }
  });
}

export function Markdown({ blocks }: { blocks: MdBlock[] }) {
  return (
    <>
      {blocks.map((b, i) => {
        if (b.type === 'p') return <p key={i}>{inline(b.children)}</p>;
        const items = b.items.map((item, j) => <li key={j}>{inline(item)}</li>);
        return b.type === 'ul' ? <ul key={i}>{items}</ul> : <ol key={i}>{items}</ol>;
      })}
    </>
  );
}
