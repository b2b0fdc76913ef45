// Replies a visitor missed, by email. A visitor who asked for a person and left before the answer
// came (nobody was online, the agent took a while) still gets it: `afterMs` after an agent's last
// reply, if the visitor is still away, the replies written since they left go to the address
// they wrote in the chat (the widget asks them to when nobody is online), or else the one the
// site gave with `identify`. The conversation records it for agents, like a note, so the
// console shows what went where and a reply is never emailed twice.
//
// Each server watches the replies it stored itself, so with several servers one email goes. A
// server that stops gracefully sends what is due at once; one that crashes loses only the emails
// due in the next `afterMs` (the replies themselves are stored and wait in the chat).
import { lastEmailAddress, type ConversationEvent, type EmailedBody } from '../protocol';
import type { Conversations, Written } from './conversations';
import { missedRepliesEmail, type MissedReply } from './email-text';
import type { Mailer } from './mailer';
import type { Store } from './store/types';
import type { VisitorState } from './visitor-presence';

export interface EmailFollowUpOptions {
  store: Store;
  conversations: Pick<Conversations, 'emailed'>;
  mailer: Mailer;
  /** What is known of whether the visitor has the site open (visitor-presence.ts). */
  visitorState: (visitorId: string) => VisitorState | undefined;
  afterMs: number;
  now?: () => number;
  log: (error: unknown) => void;
}

/** Events read per page while looking for what the visitor missed. */
const PAGE = 500;

/** What an agent sent the visitor: a message, or a file (which the email names; it waits in the chat). */
const isReply = (e: ConversationEvent) => e.role === 'agent' && (e.body.kind === 'text' || e.body.kind === 'file');

export type EmailFollowUp = ReturnType<typeof createEmailFollowUp>;

export function createEmailFollowUp({ store, conversations, mailer, visitorState, afterMs, now = Date.now, log }: EmailFollowUpOptions) {
  /** Conversations with replies to look at: since when, and the timer that will. */
  const due = new Map<string, { from: number; timer: NodeJS.Timeout }>();
  const running = new Set<Promise<void>>();

  async function allEvents(conversationId: string): Promise<ConversationEvent[]> {
    const events: ConversationEvent[] = [];
    for (;;) {
      const page = await store.eventsAfter(conversationId, events.at(-1)?.seq ?? 0, PAGE);
      events.push(...page);
      if (page.length < PAGE) return events;
    }
  }

  /** Emails the replies written since `from` that the visitor has not seen, if they are away and reachable. */
  async function check(conversationId: string, from: number): Promise<void> {
    const conversation = await store.conversation(conversationId);
    if (!conversation) return;
    const seen = visitorState(conversation.visitorId);
    // Here: the replies are on their screen (or behind the launcher's unread count).
    if (seen?.online) return;
    const events = await allEvents(conversationId);
    const through = Math.max(0, ...events.map((e) => (e.body.kind === 'emailed' ? e.body.through : 0)));
    // Since they left: a visitor who came back in between has read what came before.
    const since = Math.max(from, seen?.since ?? 0);
    const missed = events.filter((e) => isReply(e) && e.seq > through && e.at >= since);
    if (missed.length === 0) return;
    const visitorTexts = events.flatMap((e) => (e.role === 'visitor' && e.body.kind === 'text' ? [e.body.text] : []));
    const to = lastEmailAddress(visitorTexts) ?? conversation.visitor.email;
    if (!to) return;
    const last = missed[missed.length - 1]!.seq;
    const replies = missed.map((e): MissedReply => ({ agent: e.name ?? '', ...(e.body.kind === 'file' ? { file: e.body.name } : { text: e.body.kind === 'text' ? e.body.text : '' }) }));
    const body: EmailedBody = { kind: 'emailed', to, replies: missed.length, through: last };
    try {
      await mailer.send({ to, ...missedRepliesEmail(conversation, replies) });
    } catch (error) {
      body.failed = (error as Error).message.slice(0, 300);
      log(new Error(`could not email the visitor of ${conversationId}: ${body.failed}`));
    }
    // Recorded whether it went or not: agents see either, and a failure is not retried into a flood.
    const outcome = await conversations.emailed(conversationId, `emailed-${last}`, body, now()).outcome;
    if (!outcome.ok) log(new Error(`could not record the email to the visitor of ${conversationId}: ${outcome.code}`));
  }

  const run = (conversationId: string, from: number) => {
    const job = check(conversationId, from).catch(log);
    running.add(job);
    void job.finally(() => running.delete(job));
  };

  return {
    /** Hears every write (conversations.ts `onWritten`): an agent's reply starts, or restarts, the wait. */
    written({ conversationId, events }: Written) {
      const reply = events.find(isReply);
      if (!reply) return;
      const earlier = due.get(conversationId);
      if (earlier) clearTimeout(earlier.timer);
      const from = Math.min(earlier?.from ?? Infinity, reply.at);
      const timer = setTimeout(() => {
        due.delete(conversationId);
        run(conversationId, from);
      }, afterMs);
      timer.unref();
      due.set(conversationId, { from, timer });
    },
    /** Sends what is due now rather than never, and waits for the sends under way. */
    async close() {
      for (const [conversationId, { from, timer }] of due) {
        clearTimeout(timer);
        run(conversationId, from);
      }
      due.clear();
      await Promise.all(running);
      mailer.close();
    },
  };
}
