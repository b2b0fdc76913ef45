// The agent's word on which FAQ entry answers what the visitor wanted, or that none does. It
// feeds the site owner's `kohtaamo faq gaps` report: the visitor's own words, attributed to the
// entry they belong to, are what the FAQ's keywords lack.
//
// Finding the entry and choosing it are two steps. A native <select> sent a choice at every
// change, and the browser changes it as the agent types to find an entry or presses ↓ through
// a thousand of them: each entry passed on the way was reported as the answer. Here the words
// typed filter a list (a combobox, as ARIA's pattern has it), the arrows move in it, and only
// Enter or a click says which entry it is; Esc puts the current choice back.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ConversationSummary } from '../../../protocol/events';
import type { FaqEntry } from '../../../faq/types';
import { fold } from '../../../faq/text';
import { LOOKUP_STATUS_DELAY_MS } from '../config';
import { dateText } from '../format';
import { useConsole } from './context';
import { useLiveText } from './live-text';

/** The choice "the FAQ has no entry for this". */
const NONE = '-';
/** Entries listed at once: more are found by typing more words. */
const SHOWN = 50;

type Option = Pick<FaqEntry, 'id' | 'question'> & { lang?: FaqEntry['lang'] };

export function FaqMatch({ c }: { c: ConversationSummary }) {
  const model = useConsole();
  const t = model.t.value;
  const entries = model.faqEntries.value;
  // What the agent just chose, shown until the server's summary says it back.
  const [chosen, setChosen] = useState<{ for: string; value: string } | null>(null);
  /** The words typed to find an entry; null while the box shows the choice. */
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  /** The option the arrows are on; null until they move, for the first found. */
  const [active, setActive] = useState<number | null>(null);
  // Each entry's question and keywords folded once, not at every keystroke; the visitor's
  // language first: that is the entry they would have read.
  const searchable = useMemo(
    () =>
      [...entries.filter((e) => e.lang === c.lang), ...entries.filter((e) => e.lang !== c.lang)].map((e) => ({
        e,
        text: fold([e.question, ...(e.keywords ?? [])].join(' ')),
      })),
    [entries, c.lang],
  );
  const said = c.faqMatch ? (c.faqMatch.faqId ?? NONE) : '';
  const value = chosen && chosen.for === c.id && model.isPending('faqMatch', c.id) ? chosen.value : said;
  const words = fold(query ?? '').split(/\s+/).filter(Boolean);
  const found = searchable.filter(({ text }) => words.every((w) => text.includes(w))).map(({ e }) => e);
  const none = { id: NONE, question: t.noneLacks };
  // "None" heads the whole list and ends a found one: Enter on typed words takes the first found.
  const options: Option[] = words.length === 0 ? [none, ...found.slice(0, SHOWN)] : [...found.slice(0, SHOWN), none];
  // Words that find no entry find nothing for Enter either: "None" ending the list is not an
  // answer to them (Enter on a misspelling would overwrite a real choice with it). It is chosen by
  // the arrows or a click, or found by its own words ("lacks").
  const noneFound = words.length > 0 && words.every((w) => fold(t.noneLacks).includes(w));
  const first = words.length === 0 || found.length > 0 || noneFound ? 0 : -1;
  const current = active === null ? first : Math.min(active, options.length - 1);
  const count = open ? t.faqMatchCount(found.length, Math.min(found.length, SHOWN)) : '';
  const countSaid = useLiveText(count, LOOKUP_STATUS_DELAY_MS);
  const list = useRef<HTMLUListElement>(null);
  // The option the arrows reach is scrolled into the list's view (jsdom has no scrolling).
  useEffect(() => list.current?.children[current]?.scrollIntoView?.({ block: 'nearest' }), [open, current]);
  if (entries.length === 0) return null;

  const label = value === NONE ? t.noneLacks : (entries.find((e) => e.id === value)?.question ?? '');
  const openList = () => {
    if (open) return;
    setOpen(true);
    const at = options.findIndex((o) => o.id === value);
    setActive(at < 0 ? null : at);
  };
  const close = () => {
    setOpen(false);
    setQuery(null);
  };
  const choose = (next: string) => {
    close();
    if (next === said) return;
    setChosen({ for: c.id, value: next });
    model.setFaqMatch(c.id, next === NONE ? null : next);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.isComposing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      // Alt+↓ and Alt+↑ open and close the list, as on a select: not the next conversation (App.tsx).
      e.stopPropagation();
      if (e.key === 'ArrowUp' && e.altKey) setOpen(false);
      else if (!open) openList();
      else if (!e.altKey && current < 0) setActive(e.key === 'ArrowDown' ? 0 : options.length - 1);
      else if (!e.altKey) setActive((current + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
    } else if (e.key === 'Enter' && open) {
      // Nothing active (words that found nothing): Enter chooses nothing.
      const pick = current < 0 ? undefined : options[current];
      if (pick) choose(pick.id);
    } else if (e.key === 'Escape' && (open || query !== null)) close();
    else return;
    e.preventDefault();
  };

  return (
    <section aria-labelledby="faq-match-title" class="faq-match">
      <h2 id="faq-match-title">{t.faqMatch}</h2>
      <label id="faq-match-label" for="faq-match-input">
        {t.faqMatchQuestion}
      </label>
      <input
        id="faq-match-input"
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck={false}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={open ? 'faq-match-list' : undefined}
        aria-activedescendant={open && current >= 0 ? `faq-match-${current}` : undefined}
        aria-describedby="faq-match-note"
        placeholder={t.faqMatchFind}
        value={query ?? label}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setActive(null);
          setOpen(true);
        }}
        // The choice's words selected, for the next words typed to replace them.
        onFocus={(e) => e.currentTarget.select()}
        onClick={(e) => {
          if (query === null) e.currentTarget.select();
          openList();
        }}
        onKeyDown={onKeyDown}
        onBlur={close}
      />
      {open && (
        <ul ref={list} id="faq-match-list" class="faq-picker faq-match-list" role="listbox" aria-labelledby="faq-match-label">
          {options.map((o, i) => {
            const { lang } = o;
            return (
              <li
                key={o.id}
                id={`faq-match-${i}`}
                lang={lang}
                role="option"
                aria-selected={i === current}
                // The box keeps the focus (a blur would close the list before the click).
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(o.id)}
              >
                {o.question}
                {lang && lang !== c.lang && (
                  <span class="faq-picker-lang" lang={model.lang.value}>
                    {' '}
                    {t.lang[lang] ?? lang}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {open && (found.length > SHOWN || current < 0) && <p class="muted">{count}</p>}
      <p class="sr-only" aria-live="polite" aria-atomic="true">
        {countSaid}
      </p>
      <p id="faq-match-note" class="muted">
        {c.faqMatch ? t.saidBy(c.faqMatch.agent, dateText(c.faqMatch.at)) : `${t.notSaidYet}. `}
        {t.faqMatchNote}
      </p>
    </section>
  );
}
