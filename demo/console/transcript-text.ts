// A conversation as plain text, for the agent to save or forward (to the warehouse, to a
// colleague by email): the handoff summary, then every event in order, the bot part included,
// in the agent's language.
import type { ConversationEvent, ConversationSummary } from '../../protocol/events';
import { dateText, timeText } from './format';
import { botDecisionText, visitorLabel, type Strings } from './strings';

/** The event's line, or null for one that is none. */
function eventText(t: Strings, e: ConversationEvent, visitor: string): string | null {
  const b = e.body;
  const who = e.role === 'agent' ? (e.name ?? t.agent) : e.role === 'visitor' ? visitor : t.bot;
  switch (b.kind) {
    case 'text':
      return t.file.text(who, b.text);
    // The file itself stays on the server: its name and size say what was sent.
    case 'file':
      return t.file.sent(who, b.name, t.fileSize(b.size));
    case 'note':
      return t.file.note(e.name ?? t.agent, b.text);
    case 'bot.query': {
      // Only the first's score is a probability (EventItem.tsx).
      const results = b.results.map((r, i) => `\n${i + 1}. ${r.question}${i === 0 ? ` (${t.likelyRight(r.score)})` : ''}`).join('');
      return t.file.asked(visitor, b.query, botDecisionText(t, b)) + results;
    }
    case 'bot.answer':
      return t.file.answer(b.question);
    case 'handoff':
      return t.file.handoff(t.reason[b.reason], b.page.url);
    case 'rating':
      return t.file.rating(b.score, b.comment);
    // A server's claim on an email, before sending it: the `emailed` after it says how it went.
    case 'emailing':
      return null;
    default:
      return t.system(b);
  }
}

// Every line that starts at the margin is the start of an event or of the header: what someone
// wrote goes on indented lines after it, so a visitor's message (or name, or the page title their
// browser gave) cannot add a line that reads "12:07 Aino: Refund approved".
const LINE_BREAK = /\r\n?|[\n\u0085\u2028\u2029]/g;
const INDENT = '    ';
const indented = (text: string) => text.replace(LINE_BREAK, `\n${INDENT}`);
const oneLine = (text: string) => text.replace(LINE_BREAK, ' ');

/** The calendar day in the agent's zone, as a key; null for a time no Date holds. */
function dayOf(at: number): string | null {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? null : `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

export function transcriptText(t: Strings, c: ConversationSummary, events: readonly ConversationEvent[]): string {
  const visitor = visitorLabel(t, c.visitor);
  const who = [c.visitor.name, c.visitor.email && `${c.visitor.email}${c.visitor.verified ? t.file.verified : t.file.notVerified}`].filter(Boolean).join(' · ');
  const head = [
    t.file.title(c.id),
    `${t.file.visitor}: ${who || visitor}`,
    `${t.file.started}: ${dateText(c.createdAt)} · ${t.lang[c.lang] ?? c.lang} · ${t.reason[c.reason]}`,
    `${t.file.page}: ${c.page.title ? `${c.page.title} ` : ''}${c.page.url}`,
    `${t.file.status}: ${t.status[c.status]}${c.agent ? ` · ${c.agent.name}` : ''}`,
  ].map(oneLine);
  // A time alone reads as the day the header says the conversation started: where a later event
  // falls on another day (the visitor came back, an email follow-up), a line with its date comes
  // first, after a blank line, so the file reads as days.
  let day = dayOf(c.createdAt);
  const lines = [...events].sort((a, b) => a.seq - b.seq).flatMap((e) => {
    const text = eventText(t, e, visitor);
    if (text === null) return [];
    const line = `${timeText(e.at)} ${indented(text)}`;
    const eventDay = dayOf(e.at);
    if (eventDay === null || eventDay === day) return [line];
    day = eventDay;
    return ['', t.file.day(new Date(e.at)), line];
  });
  return [...head, '', ...lines, ''].join('\n');
}
