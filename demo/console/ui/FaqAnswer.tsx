// The text of an FAQ answer as the visitor saw it.
import { parseMarkdown } from '../../../faq/index';
import { useConsole } from './context';
import { Markdown } from './Markdown';

export function FaqAnswer({ markdown }: { markdown: string | undefined }) {
  const t = useConsole().t.value;
  if (markdown === undefined) return null;
  return (
    <details class="faq-answer" open>
      <summary>{t.answerText}</summary>
      <Markdown blocks={parseMarkdown(markdown)} />
    </details>
  );
}
