// FAQ Markdown as Preact nodes. The tree comes from `parseMarkdown`, which never yields HTML;
// links are still checked here, because an `href` is the one place text becomes behaviour.
import type { ComponentChildren } from 'preact';
import type { MdBlock, MdInline } from '../../../faq/types';

const SAFE_HREF = /^(https?:|mailto:|tel:|\/|#)/i;

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
      case 'link':
        return SAFE_HREF.test(node.href) ? (
          <a key={i} href={node.href} target="_blank" rel="noopener noreferrer">
            <Inline nodes={node.children} />
          </a>
        ) : (
          <Inline key={i} nodes={node.children} />
        );
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
