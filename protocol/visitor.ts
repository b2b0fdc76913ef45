// Messages between the widget and the server on the visitor socket (`/ws/visitor`).
//
// Connection: the widget sends `hello` first (with its token when it has one, and the last
// sequence number it has seen); the server answers `welcome` (a new token for a new visitor)
// and then replays, as `events`, everything after that number.
import * as v from 'valibot';
import { LIMITS } from './limits';
import * as f from './fields';
import { botStep, conversationEvent, conversationView, HANDOFF_REASONS } from './events';
import { ERROR_CODES } from './errors';

// ── widget → server ──

export const visitorHello = v.object({
  type: v.literal('hello'),
  /** Absent for a visitor the server has not met yet. */
  token: v.optional(f.token),
  /** Replay events of the visitor's current conversation after this number. */
  afterSeq: v.optional(f.seq),
  /**
   * The conversation `afterSeq` belongs to. When it is not the visitor's current conversation
   * (another tab has started a new one since), the server replays the current one from its start.
   */
  conversationId: v.optional(f.id),
  lang: f.lang,
  page: f.page,
});

export const visitorHandoff = v.object({
  type: v.literal('handoff'),
  id: f.clientId,
  reason: v.picklist(HANDOFF_REASONS),
  lang: f.lang,
  page: f.page,
  /** What happened with the bot, oldest first. */
  steps: v.pipe(v.array(botStep), v.maxLength(LIMITS.botSteps)),
  visitor: v.optional(f.visitorInfo),
  /**
   * When the widget sent it, by the visitor's clock, which dates the steps too: the server moves
   * them by how far that clock is from its own (one an hour slow had the agent read "asked the
   * bot 15:54" just before "Handed off 16:54"). Absent from older widgets.
   */
  sentAt: v.optional(f.timestamp),
});

/**
 * `page` on a message or typing: where the visitor is now, sent only when that is not the page
 * the server last heard of on this socket (the hello's, or one sent since). A single-page app
 * moves on with `pushState` and no new hello; agents see it as "Now on" and the email's link back
 * uses it, as with a hello from the next page. Optional: widgets before it never send one.
 */
export const visitorMsg = v.object({ type: v.literal('msg'), id: f.clientId, text: f.chatText, page: v.optional(f.page) });
export const visitorTyping = v.object({ type: v.literal('typing'), on: v.boolean(), page: v.optional(f.page) });
/**
 * The visitor has had the agent's reply numbered `seq` in front of them: the panel open and the
 * page visible. Sent once per reply, the last one read; agents see "Seen", and a reply seen is
 * not emailed (server/email-follow-up.ts).
 */
export const visitorSeen = v.object({ type: v.literal('seen'), seq: f.seq });
export const visitorRate = v.object({
  type: v.literal('rate'),
  id: f.clientId,
  score: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)),
  comment: v.optional(f.comment),
});
/**
 * The visitor ends their queued or active conversation ("End chat"): closed as an agent's close
 * is, `by: 'visitor'`. It names the conversation, so that one resent after a new one began (in
 * another tab) cannot end that one, and a resend after it closed is found by its client id and
 * acked again.
 */
export const visitorEnd = v.object({ type: v.literal('end'), id: f.clientId, conversationId: f.id });
/**
 * Who the visitor is, said during a conversation (they logged in mid-chat, or a later page
 * called `Kohtaamo('identify')`): it replaces the identity the agent sees. Not shown to the visitor.
 */
export const visitorIdentify = v.object({ type: v.literal('identify'), id: f.clientId, visitor: f.visitorInfo });
/** Application heartbeat: browsers cannot send WebSocket pings. */
export const ping = v.object({ type: v.literal('ping'), t: f.timestamp });

export const visitorClientMessage = v.variant('type', [
  visitorHello,
  visitorHandoff,
  visitorMsg,
  visitorTyping,
  visitorSeen,
  visitorRate,
  visitorEnd,
  visitorIdentify,
  ping,
]);
export type VisitorClientMessage = v.InferOutput<typeof visitorClientMessage>;

// ── server → widget ──

export const errorMessage = v.object({
  type: v.literal('error'),
  code: v.picklist(ERROR_CODES),
  message: v.string(),
  /** The client id of the message that failed, when one did. */
  id: v.optional(v.string()),
});
export type ErrorMessage = v.InferOutput<typeof errorMessage>;

export const ack = v.object({
  type: v.literal('ack'),
  id: v.string(),
  conversationId: f.id,
  seq: f.seq,
});
export const events = v.object({
  type: v.literal('events'),
  conversationId: f.id,
  /**
   * The seq these events follow on from: on this socket, the last event the visitor was sent
   * before them, or where its replay began. Everything the visitor may see between it and the
   * last of these is here. The widget resumes past them only from there (conversation.ts).
   */
  after: v.optional(f.seq),
  events: v.array(conversationEvent),
});
export const pong = v.object({ type: v.literal('pong'), t: f.timestamp });

export const visitorServerMessage = v.variant('type', [
  v.object({
    type: v.literal('welcome'),
    visitorId: f.id,
    token: f.token,
    /** The visitor's current conversation; null when it has none. */
    conversation: v.nullable(conversationView),
    /** The server expects a ping at least this often. */
    heartbeatMs: v.number(),
    /** Whether any agent is online; when not, a visitor in the queue is told so rather than that a person joins shortly. */
    staffed: v.boolean(),
    /** While nobody is online outside the site's opening hours: when they next begin. */
    opensAt: v.optional(f.timestamp),
    /** The server emails a visitor who has left the replies they missed, to an address they write (server/email-follow-up.ts). */
    emailsReplies: v.optional(v.boolean()),
    /**
     * While it does, the site's own From address, bare and lowercased: the visitor writing it, or one
     * at the host of their page or a domain above or below it, names the site's mail, never where
     * their replies go (email-address.ts `lastEmailAddress`).
     */
    siteMail: v.optional(v.string()),
  }),
  v.object({ type: v.literal('status'), conversation: conversationView }),
  /** `staffed` of the welcome changed: the first agent came online, or the last one has been gone a while. */
  v.object({ type: v.literal('staffed'), on: v.boolean(), opensAt: v.optional(f.timestamp) }),
  /**
   * While the visitor's conversation is queued: how many visitors are ahead of them (0: next),
   * and how long visitors have lately waited for a person (ms), when enough have to say.
   */
  v.object({ type: v.literal('queue'), ahead: f.seq /* a count from 0, as a seq is */, typicalWaitMs: v.optional(f.timestamp) }),
  events,
  ack,
  v.object({ type: v.literal('typing'), conversationId: f.id, name: v.string(), on: v.boolean() }),
  errorMessage,
  pong,
]);
export type VisitorServerMessage = v.InferOutput<typeof visitorServerMessage>;
/** Where a queued visitor is, and what they may expect (the `queue` frame). */
export type QueuePlace = Extract<VisitorServerMessage, { type: 'queue' }>;
