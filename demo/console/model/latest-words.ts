// Where a conversation stands, as its card says it: the visitor's newest message (what they
// wrote while waiting, after the bot question the card is titled with), and whether the last
// word is theirs: in the agent's own conversation, a reply is owed.
//
// The transcript tells it where the console has one (its own conversations stream, an opened
// one came whole). A card alone has `lastText`, the newest message of anyone, an agent's reply
// too, and does not say whose: it is the visitor's only in a waiting conversation no agent has
// had (not `returned`) where the visitor wrote (`firstText`; an older server sends neither).
import { isAgentReply, isVisitorMessage, type ConversationEvent, type ConversationSummary } from '../../../protocol/events';
import { visitorWords, type Strings } from '../strings';

export interface LatestWords {
  /** The visitor's newest message or file, unless it is what the card is titled with; absent: none, or not known. */
  text?: string;
  /** Whether the last message, the visitor's or an agent's reply, is the visitor's. */
  theirs: boolean;
}

/** A visitor's message as a card or a notification says it: its words, or "📎 receipt.pdf" for a file. */
export function messageText(t: Strings, e: ConversationEvent): string {
  if (e.body.kind === 'text') return e.body.text;
  return e.body.kind === 'file' ? t.attachment(e.body.name) : t.newMessage;
}

export function latestWords(t: Strings, c: ConversationSummary, events: readonly ConversationEvent[] | undefined): LatestWords {
  const title = visitorWords(c);
  if (events && events.length > 0) {
    const last = events.findLast((e) => isVisitorMessage(e) || isAgentReply(e));
    const latest = events.findLast(isVisitorMessage);
    if (!latest) return { theirs: false };
    // Titled with their first message (they asked the bot nothing): that one is no news on the card.
    const first = events.find((e) => isVisitorMessage(e) && e.body.kind === 'text');
    const text = messageText(t, latest);
    const isTitle = (c.questions.length === 0 && latest === first) || text === title;
    return { theirs: last === latest, ...(isTitle ? {} : { text }) };
  }
  const theVisitors = c.status === 'queued' && !c.returned && c.firstText !== undefined && c.lastText !== undefined;
  return theVisitors && c.lastText !== title ? { text: c.lastText, theirs: true } : { theirs: theVisitors };
}
