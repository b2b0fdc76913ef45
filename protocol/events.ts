// A conversation is an append-only list of events. The store gives each event the next
// sequence number of its conversation; clients remember the last one they saw and ask
// for everything after it when they reconnect. That is the whole delivery guarantee.
import * as v from 'valibot';
import { LIMITS } from './limits';
import * as f from './fields';
import { FILE_TYPES } from './files';

export const FAQ_DECISIONS = ['answer', 'suggest', 'none'] as const;
export type FaqDecision = (typeof FAQ_DECISIONS)[number];

/** Why the bot handed the visitor to a person. */
export const HANDOFF_REASONS = ['no_answer', 'not_helpful', 'asked_for_person'] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

export const CONVERSATION_STATUSES = ['queued', 'active', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const faqResult = v.object({
  id: f.id,
  question: f.storedFaqQuestion,
  /** The first result's: the probability that it is the right entry; the others': on another scale (faq/types.ts `FaqHit`). */
  score: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
});
export type FaqResult = v.InferOutput<typeof faqResult>;

// ── What happened with the bot, recorded in the browser and carried by the handoff ──

/** The visitor asked the bot something and the FAQ search decided. */
const botQuery = v.object({
  kind: v.literal('bot.query'),
  query: f.query,
  decision: v.picklist(FAQ_DECISIONS),
  /** Set when the query was small talk or a wish for a person rather than a question. */
  intent: v.optional(v.picklist(['greeting', 'thanks', 'handoff'])),
  results: v.pipe(v.array(faqResult), v.maxLength(LIMITS.results)),
  /**
   * Typed but never sent: the visitor asked for a person with it still in the field, so the bot
   * answered nothing (suggestions may have shown as they typed). `decision` and `results` are what
   * the search would have made of it. Absent: sent, as every step recorded before this field was.
   */
  unsent: v.optional(v.literal(true)),
});
/** The bot showed an FAQ answer (the visitor opened it, or it was a confident answer). */
const botAnswer = v.object({
  kind: v.literal('bot.answer'),
  faqId: f.id,
  question: f.storedFaqQuestion,
});
/** The visitor said whether the answer helped. */
const botFeedback = v.object({
  kind: v.literal('bot.feedback'),
  faqId: f.id,
  helpful: v.boolean(),
});

export const botStepBody = v.variant('kind', [botQuery, botAnswer, botFeedback]);
/**
 * A bot step as a handoff brings it in: as stored, but its FAQ questions hold no control character
 * (`f.faqQuestion`). Built in a pure call so that the widget, which never parses a handoff, drops it.
 */
// @__NO_SIDE_EFFECTS__
function handoffStep() {
  return v.object({
    at: f.timestamp,
    body: v.variant('kind', [
      v.object({
        ...botQuery.entries,
        results: v.pipe(v.array(v.object({ ...faqResult.entries, question: f.faqQuestion })), v.maxLength(LIMITS.results)),
      }),
      v.object({ ...botAnswer.entries, question: f.faqQuestion }),
      botFeedback,
    ]),
  });
}
export const botStep = /* @__PURE__ */ handoffStep();
export type BotStep = v.InferOutput<typeof botStep>;

// ── Everything an event can say ──

/** What an event the visitor may see can say: the widget checks every event it gets against this. */
export const eventBody = v.variant('kind', [
  v.object({ kind: v.literal('text'), text: f.chatText }),
  /** A file the visitor sent (protocol/files.ts): fetched by its id, with the sender's or an agent's token. */
  v.object({
    kind: v.literal('file'),
    fileId: f.id,
    name: f.fileName,
    type: v.picklist(FILE_TYPES),
    size: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(LIMITS.fileBytes)),
  }),
  botQuery,
  botAnswer,
  botFeedback,
  v.object({
    kind: v.literal('handoff'),
    reason: v.picklist(HANDOFF_REASONS),
    page: f.page,
    lang: f.lang,
  }),
  /** An agent took the conversation; `from`: the colleague who had it (a takeover), `passed`: who passed it to them. */
  v.object({ kind: v.literal('joined'), agent: f.name, from: v.optional(f.name), passed: v.optional(v.literal(true)) }),
  /** The agent put the conversation back in the queue, or was `away` too long; the next free agent continues. */
  v.object({ kind: v.literal('released'), agent: f.name, away: v.optional(v.boolean()) }),
  v.object({ kind: v.literal('closed'), by: v.picklist(['agent', 'visitor']) }),
  v.object({
    kind: v.literal('rating'),
    score: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)),
    comment: v.optional(f.comment),
  }),
  /** The agent who has the conversation has read the visitor's messages up to the one numbered `through`: the widget says "Seen". */
  v.object({ kind: v.literal('read'), through: f.seq }),
]);
export type VisitorEventBody = v.InferOutput<typeof eventBody>;

/**
 * A note agents write for each other in a conversation ("refund promised, waiting for the
 * warehouse"). Stored and numbered like any event, and agents see it in the transcript, but it is
 * never sent to the visitor: it is not published on their topic, and their socket drops it when it
 * reads the store (`isVisitorEvent`). So it is not in the
 * widget's schema either, and a note that reached a widget would be refused as a bad frame.
 */
export interface NoteBody {
  kind: 'note';
  text: string;
}
/**
 * The server emailed the visitor the agents' replies they had not seen, since they had left the
 * site (server/email-follow-up.ts). Agents see it in the transcript; like a note, the visitor is
 * never sent it. `through`: the seq of the last reply it carried; `failed`: why it did not go.
 */
export interface EmailedBody {
  kind: 'emailed';
  to: string;
  replies: number;
  through: number;
  failed?: string;
}
/**
 * A server is emailing the visitor the replies up to the one numbered `through` (`emailed` follows,
 * saying how it went). Stored before the send, once per `through`: with several servers looking at
 * the same replies, the one whose record this is sends, the others find it there and do not.
 * Agents are shown only the `emailed` that follows; alone (the server died while sending) it
 * still keeps those replies from being emailed again.
 */
export interface EmailingBody {
  kind: 'emailing';
  through: number;
}
/**
 * The visitor has seen the agents' replies up to the one numbered `through` (the widget's `seen`):
 * agents see "Seen" by the reply, and the server does not email what was seen. Recorded once per
 * reply; the visitor is never sent it (they know what they read).
 */
export interface SeenBody {
  kind: 'seen';
  through: number;
}
/** What the server records in a conversation: an email sent (and claimed) and replies seen (for agents), messages read (for the visitor too). */
export type RecordBody = EmailedBody | EmailingBody | SeenBody | Extract<VisitorEventBody, { kind: 'read' }>;
/** What only agents see of a conversation. */
export type AgentsOnlyBody = NoteBody | RecordBody;
export type EventBody = VisitorEventBody | AgentsOnlyBody;
export type EventKind = EventBody['kind'];

/** Who an event is from, as shown to people. */
export const ROLES = ['visitor', 'agent', 'bot', 'system'] as const;
export type Role = (typeof ROLES)[number];

export const conversationEvent = v.object({
  /**
   * Per-conversation sequence number, from 1, without gaps as stored and as agents see them; a
   * visitor's numbers skip the agents' notes they are not sent.
   */
  seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /** The sender's client id (or one the server made for events it creates). */
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.clientId)),
  at: f.timestamp,
  role: v.picklist(ROLES),
  /** Display name of the author, for agent events. */
  name: v.optional(v.string()),
  body: eventBody,
});
/** An event as the visitor's widget may receive it. */
export type VisitorEvent = v.InferOutput<typeof conversationEvent>;
/** An event as stored, and as agents see it: agents' notes included. */
export type ConversationEvent = Omit<VisitorEvent, 'body'> & { body: EventBody };

/** Whether only agents may see what an event says: their notes, and what the server did behind the visitor's back. */
export const AGENTS_ONLY_KINDS: readonly AgentsOnlyBody['kind'][] = ['note', 'emailed', 'emailing', 'seen'];
export const isAgentsOnly = (body: EventBody): body is AgentsOnlyBody => (AGENTS_ONLY_KINDS as readonly string[]).includes(body.kind);
/**
 * Events that are no activity in the conversation (what agents write for each other, the
 * server's records, read marks): they leave its age alone, for how long the widget still shows
 * it closed and for retention.
 */
export const QUIET_KINDS: readonly EventKind[] = [...AGENTS_ONLY_KINDS, 'read'];

const isMessage = (e: Pick<ConversationEvent, 'body'>) => e.body.kind === 'text' || e.body.kind === 'file';
/** What an agent sent the visitor, a message or a file: what the visitor may have seen, or missed and be emailed. */
export const isAgentReply = (e: Pick<ConversationEvent, 'role' | 'body'>): boolean => e.role === 'agent' && isMessage(e);
/** What the visitor wrote or sent to the agent, a message or a file: what the agent reads, and is alerted to. */
export const isVisitorMessage = (e: Pick<ConversationEvent, 'role' | 'body'>): boolean => e.role === 'visitor' && isMessage(e);

/** Whether the visitor may see the event: everything but what is for agents only. */
export const isVisitorEvent = (e: ConversationEvent): e is VisitorEvent => !isAgentsOnly(e.body);

/** What the visitor is told about its conversation. */
export const conversationView = v.object({
  id: f.id,
  status: v.picklist(CONVERSATION_STATUSES),
  agent: v.optional(v.object({ name: v.string() })),
  lastSeq: f.seq,
  rated: v.boolean(),
});
export type ConversationView = v.InferOutput<typeof conversationView>;

/** An agent's word on which FAQ entry answers a conversation's questions. */
export interface FaqMatch {
  /** The entry, or null: the FAQ has no entry for it. */
  faqId: string | null;
  /** The agent's name, as the console shows it. */
  agent: string;
  at: number;
}

/** One line of the agent's queue: the handoff summary, so nobody has to ask again. */
export interface ConversationSummary {
  id: string;
  status: ConversationStatus;
  visitorId: string;
  /** As the visitor's page said (`Kohtaamo('identify')`); `verified` when the site signed the email. */
  visitor: { name?: string; email?: string; verified?: boolean };
  createdAt: number;
  /**
   * When it last entered the queue: its handoff, or the last time it went back (`returned`). A
   * queued conversation has waited since then. Absent only from an older server's summary (a
   * queue pushed by a server not yet upgraded, scaled out): `createdAt` stands in.
   */
  queuedAt?: number;
  /**
   * An agent had it and it went back to the queue since (*Return to queue*, or their console was
   * gone too long): while queued it waits ahead of visitors nobody has served yet (queue.ts).
   */
  returned?: true;
  updatedAt: number;
  lang: 'fi' | 'en';
  page: { url: string; title: string };
  reason: HandoffReason;
  /** The page the visitor is on now, as their widget last said, while the conversation is open. */
  nowOn?: { url: string; title: string };
  /**
   * What the visitor asked the bot, oldest first: the first question and the newest after it, at
   * most 20 (the server's `SUMMARY_QUESTIONS`; a queue card, `brief`, fewer). The transcript has every one.
   */
  questions: string[];
  /** Questions asked between the first and the rest of `questions` that it leaves out; absent: none. */
  moreQuestions?: number;
  /** FAQ answers the bot showed, with the visitor's verdict when given: the newest 20 entries (a queue card's fewer). */
  botAnswers: { faqId: string; question: string; helpful?: boolean }[];
  /** Earlier answers shown that `botAnswers` leaves out; absent: none. */
  moreBotAnswers?: number;
  agent?: { id: string; name: string };
  lastSeq: number;
  /** The newest text message or file sent, by anyone (an agent's reply too). */
  lastText?: string;
  /**
   * The visitor's first text message in the conversation: what they want, in their words, where
   * they asked the bot nothing (then the queue card's title, and the topic in Visitor history).
   * Absent: they have written none; and from an older server.
   */
  firstText?: string;
  rating?: { score: number; comment?: string };
  /** What an agent said the conversation was about, in FAQ terms. */
  faqMatch?: FaqMatch;
  /** The visitor's earlier conversations on this server. */
  previousConversations: number;
  /**
   * On a waiting conversation's queue card: its visitor has had no page of the site open (past the
   * short grace a page load needs) since this time, so "Take the next visitor" passes them by.
   * Absent: they are on the site, or the server has not seen them since it started; and on an
   * older server's card. Open conversations hear of it by the `visitor` frame instead.
   */
  visitorLeft?: number;
  /**
   * A queue card: questions, answers, the first and the last message shortened and fewer (counted in
   * `moreQuestions`, `moreBotAnswers`), `nowOn` left out. The agent's `open` sends the whole summary.
   */
  brief?: true;
}
