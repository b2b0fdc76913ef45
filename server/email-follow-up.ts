// Replies a visitor missed, by email. A visitor who asked for a person and left before the answer
// came (nobody was online, the agent took a while), or left without opening the chat to read it,
// still gets it: `afterMs` after an agent's last reply, once the visitor has left the site, the
// replies they have not seen go to the address they wrote in the chat (the widget asks them to
// when nobody is online), or else the one the site gave with `identify`. Seen means the widget had
// the reply in front of them (its `seen`), or they wrote after it. While the visitor is still on
// the site, unseen replies wait behind the launcher's unread count, and the server looks again
// every `afterMs` until they are seen or the visitor has gone. The conversation records the email
// for agents, like a note, so the console shows what went where and a reply is never emailed twice.
//
// Each server watches the replies it stored itself, so with several servers one email goes. A
// server that stops gracefully sends what is due at once; one that crashes loses only the emails
// due in the next `afterMs` (the replies themselves are stored and wait in the chat).
import { isAgentReply, lastEmailAddress, type ConversationEvent, type EmailedBody } from '../protocol';
import type { Conversations, Written } from './conversations';
import { missedRepliesEmail, type MissedReply } from './email-text';
import type { Mailer } from './mailer';
import type { Store } from './store/types';
import type { VisitorState } from './visitor-presence';

export interface EmailFollowUpOptions {
  store: Store;
  conversations: Pick<Conversations, 'record'>;
  mailer: Mailer;
  /** What is known of whether the visitor has the site open (visitor-presence.ts). */
  visitorState: (visitorId: string) => VisitorState | undefined;
  afterMs: number;
  /** The origins allowed on the visitor socket (known once the server listens): the only pages an email links to. */
  siteOrigins: () => readonly string[];
  now?: () => number;
  log: (error: unknown) => void;
}

/** Events read per page while looking for what the visitor missed. */
const PAGE = 500;

/** The last reply the visitor is done with: emailed already, seen, or followed by something they wrote. */
const doneThrough = (events: readonly ConversationEvent[]) =>
  events.reduce((done, e) => Math.max(done, e.body.kind === 'emailed' || e.body.kind === 'seen' ? e.body.through : e.role === 'visitor' ? e.seq : 0), 0);

export type EmailFollowUp = ReturnType<typeof createEmailFollowUp>;

export function createEmailFollowUp({ store, conversations, mailer, visitorState, afterMs, siteOrigins, now = Date.now, log }: EmailFollowUpOptions) {
  /** Conversations with replies to look at, and the timer that will. */
  const due = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let closing = false;

  async function allEvents(conversationId: string): Promise<ConversationEvent[]> {
    const events: ConversationEvent[] = [];
    for (;;) {
      const page = await store.eventsAfter(conversationId, events.at(-1)?.seq ?? 0, PAGE);
      events.push(...page);
      if (page.length < PAGE) return events;
    }
  }

  /** Emails the replies the visitor has not seen, if they are away and reachable; looks again later while they are here. */
  async function check(conversationId: string): Promise<void> {
    const conversation = await store.conversation(conversationId);
    if (!conversation) return;
    const events = await allEvents(conversationId);
    const done = doneThrough(events);
    const missed = events.filter((e) => isAgentReply(e) && e.seq > done);
    if (missed.length === 0) return;
    // Still on the site: the replies wait behind the launcher's unread count, and may yet be read.
    if (visitorState(conversation.visitorId)?.online) {
      if (!closing) watch(conversationId);
      return;
    }
    const visitorTexts = events.flatMap((e) => (e.role === 'visitor' && e.body.kind === 'text' ? [e.body.text] : []));
    const to = lastEmailAddress(visitorTexts) ?? conversation.visitor.email;
    if (!to) return;
    const last = missed[missed.length - 1]!.seq;
    const replies = missed.map((e): MissedReply => ({ agent: e.name ?? '', ...(e.body.kind === 'file' ? { file: e.body.name } : { text: e.body.kind === 'text' ? e.body.text : '' }) }));
    const body: EmailedBody = { kind: 'emailed', to, replies: missed.length, through: last };
    try {
      await mailer.send({ to, ...missedRepliesEmail(conversation, replies, siteOrigins()) });
    } catch (error) {
      body.failed = (error as Error).message.slice(0, 300);
      log(new Error(`could not email the visitor of ${conversationId}: ${body.failed}`));
    }
    // Recorded whether it went or not: agents see either, and a failure is not retried into a flood.
    // A server-made id: '.' is not allowed in client ids, so no message of the visitor's can take it.
    const outcome = await conversations.record(conversationId, `emailed.${last}`, body, now()).outcome;
    if (!outcome.ok) log(new Error(`could not record the email to the visitor of ${conversationId}: ${outcome.code}`));
  }

  const run = (conversationId: string) => {
    const job = check(conversationId).catch(log);
    running.add(job);
    void job.finally(() => running.delete(job));
  };

  /** Looks at the conversation `afterMs` from now (again, if it was due sooner). */
  function watch(conversationId: string) {
    clearTimeout(due.get(conversationId));
    const timer = setTimeout(() => {
      due.delete(conversationId);
      run(conversationId);
    }, afterMs);
    timer.unref();
    due.set(conversationId, timer);
  }

  return {
    /** Hears every write (conversations.ts `onWritten`): an agent's reply starts, or restarts, the wait. */
    written({ conversationId, events }: Written) {
      if (events.some(isAgentReply)) watch(conversationId);
    },
    /** Sends what is due now rather than never, and waits for the sends under way. */
    async close() {
      closing = true;
      for (const [conversationId, timer] of due) {
        clearTimeout(timer);
        run(conversationId);
      }
      due.clear();
      await Promise.all(running);
      mailer.close();
    },
  };
}
