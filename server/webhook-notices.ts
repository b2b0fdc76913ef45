// What a site's webhook is told (`--webhook`), worked out from a durable write: a visitor waits
// for a person, a message was written, a conversation closed or was rated. One notice per stored
// event, with an id made of the conversation and the event's seq, so the receiver can drop a
// retried delivery it already has. `text` is one line for people (a chat tool's channel).
// And one not tied to an event: visitors are waiting, and the last console has gone or paused.
import { createHash } from 'node:crypto';
import { queuedAt, waitingOrder, type ConversationEvent, type ConversationSummary, type HandoffReason } from '../protocol';
import { iso, publicConversation, publicEvent, type Iso, type PublicConversation, type PublicEvent } from './public-shapes';

export type ConversationNoticeType = 'conversation.queued' | 'conversation.message' | 'conversation.closed' | 'conversation.rated';

interface NoticeBase {
  /** The same on every retry of this notice. */
  id: string;
  at: Iso;
  text: string;
  /** Whether a console was taking new chats (open, not paused) when it happened: false is the one to wake someone for. */
  staffed: boolean;
}

export interface ConversationNotice extends NoticeBase {
  /** `<conversation id>.<seq>`. */
  id: string;
  type: ConversationNoticeType;
  /** The conversation after the write, as agents see it. */
  conversation: PublicConversation;
  /** The stored event the notice is about. */
  event: PublicEvent;
}

/** Visitors wait and no console takes new chats any more. */
export interface UnattendedNotice extends NoticeBase {
  type: 'queue.unattended';
  staffed: false;
  /** The waiting conversations, longest waiting first. */
  conversations: PublicConversation[];
}

export type WebhookNotice = ConversationNotice | UnattendedNotice;
export type WebhookType = WebhookNotice['type'];

const REASONS: Record<HandoffReason, string> = {
  asked_for_person: 'asked for a person',
  no_answer: 'the FAQ had no answer',
  not_helpful: 'an FAQ answer did not help',
};

/** The visitor as the lines name them; "a visitor" when the site did not say who, "A visitor" to start a line. */
function who(c: ConversationSummary, startsLine = false): string {
  const { name, email } = c.visitor;
  if (name && email) return `${name} (${email})`;
  return name ?? email ?? (startsLine ? 'A visitor' : 'a visitor');
}

const quoted = (text: string, max = 200) => `“${text.length > max ? `${text.slice(0, max - 1)}…` : text}”`;

/** The notice's type and line for a stored event, or null when the site is not told of it. */
function describe(e: ConversationEvent, c: ConversationSummary, staffed: boolean): { type: ConversationNoticeType; text: string } | null {
  const b = e.body;
  const nobody = staffed ? '' : ' Nobody is online.';
  switch (b.kind) {
    case 'handoff': {
      if (c.status !== 'queued') return null;
      const asked = c.questions[0] ? ` ${quoted(c.questions[0])}` : '';
      return { type: 'conversation.queued', text: `${who(c, true)} is waiting for a person (${REASONS[b.reason]}):${asked} on ${b.page.url}.${nobody}` };
    }
    case 'released':
      return { type: 'conversation.queued', text: `${who(c, true)} is waiting again: ${b.agent} ${b.away ? 'was offline too long' : 'put the conversation back in the queue'}.${nobody}` };
    case 'text':
      if (e.role === 'agent') return { type: 'conversation.message', text: `${e.name ?? 'An agent'} to ${who(c)}: ${quoted(b.text)}` };
      return { type: 'conversation.message', text: `${who(c, true)}: ${quoted(b.text)}${c.status === 'queued' ? ` (waiting for a person).${nobody}` : ''}` };
    case 'file':
      // As with text, an agent's file is named as theirs: the site's people must not read it as the visitor's.
      if (e.role === 'agent') return { type: 'conversation.message', text: `${e.name ?? 'An agent'} sent ${who(c)} a file: ${quoted(b.name)}` };
      return { type: 'conversation.message', text: `${who(c, true)} sent a file: ${quoted(b.name)}` };
    case 'closed':
      return { type: 'conversation.closed', text: `The conversation with ${who(c)} was closed by ${b.by === 'agent' ? (c.agent?.name ?? 'an agent') : 'the visitor'}.` };
    case 'rating':
      return { type: 'conversation.rated', text: `${who(c, true)} rated the conversation ${b.score}/5${b.comment ? `: ${quoted(b.comment)}` : '.'}` };
    default:
      return null;
  }
}

/** The notices for the events one write stored, given the conversation after it. */
export function webhookNotices(conversation: ConversationSummary, events: readonly ConversationEvent[], staffed: boolean): ConversationNotice[] {
  return events.flatMap((e) => {
    const described = describe(e, conversation, staffed);
    if (!described) return [];
    return [{ id: `${conversation.id}.${e.seq}`, ...described, at: iso(e.at), staffed, conversation: publicConversation(conversation), event: publicEvent(e) }];
  });
}

/**
 * Visitors still waiting when the last console went or paused, or null when none is. The id
 * comes from the waiting conversations and how far each has got, so every server of a cluster,
 * each of which sees nobody online, sends the same notice under the same id.
 */
export function unattendedNotice(open: readonly ConversationSummary[], now: number): UnattendedNotice | null {
  // In the order agents take them; the longest wait counts from when each (re)entered the queue,
  // not the time an agent was serving one that went back.
  const waiting = waitingOrder(open);
  if (waiting.length === 0) return null;
  const key = waiting.map((c) => `${c.id}.${c.lastSeq}`).join(',');
  const first = waiting.reduce((a, b) => (queuedAt(b) < queuedAt(a) ? b : a));
  const many = waiting.length === 1 ? '1 visitor is' : `${waiting.length} visitors are`;
  const asked = first.questions[0] ? ` ${quoted(first.questions[0])}` : '';
  const minutes = Math.round((now - queuedAt(first)) / 60_000);
  return {
    id: `unattended.${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`,
    type: 'queue.unattended',
    at: iso(now),
    text: `${many} waiting for a person and nobody is online any more. Longest: ${who(first)}, waiting ${minutes < 1 ? 'under a minute' : `${minutes} min`}:${asked}`,
    staffed: false,
    conversations: waiting.map(publicConversation),
  };
}
