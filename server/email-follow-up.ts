// Replies a visitor missed, by email. A visitor who asked for a person and left before the answer
// came (nobody was online, the agent took a while), or left without opening the chat to read it,
// still gets it: `afterMs` after an agent's last reply, once the visitor has left the site, the
// replies they have not seen go to the address they wrote in the chat (the widget asks them to
// when nobody is online; not the site's own From address, nor one at the host of the visitor's page
// or a domain above or below it: that is where they wrote before, not where to reach them), or else the one the site gave with `identify`. Seen means the widget
// had the reply in front of them (its `seen`), or they wrote after it. While the visitor is still
// on the site, unseen replies wait behind the launcher's unread count, and the server looks again
// every `afterMs` until they are seen or the visitor has gone. The conversation records the email
// for agents, like a note, so the console shows what went where and a reply is never emailed twice.
//
// Each server watches the replies it stored itself. When its wait is over it looks at when the
// newest reply was written, and waits on while that is sooner than `afterMs` ago: a reply another
// server stored since (a file over one's HTTP, texts over the other's console socket) still gets
// its whole wait, and a batch split over servers goes as one email, after the last of it. Both
// servers then look at once, so a server claims the email before sending it: it stores
// `emailing.<last reply's seq>`, and only the server whose write that was sends; the other finds
// it there (a duplicate) and does not. Then `emailed` records how it went, for agents. A server
// that stops gracefully sends what is due at once to visitors who have gone. What it did not send
// (the visitor was still on the site, or had left within the presence grace, which still counts
// as here), and what a crashed server was waiting to send, a server finds again when it starts
// (`resume`): an open conversation whose newest agent replies are neither seen nor emailed (nor
// claimed) is watched as if they had just been written. Several servers starting at once find
// the same replies: the claim lets only one send. An email being sent at a crash stays claimed,
// and is not sent (the replies wait in the chat).
//
// Scaled out, the servers still running do not wait for the crashed one to start again: each
// looks the same way every `afterMs` while it runs. Simpler than telling which server is gone
// and what it was watching, and sound as it is: the claim lets one send, whichever servers look
// (the storing server, if alive, too), and the looking is cheap: one read of the open
// conversations, and the events only of those written since they were last found with nothing
// missed. An email due on a crashed server goes at most about one wait late.
import { visitorPageHost } from '../protocol/visitor-page';
import { isAgentReply, lastEmailAddress, type ConversationEvent, type ConversationSummary, type EmailedBody, type EmailingBody, type SeenBody } from '../protocol';
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
  /** The site's own From address, bare (email-config.ts `siteMailAddress`): the visitor writing it is not giving theirs. */
  siteMail: string;
  /** The origins allowed on the visitor socket (known once the server listens): the only pages an email links to. */
  siteOrigins: () => readonly string[];
  /**
   * Other servers store replies in the same database (scaled out): look for what they left unsent
   * every `afterMs` (see the top). One server alone watches every reply it stores itself: its look
   * at start is the only one needed.
   */
  shared?: boolean;
  now?: () => number;
  log: (error: unknown) => void;
}

/** Events read per page while looking for what the visitor missed. */
const PAGE = 500;

/** Whether an event says the visitor is done with the replies up to its `through`: emailed (or being emailed by a server), or seen. */
const closesReplies = (body: ConversationEvent['body']): body is EmailedBody | EmailingBody | SeenBody => body.kind === 'emailed' || body.kind === 'emailing' || body.kind === 'seen';

/**
 * The last reply the visitor is done with: emailed already, seen, or followed by something they
 * wrote, or by their own "End chat" (a reply that came as they pressed it is not mailed after them).
 */
const doneThrough = (events: readonly ConversationEvent[]) =>
  events.reduce(
    (done, e) => Math.max(done, closesReplies(e.body) ? e.body.through : e.role === 'visitor' || (e.body.kind === 'closed' && e.body.by === 'visitor') ? e.seq : 0),
    0,
  );

/**
 * What the log may say of a failed send: the SMTP reply code (550), or else nodemailer's code for
 * what went wrong on the way (ECONNECTION, ETIMEDOUT, EAUTH). A mail server's answer often names
 * the refused address ("550 5.1.1 <matti@example.fi>: User unknown"), and the server's log is
 * kept and shipped elsewhere, out of reach of an erasure: the whole answer goes only to agents,
 * in the conversation's `emailed` record, which `kohtaamo data forget` deletes with it.
 */
function smtpCode(error: unknown): string {
  const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  if (typeof responseCode === 'number') return `SMTP ${responseCode}`;
  return typeof code === 'string' && /^[A-Z_]{2,32}$/.test(code) ? code : 'the send failed';
}

export type EmailFollowUp = ReturnType<typeof createEmailFollowUp>;

export function createEmailFollowUp({ store, conversations, mailer, visitorState, afterMs, siteMail, siteOrigins, shared = false, now = Date.now, log }: EmailFollowUpOptions) {
  /** Conversations with replies to look at, and the timer that will. */
  const due = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let closing = false;
  /** Open conversations last found with no reply missed, by their `lastSeq` then: nothing to read again until it grows. */
  const settled = new Map<string, number>();
  let sweeper: NodeJS.Timeout | undefined;
  /** A look under way: the next waits for it rather than reading the same again beside it. */
  let looking: Promise<void> | null = null;

  async function allEvents(conversationId: string): Promise<ConversationEvent[]> {
    const events: ConversationEvent[] = [];
    for (;;) {
      const page = await store.eventsAfter(conversationId, events.at(-1)?.seq ?? 0, PAGE);
      events.push(...page);
      if (page.length < PAGE) return events;
    }
  }

  /** The agent replies the visitor has neither seen nor been emailed, and where an email would go (none: nowhere known). */
  function missedOf(conversation: ConversationSummary, events: readonly ConversationEvent[]) {
    const done = doneThrough(events);
    const missed = events.filter((e) => isAgentReply(e) && e.seq > done);
    const visitorTexts = events.flatMap((e) => (e.role === 'visitor' && e.body.kind === 'text' ? [e.body.text] : []));
    // The site's own addresses: its From, and those at the host of the visitor's page (the console picks the same page).
    const host = visitorPageHost(conversation);
    const written = lastEmailAddress(visitorTexts, { from: siteMail, ...(host ? { host } : {}) });
    return { missed, written, to: written ?? conversation.visitor.email };
  }

  /** Emails the replies the visitor has not seen, if they are away and reachable; looks again later while they are here. */
  async function check(conversationId: string): Promise<void> {
    const conversation = await store.conversation(conversationId);
    if (!conversation) return;
    const events = await allEvents(conversationId);
    const { missed, written, to } = missedOf(conversation, events);
    if (missed.length === 0) return;
    // The wait is after the agent's last reply, which another server may have stored since this
    // one's wait began (its file over HTTP here, its texts over the console socket there): wait on
    // for what is left of it. Not longer than a whole wait, should that server's clock be ahead.
    // At a stop, what is due goes now.
    const left = Math.min(missed[missed.length - 1]!.at + afterMs - now(), afterMs);
    if (left > 0 && !closing) return watch(conversationId, left);
    // Still on the site: the replies wait behind the launcher's unread count, and may yet be read.
    // At a stop too: the next start finds them again (`resume`).
    if (visitorState(conversation.visitorId)?.online) {
      if (!closing) watch(conversationId);
      return;
    }
    if (!to) return;
    const last = missed[missed.length - 1]!.seq;
    const replies = missed.map((e): MissedReply => ({ agent: e.name ?? '', ...(e.body.kind === 'file' ? { file: e.body.name } : { text: e.body.kind === 'text' ? e.body.text : '' }) }));
    // Claimed first: only the server whose claim is stored sends (another stored it: it sends, or sent).
    // A server-made id: '.' is not allowed in client ids, so no message of the visitor's can take it.
    const claim = await conversations.record(conversationId, `emailing.${last}`, { kind: 'emailing', through: last }, now()).outcome;
    if (!claim.ok) return log(new Error(`could not claim the email to the visitor of ${conversationId}: ${claim.code}`));
    if (claim.duplicate) return;
    const body: EmailedBody = { kind: 'emailed', to, replies: missed.length, through: last };
    try {
      await mailer.send({ to, conversationId, ...missedRepliesEmail(conversation, replies, siteOrigins(), written ? 'chat' : 'site') });
    } catch (error) {
      body.failed = (error as Error).message.slice(0, 300);
      log(new Error(`could not email the visitor of ${conversationId}: ${smtpCode(error)} (the conversation's record in the console has the mail server's answer)`));
    }
    // Recorded whether it went or not: agents see either (the claim above they are not shown), and a
    // failure is not retried into a flood.
    const outcome = await conversations.record(conversationId, `emailed.${last}`, body, now()).outcome;
    if (!outcome.ok) log(new Error(`could not record the email to the visitor of ${conversationId}: ${outcome.code}`));
  }

  const run = (conversationId: string) => {
    const job = check(conversationId).catch(log);
    running.add(job);
    void job.finally(() => running.delete(job));
  };

  /** Looks at the conversation `afterMs` (or `ms`) from now, instead of when it was due. */
  function watch(conversationId: string, ms = afterMs) {
    clearTimeout(due.get(conversationId));
    const timer = setTimeout(() => {
      due.delete(conversationId);
      run(conversationId);
    }, ms);
    timer.unref();
    due.set(conversationId, timer);
  }

  /** The open conversations with replies missed, to an address known, are watched as if just written. */
  function look(): Promise<void> {
    const job = (async () => {
      const open = await store.openConversations();
      const ids = new Set(open.map((c) => c.id));
      for (const id of settled.keys()) if (!ids.has(id)) settled.delete(id);
      for (const conversation of open) {
        // Unless a write since is watching it already, or nothing was written since nothing was missed.
        if (closing) return;
        if (due.has(conversation.id) || settled.get(conversation.id) === conversation.lastSeq) continue;
        const { missed, to } = missedOf(conversation, await allEvents(conversation.id));
        if (missed.length === 0) settled.set(conversation.id, conversation.lastSeq);
        else if (to && !due.has(conversation.id) && !closing) watch(conversation.id);
      }
    })().catch(log);
    looking = job;
    running.add(job);
    void job.finally(() => {
      running.delete(job);
      if (looking === job) looking = null;
    });
    return job;
  }

  return {
    /** Hears every write (conversations.ts `onWritten`): an agent's reply starts, or restarts, the wait. */
    written({ conversationId, events }: Written) {
      if (events.some(isAgentReply)) watch(conversationId);
    },
    /**
     * At start: the open conversations whose newest agent replies the visitor has neither seen nor
     * been emailed (a server stopped while they were on the site, or before their wait was over),
     * to an address known, are watched again as if just written. In the background (the promise
     * says when the looking is done; it never rejects); `close` waits for it.
     */
    resume(): Promise<void> {
      clearInterval(sweeper);
      if (shared) {
        // Then again every `afterMs`, for what a server that is gone was waiting to send (see the top).
        sweeper = setInterval(() => void (looking ?? look()), afterMs);
        sweeper.unref();
      }
      return look();
    },
    /** Sends what is due now to visitors who have gone, rather than never, and waits for the sends under way. */
    async close() {
      closing = true;
      clearInterval(sweeper);
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
