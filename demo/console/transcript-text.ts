// A conversation as plain text, for the agent to save or forward (to the warehouse, to a
// colleague by email): the handoff summary, then every event in order, the bot part included.
// The console's own lines for agents and system events come from here too, so both say the same.
import type { ConversationEvent, ConversationSummary, EventBody } from '../../protocol/events';
import { dateText, langText, reasonText, statusText, timeText, visitorLabel } from './format';

type SystemBody = Extract<EventBody, { kind: 'joined' | 'released' | 'closed' | 'bot.feedback' }>;

/** What a system event says, as the transcript shows it. */
export function systemText(b: SystemBody): string {
  switch (b.kind) {
    case 'joined':
      if (b.from && b.passed) return `${b.from} passed the conversation to ${b.agent}`;
      return b.from ? `${b.agent} took over from ${b.from}` : `${b.agent} joined the conversation`;
    case 'released':
      return b.away ? `${b.agent} was offline too long; the conversation went back to the queue` : `${b.agent} put the conversation back in the queue`;
    case 'closed':
      return `Conversation closed by the ${b.by}`;
    case 'bot.feedback':
      return b.helpful ? 'The visitor found the answer helpful' : 'The visitor said the answer did not help';
  }
}

function eventText(e: ConversationEvent, visitor: string): string {
  const b = e.body;
  switch (b.kind) {
    case 'text':
      return `${e.role === 'agent' ? (e.name ?? 'Agent') : e.role === 'visitor' ? visitor : 'Bot'}: ${b.text}`;
    case 'bot.query': {
      const results = b.results.map((r, i) => `\n    ${i + 1}. ${r.question} (${Math.round(r.score * 100)} %)`).join('');
      return `${visitor} asked the bot: “${b.query}” (${b.intent ?? b.decision})${results}`;
    }
    case 'bot.answer':
      return `Bot showed the FAQ answer: ${b.question}`;
    case 'handoff':
      return `Handed off to a person: ${reasonText(b.reason)}, from ${b.page.url}`;
    case 'rating':
      return `Visitor rated the conversation ${b.score}/5${b.comment ? `: “${b.comment}”` : ''}`;
    case 'note':
      return `${e.name ?? 'Agent'} (note, not shown to the visitor): ${b.text}`;
    default:
      return systemText(b);
  }
}

export function transcriptText(c: ConversationSummary, events: readonly ConversationEvent[]): string {
  const visitor = visitorLabel(c.visitor);
  const who = [c.visitor.name, c.visitor.email && `${c.visitor.email}${c.visitor.verified ? ', verified by the site' : ', not verified'}`].filter(Boolean).join(' · ');
  const head = [
    `Kohtaamo conversation ${c.id}`,
    `Visitor: ${who || visitor}`,
    `Started: ${dateText(c.createdAt)} · ${langText(c.lang)} · ${reasonText(c.reason)}`,
    `Page: ${c.page.title ? `${c.page.title} ` : ''}${c.page.url}`,
    `Status: ${statusText(c.status)}${c.agent ? ` · ${c.agent.name}` : ''}`,
  ];
  const lines = [...events].sort((a, b) => a.seq - b.seq).map((e) => `${timeText(e.at)} ${eventText(e, visitor)}`);
  return [...head, '', ...lines, ''].join('\n');
}
