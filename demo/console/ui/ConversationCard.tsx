import type { ComponentChildren } from 'preact';
import type { ConversationSummary } from '../../../protocol/events';
import { useConsole } from './context';

/** A conversation in a list (the queue, search results): the whole card opens it. */
export function ConversationCard({ c, meta, badge, children }: { c: ConversationSummary; meta: string; badge?: ComponentChildren; children?: ComponentChildren }) {
  const model = useConsole();
  const selected = model.selectedId.value === c.id;
  const title = c.questions[0] ?? c.firstText;
  return (
    <li class={`queue-item ${c.status}${selected ? ' selected' : ''}`}>
      <button type="button" class="queue-open" aria-current={selected ? 'true' : undefined} onClick={() => model.select(c.id)}>
        <span class="queue-title">
          {/* The visitor's words, in their language: what they asked the bot, else the first thing they
              wrote (never the newest text, which may be an agent's reply); only "No question asked" is the console's. */}
          {title ? <span lang={c.lang}>{title}</span> : model.t.value.noQuestion}
          {badge}
        </span>
        <span class="queue-meta">{meta}</span>
      </button>
      {children}
    </li>
  );
}
