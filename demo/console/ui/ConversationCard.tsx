import type { ComponentChildren } from 'preact';
import type { ConversationSummary } from '../../../protocol/events';
import { visitorWords } from '../strings';
import { useConsole } from './context';

/** A conversation in a list (the queue, search results): the whole card opens it. */
export function ConversationCard({ c, meta, badge, children }: { c: ConversationSummary; meta: string; badge?: ComponentChildren; children?: ComponentChildren }) {
  const model = useConsole();
  const selected = model.selectedId.value === c.id;
  const words = visitorWords(c);
  return (
    <li class={`queue-item ${c.status}${selected ? ' selected' : ''}`}>
      <button type="button" class="queue-open" aria-current={selected ? 'true' : undefined} onClick={() => model.select(c.id)}>
        <span class="queue-title">
          {/* As conversationTitle says it: the visitor's words, in their language; only "No question asked" is the console's. */}
          {words ? <span lang={c.lang}>{words}</span> : model.t.value.noQuestion}
          {badge}
        </span>
        <span class="queue-meta">{meta}</span>
      </button>
      {children}
    </li>
  );
}
