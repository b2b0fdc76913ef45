// The bot part: a greeting, FAQ suggestions while typing (an ARIA combobox), the answer card
// with "Did this help?", and the friendly replies to small talk.
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { FaqEntry, FaqSearchResult } from '../../../faq/types';
import type { HandoffReason } from '../../../protocol/events';
import type { FaqModel } from '../model/faq';
import type { Session } from '../model/session';
import type { Strings } from '../i18n/strings';
import { Markdown } from './Markdown';

interface Props {
  faq: FaqModel;
  session: Session;
  t: Strings;
}

const LISTBOX = 'kohtaamo-suggestions';
/** What a question the FAQ could not be searched for goes to the person with. */
const NOT_SEARCHED: FaqSearchResult = { decision: 'none', results: [] };

export function BotView({ faq, session, t }: Props) {
  const picked = useSignal<FaqEntry | null>(null);
  const rated = useSignal(false);
  const replies = useSignal<string[]>([]);
  /** Enter was pressed before the FAQ arrived: it is acted on when it does, not dropped. */
  const pendingEnter = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const result = faq.result.value;
  /** Escape closed the list, as a combobox's does; the next keystroke opens it again. */
  const listClosed = useSignal(false);
  // `none` means "hand off": its weak candidates would contradict the hint to press Enter.
  // An answer card on screen does not hide them: the visitor may already be asking the next thing.
  const options = !result || result.decision === 'none' || listClosed.value ? [] : result.results;
  const say = (text: string) => (replies.value = [...replies.value, text]);

  const show = (query: string, r: FaqSearchResult, entry: FaqEntry) => {
    session.bot.query(query, r);
    session.bot.answer(entry);
    picked.value = entry;
    rated.value = false;
    faq.clear();
  };

  const submit = () => {
    const query = faq.query.value.trim();
    if (!query) return;
    const r = faq.searchNow();
    if (!r) {
      // The FAQ could not be loaded: the question goes to a person, and with the handoff.
      if (faq.state.value === 'error') {
        session.bot.query(query, NOT_SEARCHED);
        session.handoff('no_answer');
      } else pendingEnter.current = true;
      return;
    }
    const top = r.results[0];
    if (r.intent === 'greeting' || r.intent === 'thanks') {
      session.bot.query(query, r);
      say(r.intent === 'greeting' ? t.replyGreeting : t.replyThanks);
      faq.clear();
    } else if (r.intent === 'handoff') {
      session.bot.query(query, r);
      session.handoff('asked_for_person');
    } else if (r.decision === 'answer' && top) show(query, r, top.entry);
    else if (r.decision === 'none' || !top) {
      session.bot.query(query, r);
      session.handoff('no_answer');
    } else {
      faq.active.value = 0;
      // Asked, though only suggestions came: the person it may go to sees it (bot-log.ts keeps it once as one opens).
      session.bot.query(query, r);
    }
  };

  const faqState = faq.state.value;
  useEffect(() => {
    if (!pendingEnter.current || faqState === 'loading') return;
    pendingEnter.current = false;
    submit();
  }, [faqState]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && options.length > 0) {
      // The list first; the panel with the next Escape.
      e.stopPropagation();
      listClosed.value = true;
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      faq.move(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      // Only one that is shown: with no suggestions, Enter hands off as the hint says.
      const chosen = options[faq.active.value];
      if (result && chosen) show(faq.query.value.trim(), result, chosen.entry);
      else submit();
    }
  };

  const feedback = (helpful: boolean) => {
    const entry = picked.value;
    if (!entry) return;
    session.interacted();
    session.bot.feedback(entry, helpful);
    rated.value = true;
    if (helpful) {
      say(t.gladItHelped);
      // The button pressed is gone with its row: focus stays in the panel, ready for the next question.
      input.current?.focus();
    } else toPerson('not_helpful');
  };

  // A question typed but not yet sent still goes to the person: nobody should have to repeat it.
  const toPerson = (reason: HandoffReason) => {
    const query = faq.query.value.trim();
    if (query) {
      session.bot.query(query, faq.searchNow() ?? NOT_SEARCHED, true);
      faq.clear();
    }
    session.handoff(reason);
  };

  const back = () => {
    picked.value = null;
    input.current?.focus();
  };

  const active = faq.active.value;
  // What the arrows and Enter bring up is scrolled into view: the active option in its list (at
  // 400 % zoom the list shows one), else the list as it appears (on a short screen, a phone's with
  // its keyboard open, it comes under the field, where the panel would leave it out of sight
  // below), else the answer card in the conversation, and in the panel, which scrolls there.
  const list = useRef<HTMLUListElement>(null);
  const card = useRef<HTMLElement>(null);
  useEffect(() => (list.current?.children[active] ?? list.current ?? card.current)?.scrollIntoView({ block: 'nearest' }), [active, picked.value, options.length > 0]);
  const hint =
    faq.state.value === 'error'
      ? t.faqUnavailable
      : faq.query.value.trim() && faq.state.value !== 'ready'
        ? t.loadingFaq
        : result && (result.decision === 'none' || options.length === 0) && !result.intent
          ? t.noAnswerHint
          : options.length > 0
            ? t.suggestHint
            : '';

  return (
    <>
      <div class="body">
        <ol class="log" aria-live="polite" aria-label={t.transcript}>
          <li class="msg bot">{t.greeting}</li>
          {replies.value.map((text, i) => (
            <li key={i} class="msg bot">
              {text}
            </li>
          ))}
        </ol>
        {/* Announced as it opens, while focus stays in the question field. */}
        <div aria-live="polite">
        {picked.value && (
          <article ref={card} class="card" aria-labelledby="kohtaamo-answer">
            <h3 id="kohtaamo-answer">{picked.value.question}</h3>
            <Markdown blocks={faq.parse(picked.value.answer)} />
            {!rated.value && (
              <div class="row" role="group" aria-label={t.helped}>
                <span>{t.helped}</span>
                <button type="button" class="btn" onClick={() => feedback(true)}>
                  {t.yes}
                </button>
                <button type="button" class="btn" onClick={() => feedback(false)}>
                  {t.no}
                </button>
              </div>
            )}
            <button type="button" class="btn" onClick={back}>
              {t.back}
            </button>
          </article>
        )}
        </div>
      </div>
      <div class="foot">
        <div class="combo">
          {options.length > 0 && (
            <ul ref={list} id={LISTBOX} class="listbox" role="listbox" aria-label={t.suggestions}>
              {options.map((hit, i) => (
                <li
                  key={hit.entry.id}
                  id={`${LISTBOX}-${i}`}
                  class="option"
                  role="option"
                  aria-selected={i === active}
                  // The focus stays in the field for the keyboard's next question; on a touch
                  // screen it goes, and the phone's keyboard with it, off the answer card.
                  onMouseDown={(e) => matchMedia('(pointer:coarse)').matches || e.preventDefault()}
                  onClick={() => result && show(faq.query.value.trim(), result, hit.entry)}
                >
                  {hit.entry.question}
                </li>
              ))}
            </ul>
          )}
          <p class="hint" id="kohtaamo-hint" aria-live="polite">
            {hint}
          </p>
          <input
            ref={input}
            class="field"
            type="text"
            role="combobox"
            aria-label={t.inputLabel}
            aria-autocomplete="list"
            aria-expanded={options.length > 0}
            aria-controls={LISTBOX}
            aria-activedescendant={active >= 0 && options.length > 0 ? `${LISTBOX}-${active}` : undefined}
            aria-describedby={hint ? 'kohtaamo-hint' : undefined}
            placeholder={t.placeholder}
            autocomplete="off"
            enterkeyhint="send"
            maxLength={500}
            value={faq.query.value}
            onInput={(e) => {
              session.interacted();
              listClosed.value = false;
              faq.input(e.currentTarget.value);
            }}
            onKeyDown={onKeyDown}
          />
        </div>
        <button type="button" class="btn person" onClick={() => toPerson('asked_for_person')}>
          {t.talkToPerson}
        </button>
      </div>
    </>
  );
}
