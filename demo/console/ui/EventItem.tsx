// One event of a conversation, in words. All text is rendered as text; FAQ answers go
// through the Markdown tree, never innerHTML.
import type { ConversationEvent } from '../../../protocol/events';
import { isoTime } from '../format';
import { botDecisionText } from '../strings';
import type { Outgoing } from '../model/outbox';
import { useConsole } from './context';
import { Icon } from './Icon';
import { PageLink } from './PageLink';
import { FaqAnswer } from './FaqAnswer';
import { FileContent } from './FileContent';
import { Bubble } from './Bubble';

interface Props {
  event: ConversationEvent;
  visitorName: string;
  /**
   * The conversation's language. What the visitor, the bot and the agent said to them is marked
   * with it (FAQ text with its entry's), so a screen reader speaks Finnish as Finnish in an
   * English console; the console's own words around them are left in the console's language.
   */
  lang: string;
  /** The agent's own message on its way, with its state; a stored one is sent. */
  outgoing: Outgoing | undefined;
  /** The agent's newest reply, not seen by the visitor yet (sentMark in model/transcript.ts). */
  sent?: boolean;
  /** When the visitor saw this reply, if it is the last they have seen (seenMark in model/transcript.ts). */
  seenAt?: number | undefined;
}

/**
 * Drawn again only when a prop changed: it reads signals (the words), and @preact/signals skips
 * such a component while its props are the same values. The transcript draws its list again for
 * each new message; a stored event is the same object, so an unchanged line is left alone. No
 * memo() around it: that was one more component for each of a long conversation's lines.
 */
export function EventItem({ event, visitorName, lang, outgoing, sent = false, seenAt }: Props) {
  const model = useConsole();
  const t = model.t.value;
  const b = event.body;
  const time = <time dateTime={isoTime(event.at)}>{t.when(event.at, model.today.value)}</time>;
  const who = event.role === 'agent' ? (event.name ?? t.agent) : event.role === 'visitor' ? visitorName : t.bot;
  switch (b.kind) {
    case 'text':
      return <Bubble role={event.role} name={who} at={event.at} text={b.text} lang={lang} outgoing={outgoing} sent={sent} seenAt={seenAt} />;
    // Uploaded over HTTP, not through the outbox: no delivery state to show.
    case 'file':
      return (
        <Bubble role={event.role} name={who} at={event.at} outgoing={undefined} sent={sent} seenAt={seenAt}>
          <FileContent file={b} />
        </Bubble>
      );
    case 'note':
      return <Bubble note role={event.role} name={event.name ?? t.agent} at={event.at} text={b.text} outgoing={outgoing} />;
    case 'bot.query':
      return (
        <li class="event bot-step query">
          <div class="who">
            <span class="name">{visitorName}</span>
            {t.askedTheBot}
            {time}
          </div>
          <p class="text" lang={lang}>
            {t.quote(b.query)}
          </p>
          {/* Small talk and a wish for a person are not questions the FAQ failed. One typed but not
              sent was not answered, whatever the search would have decided. */}
          <p class="decision">{botDecisionText(t, b)}</p>
          {b.results.length > 0 && (
            <ol class="results" aria-label={t.topMatches}>
              {/* Only the first's score is a probability, that it is the right entry (faq/types.ts); the
                  others' are on another scale, and as percentages beside it they read as ranked wrongly. */}
              {b.results.map((r, i) => (
                <li key={r.id}>
                  <span lang={model.faqLang(r.id) ?? lang}>{r.question}</span>
                  {i === 0 && <> <span class="score">{t.likelyRight(r.score)}</span></>}
                </li>
              ))}
            </ol>
          )}
        </li>
      );
    case 'bot.answer':
      return (
        <li class="event bot-step answer">
          <div class="who">
            <span class="name">{t.bot}</span>
            {t.showedAnswer}
            {time}
          </div>
          <p class="faq-question" lang={model.faqLang(b.faqId) ?? lang}>
            {b.question}
          </p>
          <FaqAnswer markdown={model.faqAnswer(b.faqId)} lang={model.faqLang(b.faqId) ?? lang} />
        </li>
      );
    case 'bot.feedback':
      return (
        <li class="event system">
          <Icon name="thumbUp" flip={!b.helpful} />
          {t.system(b)} {time}
        </li>
      );
    case 'handoff':
      return (
        <li class="event system handoff">
          <strong>{t.handedOff}</strong> — {t.reason[b.reason]} · {t.lang[b.lang]} · {t.from}{' '}
          <PageLink page={b.page} />{' '}
          {time}
        </li>
      );
    case 'joined':
    case 'released':
    case 'closed':
      return (
        <li class="event system">
          {t.system(b)} {time}
        </li>
      );
    case 'emailed':
      // The server's doing, for agents only: marked like a note so nobody takes it for a line the visitor read.
      return (
        <li class={b.failed ? 'event system emailed failed' : 'event system emailed'}>
          {t.system(b)}
          {t.emailedMark}
          {time}
        </li>
      );
    // Shown as "Seen" under the reply it names, not as a line of its own; the agent knows what they read.
    case 'seen':
    case 'read':
      return null;
    // A server's claim on an email, before sending it: the `emailed` after it says how it went.
    case 'emailing':
      return null;
    case 'rating':
      return (
        <li class="event system rating">
          {t.rated} <span aria-hidden="true">{'★'.repeat(b.score) + '☆'.repeat(5 - b.score)}</span>{' '}
          {/* The comment in a <bdi>: a bidi override in what the visitor wrote would turn the time after it around. */}
          {b.score}/5{b.comment && <> — <bdi lang={lang}>{t.quote(b.comment)}</bdi></>} {time}
        </li>
      );
  }
}
