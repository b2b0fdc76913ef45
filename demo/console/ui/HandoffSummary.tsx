// What the bot already knows about a conversation, so the agent never asks again: why it was
// handed off, what the visitor asked, which FAQ answers they saw and what they thought of them.
import type { ConversationSummary } from '../../../protocol/events';
import { useConsole } from './context';
import { Icon } from './Icon';
import { PageLink } from './PageLink';

export function Verdict({ helpful }: { helpful: boolean | undefined }) {
  const t = useConsole().t.value;
  if (helpful === undefined) return <span class="verdict none">{t.noVerdict}</span>;
  return helpful ? (
    <span class="verdict up" title={t.helpfulTitle}>
      <Icon name="thumbUp" />
      {t.helpful}
    </span>
  ) : (
    <span class="verdict down" title={t.notHelpfulTitle}>
      <Icon name="thumbUp" flip />
      {t.notHelpful}
    </span>
  );
}

/**
 * Questions and answers a queue card lists, the newest: with 63 waiting, each card printing all
 * 30 of a visitor's questions made the queue 21,000 px tall and put the agent's own
 * conversations out of reach. The rest are counted ("+28 more"); the summary pane has them all.
 */
const CARD_ITEMS = 2;

/** The newest `max` of a list, and how many more there are (`more`: those the server left out already). */
function newest<T>(items: readonly T[], max: number, more = 0): { shown: readonly T[]; more: number } {
  const shown = items.slice(Math.max(0, items.length - max));
  return { shown, more: more + items.length - shown.length };
}

/**
 * `compact` is the queue's version: the first question is already the row's title there, the
 * newest two others and answers are listed (each two lines at most), and the page is its title
 * alone, the address being in the summary pane. What the visitor and the bot said is marked with
 * its language, which may not be the console's.
 */
export function HandoffSummary({ c, compact = false }: { c: ConversationSummary; compact?: boolean }) {
  const model = useConsole();
  const t = model.t.value;
  const max = compact ? CARD_ITEMS : Infinity;
  const questions = newest(compact ? c.questions.slice(1) : c.questions, max, c.moreQuestions);
  const answers = newest(c.botAnswers, max, c.moreBotAnswers);
  // Under the queue's h3 group titles in the queue, under the panel's h2 on the side.
  const H = compact ? 'h4' : 'h3';
  return (
    <div class={compact ? 'summary compact' : 'summary'}>
      <p class="chips">
        <span class={`chip reason ${c.reason}`}>{t.reason[c.reason]}</span>
        <span class="chip" title={t.visitorsLanguage}>
          {t.lang[c.lang]}
        </span>
        {c.previousConversations > 0 && <span class="chip">{t.earlier(c.previousConversations)}</span>}
      </p>
      {questions.shown.length + questions.more > 0 && (
        <div>
          <H>{compact ? t.alsoAsked : t.visitorAsked}</H>
          <ul class="questions">
            {questions.shown.map((q, i) => (
              <li key={i} lang={c.lang}>
                <span class="clamp">{t.quote(q)}</span>
              </li>
            ))}
            {questions.more > 0 && <li class="more">{t.more(questions.more)}</li>}
          </ul>
        </div>
      )}
      {answers.shown.length + answers.more > 0 && (
        <div>
          <H>{t.botShowed}</H>
          <ul class="bot-answers">
            {answers.shown.map((a, i) => (
              <li key={`${a.faqId}-${i}`}>
                <span class="clamp">
                  <span lang={model.faqLang(a.faqId) ?? c.lang}>{a.question}</span> <Verdict helpful={a.helpful} />
                </span>
              </li>
            ))}
            {answers.more > 0 && <li class="more">{t.more(answers.more)}</li>}
          </ul>
        </div>
      )}
      <div class="page">
        <H>{t.page}</H>
        <PageLink page={c.page} />
        {!compact && c.page.title && <div class="url">{c.page.url}</div>}
      </div>
      {/* The widget comes along as the visitor browses on mid-chat; an open conversation says where they are now. */}
      {!compact && c.status !== 'closed' && c.nowOn && c.nowOn.url !== c.page.url && (
        <div class="page now-on">
          <H>{t.nowOn}</H>
          <PageLink page={c.nowOn} />
          {c.nowOn.title && <div class="url">{c.nowOn.url}</div>}
        </div>
      )}
      {!compact && (c.visitor.name || c.visitor.email) && (
        <>
          <dl class="visitor">
            {c.visitor.name && (
              <>
                <dt>{t.name}</dt>
                <dd>{c.visitor.name}</dd>
              </>
            )}
            {c.visitor.email && (
              <>
                <dt>{t.email}</dt>
                <dd>
                  <a href={`mailto:${c.visitor.email}`}>{c.visitor.email}</a>
                </dd>
              </>
            )}
          </dl>
          {/* Any visitor can call Kohtaamo('identify') from devtools: only the site's signature makes it proof. */}
          {c.visitor.verified ? (
            <p class="visitor-note verified">{t.verified}</p>
          ) : (
            <p class="visitor-note muted">{t.notVerified}</p>
          )}
        </>
      )}
    </div>
  );
}
