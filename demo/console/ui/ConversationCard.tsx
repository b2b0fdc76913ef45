import type { ComponentChildren } from 'preact';
import type { ConversationSummary } from '../../../protocol/events';
import { latestWords } from '../model/latest-words';
import { visitorWords } from '../strings';
import { useConsole } from './context';

/**
 * A conversation in a list (the queue, search results): the whole card opens it. Under its title
 * the visitor's newest message, one line; `owed`: the agent's own, where a reply from them is
 * owed when the last word is the visitor's.
 */
export function ConversationCard({ c, meta, badge, owed = false, children }: { c: ConversationSummary; meta: string; badge?: ComponentChildren; owed?: boolean; children?: ComponentChildren }) {
  const model = useConsole();
  const t = model.t.value;
  const selected = model.selectedId.value === c.id;
  const words = visitorWords(c);
  const latest = latestWords(t, c, model.transcripts.value[c.id]);
  const awaits = owed && latest.theirs;
  return (
    <li class={`queue-item ${c.status}${selected ? ' selected' : ''}`}>
      <button type="button" class="queue-open" aria-current={selected ? 'true' : undefined} onClick={() => model.select(c.id)}>
        <span class="queue-title">
          {/* As conversationTitle says it: the visitor's words, in their language; only "No question asked" is the console's.
              In a <bdi>, as what the visitor wrote is below: a bidi override in it ("…\u202E") reorders nothing past it ("2 new"). */}
          {words ? <bdi lang={c.lang}>{words}</bdi> : t.noQuestion}
          {badge}
        </span>
        {(awaits || latest.text !== undefined) && (
          <span class="queue-last">
            {awaits && <span class="awaits">{t.awaitsReply}</span>}
            {awaits && latest.text !== undefined && ' · '}
            {/* Text, never markup: what a visitor typed is theirs, in their language. */}
            {/* After "Awaits your reply" the words are the visitor's without saying so: room for more of them. */}
            {latest.text !== undefined && (
              <>
                {!awaits && <span class="muted">{t.latestWords} </span>}
                <bdi lang={c.lang}>{t.quote(latest.text)}</bdi>
              </>
            )}
          </span>
        )}
        <span class="queue-meta">{meta}</span>
      </button>
      {children}
    </li>
  );
}
