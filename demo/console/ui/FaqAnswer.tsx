// The text of an FAQ answer as the visitor saw it.
import { parseMarkdown } from '../../../faq/index';
import { useConsole } from './context';
import { Markdown } from './Markdown';

/** `lang`: the entry's language, which may not be the console's. */
export function FaqAnswer({ markdown, lang }: { markdown: string | undefined; lang: string }) {
  const t = useConsole().t.value;
  if (markdown === undefined) return null;
  return (
    <details class="faq-answer" open>
      <summary>{t.answerText}</summary>
      <div lang={lang}>
        <Markdown blocks={parseMarkdown(markdown)} />
      </div>
    </details>
  );
}
