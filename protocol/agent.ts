// Messages between the agent console and the server on the agent socket (`/ws/agent`).
//
// The console logs in over HTTP (`POST /api/login`) and gets a token; its first frame is
// `hello` with that token. It then receives the queue and opens conversations, each with
// the last sequence number it has seen of that conversation.
import * as v from 'valibot';
import * as f from './fields';
import type { SessionEnd } from './errors';
import type { ConversationEvent, ConversationSummary } from './events';
import { ack, errorMessage, ping, pong } from './visitor';

// ── console → server ──

export const agentClientMessage = v.variant('type', [
  v.object({ type: v.literal('hello'), token: f.token }),
  /** Subscribe to a conversation and replay its events after `afterSeq`. */
  v.object({ type: v.literal('open'), conversationId: f.id, afterSeq: f.seq }),
  /**
   * Take a waiting conversation. With `takeover`, also one a colleague is handling (they are
   * away, or it needs someone else): the visitor sees the new agent join, the colleague's
   * console shows who took it. `from`: the id of the colleague the console saw holding it; when
   * someone else holds it by the time the takeover lands (another agent took it over first, or
   * it was passed on), it is refused with `already_claimed` rather than taken from them.
   *
   * `next` (Take the next visitor, without `takeover`): the server takes the first free waiting
   * conversation whose visitor is on the site, in the queue's order (`nextToTake`), under the same
   * atomic claim; two agents pressing at once get two visitors. It may not be `conversationId`,
   * the one the console had at the top (a colleague took it first, or the console's queue was
   * behind): the ack names the one taken. `already_claimed`: nobody free is left. A server
   * without `next` claims `conversationId`.
   */
  v.object({ type: v.literal('claim'), id: f.clientId, conversationId: f.id, takeover: v.optional(v.boolean()), from: v.optional(f.id), next: v.optional(v.literal(true)) }),
  /** Put one's own active conversation back in the queue, for the next free agent. */
  v.object({ type: v.literal('release'), id: f.clientId, conversationId: f.id }),
  /**
   * Pass one's own active conversation to a colleague with a console open (one of `colleagues`):
   * it is theirs at once, and the visitor sees them join.
   */
  v.object({ type: v.literal('pass'), id: f.clientId, conversationId: f.id, to: f.id }),
  v.object({ type: v.literal('msg'), id: f.clientId, conversationId: f.id, text: f.chatText }),
  /**
   * A note for colleagues in any conversation, open or closed, whoever has it: stored and
   * acknowledged like a message, shown in agents' transcripts, never sent to the visitor.
   */
  v.object({ type: v.literal('note'), id: f.clientId, conversationId: f.id, text: f.chatText }),
  v.object({ type: v.literal('typing'), conversationId: f.id, on: v.boolean() }),
  /** The agent has read the visitor's messages up to `seq` (the conversation on screen, the page visible): the visitor sees "Seen". */
  v.object({ type: v.literal('read'), conversationId: f.id, seq: f.seq }),
  /**
   * Whether this console takes new visitors (the default after hello). Paused (`on: false`), its
   * agent keeps their conversations, but when no console anywhere takes new visitors, waiting
   * visitors are told nobody is online and may leave a message.
   */
  v.object({ type: v.literal('available'), on: v.boolean() }),
  /** Ends the agent's own conversation, or a queued one nobody reached (no claim: it was never served); a colleague's is `not_assigned`. */
  v.object({ type: v.literal('close'), id: f.clientId, conversationId: f.id }),
  /** The visitor's earlier conversations. */
  v.object({ type: v.literal('history'), visitorId: f.id }),
  /**
   * Conversations, open or closed, whose id or visitor id is `query`, or whose visitor's name or
   * email, questions to the bot, messages, agents' notes, rating comment or sent files' names contain it (any case); newest first.
   */
  v.object({ type: v.literal('search'), query: f.searchQuery }),
  /**
   * Which FAQ entry answers what the visitor wanted (null: no entry does), for the site owner's
   * `kohtaamo faq gaps` report. Any agent may say it, also after the conversation closed.
   */
  v.object({ type: v.literal('faqMatch'), id: f.clientId, conversationId: f.id, faqId: v.nullable(f.id) }),
  ping,
]);
export type AgentClientMessage = v.InferOutput<typeof agentClientMessage>;

// ── server → console ──
// The server builds these itself, so they are types only: the console trusts its server.

export type AgentServerMessage =
  /**
   * `emailsReplies`: the server emails replies a visitor missed after leaving, when it knows their address.
   * `siteMail`: while it does, the site's own From address, bare and lowercased: the visitor writing
   * it, or one at the host of their page or a domain above or below it, names the site's mail, never
   * where their replies go (protocol/email-address.ts `lastEmailAddress`).
   * `now`: the server's clock as it sent the welcome (absent from an older server's). The console
   * counts how long visitors have waited, or since they left, by the server's clock, whose times
   * those are: by the agent's own, one 3 h fast read "waiting 3 h" of a visitor a minute in the
   * queue, and one 30 min slow read "just arrived" of everyone. The pong carries it too.
   * `consoleBuild`: the console build the server serves (its entry script's file name; absent when
   * the console is not built, and from an older server's). A console running another build was
   * left open across an upgrade: it asks the agent to reload.
   */
  | { type: 'welcome'; agent: { id: string; name: string }; heartbeatMs: number; emailsReplies: boolean; siteMail?: string; now?: number; consoleBuild?: string }
  /**
   * The queue, sent on connect and on every change: every active conversation and the first 100
   * waiting ones in the order agents take them (`protocol/queue.ts`), as cards (`brief`; `open`
   * sends the whole summary). `waiting`: how many wait in all (absent from an older server's,
   * which listed every one).
   */
  | { type: 'queue'; conversations: ConversationSummary[]; waiting?: number }
  | { type: 'history'; visitorId: string; conversations: ConversationSummary[] }
  /** The agents with a console open anywhere (this one too), by name; `available`: one of their consoles takes new chats. Sent after the welcome and on every change. */
  | { type: 'colleagues'; agents: { id: string; name: string; available: boolean }[] }
  /** The answer to `search`, with its query as the server read it (trimmed); at most `LIMITS.searchResults`. */
  | { type: 'search'; query: string; conversations: ConversationSummary[] }
  /** An opened conversation's summary changed (claimed, taken over, released, closed, rated, FAQ match set). */
  | { type: 'summary'; conversation: ConversationSummary }
  | { type: 'typing'; conversationId: string; on: boolean }
  /** Whether the conversation's visitor has the site open, and since when (unknown when the server has not seen them). */
  | { type: 'visitor'; conversationId: string; online: boolean; since?: number }
  /** A conversation's events, agents' notes included. */
  | { type: 'events'; conversationId: string; events: ConversationEvent[] }
  | v.InferOutput<typeof ack>
  /** `ended`, with `unauthorized`: why the session is over (absent from an older server's), for the console to say what to do. */
  | (v.InferOutput<typeof errorMessage> & { ended?: SessionEnd })
  /**
   * The answer to a ping, its `t` echoed; `now`: the server's clock as it answered (absent from an
   * older server's). Halfway through the round trip by the console's clock, as near as it can tell.
   */
  | (v.InferOutput<typeof pong> & { now?: number });
