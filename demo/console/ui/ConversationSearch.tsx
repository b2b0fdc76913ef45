import { useRef, useState } from 'preact/hooks';
import type { ConversationSummary } from '../../../protocol/events';
import { LIMITS } from '../../../protocol/limits';
import { dateText } from '../format';
import { problemText, visitorLabel } from '../strings';
import { useConsole } from './context';
import { ConversationCard } from './ConversationCard';

/** Above the queue: find any conversation, also closed ones, and open it. Esc or an empty box goes back to the queue. */
export function ConversationSearch() {
  const model = useConsole();
  const t = model.t.value;
  const [text, setText] = useState('');
  const box = useRef<HTMLInputElement>(null);
  // Back to the queue takes its own button away, and the focus would fall to the page's body: it
  // goes back to the box the search came from (where Esc leaves it too), ready for the next one.
  const clear = () => {
    setText('');
    model.search.clear();
    box.current?.focus();
  };
  return (
    <>
      <form
        role="search"
        aria-label={t.searchLabel}
        class="search-form"
        onSubmit={(e) => {
          e.preventDefault();
          model.search.find(text);
        }}
      >
        <input
          ref={box}
          type="search"
          aria-label={t.searchBox}
          placeholder={t.searchPlaceholder}
          maxLength={LIMITS.searchQuery}
          value={text}
          onInput={(e) => {
            const value = e.currentTarget.value;
            setText(value);
            if (value === '') model.search.clear();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') clear();
          }}
        />
        <button type="submit">{t.search}</button>
      </form>
      <SearchResults onClear={clear} />
    </>
  );
}

/**
 * The results, and a status line that is always in the page (empty while no search is on): a
 * live region put in with its words ("Searching…") is not always read, a change of them is.
 */
function SearchResults({ onClear }: { onClear: () => void }) {
  const model = useConsole();
  const state = model.search.state.value;
  const t = model.t.value;
  const results = state?.results ?? null;
  const status = !state
    ? ''
    : ((state.problem && problemText(t, state.problem)) ??
      (results === null ? t.searching : results.length === 0 ? t.noMatch(state.query) : results.length === LIMITS.searchResults ? t.newest(results.length) : t.found(results.length)));
  // How many were found is for a screen reader: the list and the count in the heading show it.
  const counted = !!results && results.length > 0 && results.length < LIMITS.searchResults && !state?.problem;
  return (
    <section class={state ? 'queue-group search-results' : undefined} aria-labelledby={state ? 'search-title' : undefined}>
      {state && (
        <>
          <h3 id="search-title">
            {t.searchResults} {results && !state.problem && <span class="count">{results.length}</span>}
          </h3>
          <button type="button" class="link" onClick={onClear}>
            {t.backToQueue}
          </button>
        </>
      )}
      <p id="search-status" class={counted ? 'sr-only' : status ? 'muted empty' : undefined} aria-live="polite" aria-atomic="true">
        {status}
      </p>
      {results && results.length > 0 && (
        <ul aria-labelledby="search-title">
          {results.map((c) => (
            <SearchResult key={c.id} c={c} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** As the console knows the conversation now: one claimed or closed since the search no longer reads "Waiting". */
function SearchResult({ c: found }: { c: ConversationSummary }) {
  const model = useConsole();
  const t = model.t.value;
  const c = model.summaries.value[found.id] ?? found;
  const meta = [visitorLabel(t, c.visitor), t.status[c.status], c.agent?.name, dateText(c.createdAt)].filter(Boolean).join(' · ');
  return <ConversationCard c={c} meta={meta} />;
}
