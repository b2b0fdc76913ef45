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

/** `compact` is the queue's version: the first question is already the row's title there. */
/** What the visitor and the bot said is marked with its language, which may not be the console's. */
export function HandoffSummary({ c, compact = false }: { c: ConversationSummary; compact?: boolean }) {
  const model = useConsole();
  const t = model.t.value;
  const questions = compact ? c.questions.slice(1) : c.questions;
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
      {questions.length > 0 && (
        <div>
          <H>{compact ? t.alsoAsked : t.visitorAsked}</H>
          <ul class="questions" lang={c.lang}>
            {questions.map((q, i) => (
              <li key={i}>{t.quote(q)}</li>
            ))}
          </ul>
        </div>
      )}
      {c.botAnswers.length > 0 && (
        <div>
          <H>{t.botShowed}</H>
          <ul class="bot-answers">
            {c.botAnswers.map((a, i) => (
              <li key={`${a.faqId}-${i}`}>
                <span lang={model.faqLang(a.faqId) ?? c.lang}>{a.question}</span> <Verdict helpful={a.helpful} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="page">
        <H>{t.page}</H>
        <PageLink page={c.page} />
        {c.page.title && <div class="url">{c.page.url}</div>}
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
