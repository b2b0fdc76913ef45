// FAQ answers from the safe Markdown tree (faq/types.ts) to Preact nodes, and the web addresses
// in chat messages and answers: text stays text, links are checked here and open in a new tab
// without access to this page.
import type { ComponentChildren } from 'preact';
import type { MdBlock, MdInline } from '../../../faq/types';

// As faq/markdown.ts allows: web, mail and phone links, and the site's own paths and anchors.
const SAFE_HREF = /^(https?:|mailto:|tel:|\/(?![/\\])|#)/i;

const link = (href: string, children: ComponentChildren, key?: number) => (
  <a key={key} href={href} target="_blank" rel="noopener noreferrer nofollow">
    {children}
  </a>
);

// A web address in a message: http(s) only, never javascript: or data:. It holds no "<" or ">"
// ("<https://kauppa.fi/a>"), ends before trailing punctuation (". , : ; ! ?", quotes, "] } »"
// and "。") and before a ")" that closes no "(" of its own: in "(https://kauppa.fi/a)." the link
// is https://kauppa.fi/a, https://fi.wikipedia.org/wiki/A_(b) keeps its ")". The console links
// agents' messages by the same ends (demo/console/ui/LinkedText.tsx). The group makes split()
// keep the addresses, at the odd places.
const ADDRESS = /(https?:\/\/(?:[^\s()<>]|\([^\s()<>]*\))*(?:[^\s()<>.,:;!?'"”’\]}»。]|\([^\s()<>]*\)))/i;

/** A chat message's text with its web addresses as links. */
export const linked = (text: string) => text.split(ADDRESS).map((s, i) => (i % 2 ? link(s, s, i) : s));

// A bare web address in an answer is a link as in a chat message, but not inside a link (`a`).
function inline(nodes: MdInline[], a?: 1): ComponentChildren {
  return nodes.map((n, i) => {
    switch (n.type) {
      case 'text':
        return a ? n.text : linked(n.text);
      case 'code':
        return <code key={i}>{n.text}</code>;
      case 'strong':
        return <strong key={i}>{inline(n.children, a)}</strong>;
      case 'em':
        return <em key={i}>{inline(n.children, a)}</em>;
      case 'link':
        return SAFE_HREF.test(n.href) ? (
          link(n.href, inline(n.children, 1), i)
        ) : (
          <span key={i}>{inline(n.children, 1)}</span>
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
