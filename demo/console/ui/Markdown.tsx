// FAQ Markdown as Preact nodes. The tree comes from `parseMarkdown`, which never yields HTML;
// links are checked again here, because an `href` is the one place text becomes behaviour.
import type { ComponentChildren } from 'preact';
import { safeHref, type MdBlock, type MdInline } from '../../../faq/index';

function Inline({ nodes }: { nodes: MdInline[] }): ComponentChildren {
  return nodes.map((node, i) => {
    switch (node.type) {
      case 'text':
        return node.text;
      case 'code':
        return <code key={i}>{node.text}</code>;
      case 'strong':
        return (
          <strong key={i}>
            <Inline nodes={node.children} />
          </strong>
        );
      case 'em':
        return (
          <em key={i}>
            <Inline nodes={node.children} />
          </em>
        );
      case 'link': {
        const href = safeHref(node.href);
        return href ? (
          <a key={i} href={href} target="_blank" rel="noopener noreferrer">
            <Inline nodes={node.children} />
          </a>
        ) : (
          <Inline key={i} nodes={node.children} />
        );
      }
    }
  });
}

export function Markdown({ blocks }: { blocks: MdBlock[] }) {
  return (
    <div class="markdown">
      {blocks.map((block, i) => {
        if (block.type === 'p') {
          return (
            <p key={i}>
              <Inline nodes={block.children} />
            </p>
          );
        }
        const List = block.type;
        return (
          <List key={i}>
            {block.items.map((item, j) => (
              <li key={j}>
                <Inline nodes={item} />
              </li>
            ))}
          </List>
        );
      })}
    </div>
  );
}
