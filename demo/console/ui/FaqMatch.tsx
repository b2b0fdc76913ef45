// The agent's word on which FAQ entry answers what the visitor wanted, or that none does. It
// feeds the site owner's `kohtaamo faq gaps` report: the visitor's own words, attributed to the
// entry they belong to, are what the FAQ's keywords lack.
import { useState } from 'preact/hooks';
import type { ConversationSummary } from '../../../protocol/events';
import { dateText } from '../format';
import { useConsole } from './context';

/** The select's value for "the FAQ has no entry for this". */
const NONE = '-';

export function FaqMatch({ c }: { c: ConversationSummary }) {
  const model = useConsole();
  const t = model.t.value;
  const entries = model.faqEntries.value;
  // What the agent just chose, shown until the server's summary says it back.
  const [chosen, setChosen] = useState<{ for: string; value: string } | null>(null);
  const said = c.faqMatch ? (c.faqMatch.faqId ?? NONE) : '';
  const value = chosen && chosen.for === c.id && model.isPending('faqMatch', c.id) ? chosen.value : said;
  if (entries.length === 0) return null;
  // The visitor's language first: that is the entry they would have read.
  const langs = [...new Set([c.lang, ...entries.map((e) => e.lang)])];
  const choose = (next: string) => {
    if (next === '' || next === said) return;
    setChosen({ for: c.id, value: next });
    model.setFaqMatch(c.id, next === NONE ? null : next);
  };
  return (
    <section aria-labelledby="faq-match-title" class="faq-match">
      <h2 id="faq-match-title">{t.faqMatch}</h2>
      <label for="faq-match-select">{t.faqMatchQuestion}</label>
      <select id="faq-match-select" value={value} onChange={(e) => choose(e.currentTarget.value)} aria-describedby="faq-match-note">
        {said === '' && (
          <option value="" disabled>
            {t.notSaidYet}
          </option>
        )}
        <option value={NONE}>{t.noneLacks}</option>
        {langs.map((lang) => (
          <optgroup key={lang} label={t.lang[lang] ?? lang}>
            {entries
              .filter((e) => e.lang === lang)
              .map((e) => (
                <option key={e.id} value={e.id}>
                  {e.question}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      <p id="faq-match-note" class="muted">
        {c.faqMatch ? t.saidBy(c.faqMatch.agent, dateText(c.faqMatch.at)) : ''}
        {t.faqMatchNote}
      </p>
    </section>
  );
}
