// The text of an FAQ answer as the visitor saw it.
import { parseMarkdown } from '../../../faq/index';
import { Markdown } from './Markdown';

export function FaqAnswer({ markdown }: { markdown: string | undefined }) {
  if (markdown === undefined) return null;
  return (
    <details class="faq-answer" open>
      <summary>Answer text</summary>
      <Markdown blocks={parseMarkdown(markdown)} />
    </details>
  );
}
