// The store port. The domain talks only to this interface, so a PostgreSQL store can replace
// the embedded SQLite one. Every write is one atomic operation that also assigns sequence
// numbers; its promise resolves only after the write is durable, so the caller may ack.
// Writes take effect in the order the methods are called: a connection may queue its next
// write before the previous one commits and still keep its messages in order.
import type { ConversationEvent, ConversationSummary, ErrorCode, EventBody, FaqMatch, FileType, FaqStatCount, HandoffReason, RecordBody, Role } from '../../protocol';

/** An event before the store numbers it. `clientId` makes the insert idempotent. */
export interface EventDraft {
  clientId: string;
  at: number;
  role: Role;
  name?: string;
  body: EventBody;
}

/** A file a visitor or an agent sent, stored in the same write as the event that shows it. */
export interface StoredFile {
  id: string;
  /** What its first bytes say it is (file-type.ts). */
  type: FileType;
  name: string;
  bytes: Buffer;
}

/** A stored file with whose conversation it is: who may fetch it. */
export interface FileRecord extends StoredFile {
  conversationId: string;
  visitorId: string;
}

export interface Visitor {
  id: string;
  createdAt: number;
}

/** A visitor found by their token, with their last hello as recorded (`visitorSeen`), or their creation. */
export interface ReturningVisitor extends Visitor {
  lastSeenAt: number;
}

export interface AgentRef {
  id: string;
  name: string;
}

/** What a handoff tells the conversation it opens (or joins when one is still open). */
export interface HandoffInput {
  visitorId: string;
  /** The handoff's client id: a resent handoff finds the conversation it made. */
  handoffId: string;
  conversationId: string;
  at: number;
  lang: 'fi' | 'en';
  page: { url: string; title: string };
  reason: HandoffReason;
  visitor: ConversationSummary['visitor'];
  questions: string[];
  botAnswers: { faqId: string; question: string; helpful?: boolean }[];
  events: EventDraft[];
}

export type WriteResult =
  | {
      ok: true;
      conversationId: string;
      visitorId: string;
      /** The conversation after a write that changed its status, agent or rating; null after a plain message. */
      conversation: ConversationSummary | null;
      /** Events this write stored, or, for a resent write, the events it stored the first time. */
      events: ConversationEvent[];
      /** True when every event already existed: nothing changed, only ack again. */
      duplicate: boolean;
    }
  | { ok: false; code: ErrorCode };

/** What a visitor's widget may tell their open conversation after the handoff. */
export type VisitorPatch = Partial<Pick<ConversationSummary, 'visitor' | 'nowOn'>>;

/** Conditions an agent's append must meet, checked inside the same atomic write. */
export interface AppendGuard {
  /** The conversation must be assigned to this agent. */
  agentId: string;
}

export interface Session {
  agent: AgentRef;
  expiresAt: number;
}

export interface Store {
  createVisitor(id: string, tokenHash: string, at: number): Promise<void>;
  visitorByTokenHash(tokenHash: string): Promise<ReturningVisitor | null>;
  /** The visitor is on the site now (their hello): retention keeps them, however old their conversations. */
  visitorSeen(visitorId: string, at: number): Promise<void>;

  handoff(input: HandoffInput): Promise<WriteResult>;
  /** An agent's message: the conversation must be open and theirs; with the file it shows, when it is one. */
  append(conversationId: string, draft: EventDraft, guard: AppendGuard, file?: StoredFile): Promise<WriteResult>;
  /** An agent's note for colleagues, in any conversation; it leaves the conversation's `updatedAt` as it was. */
  note(conversationId: string, agent: AgentRef, clientId: string, text: string, at: number): Promise<WriteResult>;
  /** The server's record for agents (an email sent, replies the visitor saw), in any conversation, like a note; `clientId` makes it happen once. */
  record(conversationId: string, clientId: string, body: RecordBody, at: number): Promise<WriteResult>;
  /** A visitor's message, to its queued or active conversation (found inside the write); with the file it shows, when it is one. */
  visitorMessage(visitorId: string, draft: EventDraft, file?: StoredFile): Promise<WriteResult>;
  file(id: string): Promise<FileRecord | null>;
  /** Bytes of the files stored in a conversation, by anyone: how much more its visitor may send (files-http.ts). */
  fileBytes(conversationId: string): Promise<number>;
  /**
   * A queued conversation becomes the agent's; an active one of a colleague's only with
   * `takeover`, and with `from` (an agent id) only while that colleague has it (rules.ts).
   */
  claim(conversationId: string, agent: AgentRef, clientId: string, at: number, takeover?: boolean, from?: string): Promise<WriteResult>;
  /** The agent's active conversation becomes a colleague's. */
  pass(conversationId: string, from: AgentRef, to: AgentRef, clientId: string, at: number): Promise<WriteResult>;
  /**
   * The agent's active conversation goes back to the queue, unassigned, `returned` and queued from
   * `at`: it waits ahead of new arrivals (protocol/queue.ts); `away`: the server did it, the agent was gone.
   */
  release(conversationId: string, agent: AgentRef, clientId: string, at: number, away?: boolean): Promise<WriteResult>;
  closeConversation(conversationId: string, by: 'agent' | 'visitor', agentId: string | null, clientId: string, at: number): Promise<WriteResult>;
  /**
   * Replaces what the visitor's queued or active conversation knows of them now (who they are,
   * the page they are on); adds no event, and a write that changes nothing is a duplicate.
   */
  updateVisitor(visitorId: string, patch: VisitorPatch): Promise<WriteResult>;
  /** Records which FAQ entry answers the conversation, replacing an earlier word on it; adds no event. */
  setFaqMatch(conversationId: string, match: FaqMatch): Promise<WriteResult>;
  /** Rates the visitor's newest conversation, which must be closed and not yet rated. */
  rate(visitorId: string, score: number, comment: string | undefined, clientId: string, at: number): Promise<WriteResult>;

  conversation(id: string): Promise<ConversationSummary | null>;
  /** The visitor's queued or active conversation, if any: where its messages go. */
  openConversationId(visitorId: string): Promise<string | null>;
  /** The visitor's newest conversation unless it is closed and rated: what the widget shows. */
  currentConversation(visitorId: string): Promise<ConversationSummary | null>;
  /** Queued and active conversations, oldest first. */
  openConversations(): Promise<ConversationSummary[]>;
  /** A visitor's newest conversations, newest first, with those of the same signed email from other devices. */
  visitorConversations(visitorId: string, limit: number): Promise<ConversationSummary[]>;
  eventsAfter(conversationId: string, afterSeq: number, limit: number): Promise<ConversationEvent[]>;
  /** An agent's search: conversations, open or closed, newest first; what matches is in search.ts. */
  searchConversations(query: string, limit: number): Promise<ConversationSummary[]>;

  /** Stores a login's session, and deletes those expired by `now`: nothing else would (a logout deletes only its own). */
  saveSession(tokenHash: string, session: Session, now: number): Promise<void>;
  session(tokenHash: string, now: number): Promise<Session | null>;
  /** Ends a session (the agent logged out); nothing when there is none. */
  deleteSession(tokenHash: string): Promise<void>;

  /** Adds to the counts of FAQ answers shown and found helpful (server/faq-stats.ts). */
  addFaqStats(counts: readonly FaqStatCount[]): Promise<void>;

  /** Resolves when the store answers a trivial query: the health check (`GET /api/health`). */
  ping(): Promise<void>;

  close(): Promise<void>;
}

/** What a store writes, which each backend implements apart (sqlite-writes.ts, postgres-writes.ts). */
export type StoreWrites = Pick<
  Store,
  | 'createVisitor'
  | 'visitorSeen'
  | 'handoff'
  | 'append'
  | 'note'
  | 'record'
  | 'visitorMessage'
  | 'claim'
  | 'pass'
  | 'release'
  | 'closeConversation'
  | 'updateVisitor'
  | 'setFaqMatch'
  | 'rate'
  | 'deleteSession'
  | 'saveSession'
  | 'addFaqStats'
>;

/** What a store reads, likewise (sqlite-reads.ts, postgres-reads.ts). */
export type StoreReads = Pick<
  Store,
  | 'visitorByTokenHash'
  | 'file'
  | 'fileBytes'
  | 'conversation'
  | 'openConversationId'
  | 'currentConversation'
  | 'openConversations'
  | 'visitorConversations'
  | 'eventsAfter'
  | 'searchConversations'
  | 'session'
>;
