// The text of an FAQ answer as the visitor saw it.
export function FaqAnswer({ markdown }: { markdown: string | undefined }) {
  if (markdown === undefined) return null;
  return (
    <details class="faq-answer" open>
      <summary>Answer text</summary>
      <div class="markdown">
        {markdown.split(/\n{2,}/).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
    </details>
  );
}
