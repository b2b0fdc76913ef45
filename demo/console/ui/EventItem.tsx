// One event of a conversation, in words. All text is rendered as text; FAQ answers go
// through the Markdown tree, never innerHTML.
import type { ConversationEvent } from '../../../protocol/events';
import { langText, reasonText, timeText } from '../format';
import type { Outgoing } from '../model/outbox';
import { useConsole } from './context';
import { PageLink } from './PageLink';
import { FaqAnswer } from './FaqAnswer';
import { LinkedText } from './LinkedText';
import { systemText } from '../transcript-text';
import { DeliveryState, NoteItem } from './Transcript';

const DECISIONS = { answer: 'Bot answered', suggest: 'Bot suggested answers', none: 'Bot found no answer' } as const;
// Small talk and a wish for a person are not questions the FAQ failed.
const INTENTS = { greeting: 'Bot greeted back', thanks: 'Bot replied to the thanks', handoff: 'Asked for a person' } as const;

interface Props {
  event: ConversationEvent;
  visitorName: string;
  outgoing: Outgoing | undefined;
}

export function EventItem({ event, visitorName, outgoing }: Props) {
  const model = useConsole();
  const b = event.body;
  const time = <time dateTime={new Date(event.at).toISOString()}>{timeText(event.at)}</time>;
  switch (b.kind) {
    case 'text': {
      const who = event.role === 'agent' ? (event.name ?? 'Agent') : event.role === 'visitor' ? visitorName : 'Bot';
      return (
        <li class={`event text ${event.role}`}>
          <div class="bubble">
            <div class="who">
              <span class="name">{who}</span> {time}
            </div>
            <p class="text">
              <LinkedText text={b.text} />
            </p>
            {outgoing && <DeliveryState message={{ ...outgoing, status: 'sent' }} />}
          </div>
        </li>
      );
    }
    case 'note':
      return <NoteItem name={event.name ?? 'Agent'} time={time} text={b.text} outgoing={outgoing && { ...outgoing, status: 'sent' }} />;
    case 'bot.query':
      return (
        <li class="event bot-step query">
          <div class="who">
            <span class="name">{visitorName}</span> asked the bot {time}
          </div>
          <p class="text">“{b.query}”</p>
          <p class="decision">{b.intent ? INTENTS[b.intent] : DECISIONS[b.decision]}</p>
          {b.results.length > 0 && (
            <ol class="results" aria-label="Top FAQ matches">
              {b.results.map((r) => (
                <li key={r.id}>
                  {r.question} <span class="score">{Math.round(r.score * 100)} %</span>
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
            <span class="name">Bot</span> showed an FAQ answer {time}
          </div>
          <p class="faq-question">{b.question}</p>
          <FaqAnswer markdown={model.faqAnswer(b.faqId)} />
        </li>
      );
    case 'bot.feedback':
      return (
        <li class="event system">
          {b.helpful ? '👍' : '👎'} {systemText(b)} {time}
        </li>
      );
    case 'handoff':
      return (
        <li class="event system handoff">
          <strong>Handed off to a person</strong> — {reasonText(b.reason)} · {langText(b.lang)} · from{' '}
          <PageLink page={b.page} />{' '}
          {time}
        </li>
      );
    case 'joined':
    case 'released':
    case 'closed':
      return (
        <li class="event system">
          {systemText(b)} {time}
        </li>
      );
    case 'rating':
      return (
        <li class="event system rating">
          Visitor rated the conversation <span aria-hidden="true">{'★'.repeat(b.score) + '☆'.repeat(5 - b.score)}</span>{' '}
          {b.score}/5{b.comment && <> — “{b.comment}”</>} {time}
        </li>
      );
  }
}
