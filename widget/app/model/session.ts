// The visitor's side of a conversation with a person: handoff, messages, typing, ending it, rating, and
// the delivery guarantee (client ids, acks with seq, resend after reconnect, resume with
// afterSeq). Built from the small models next to it; the UI only calls these actions.
import { effect, signal } from '@preact/signals';
import { CLOSE } from '../../../protocol/errors';
import { isAgentReply, type HandoffReason } from '../../../protocol/events';
import type { Page, VisitorInfo } from '../../../protocol/fields';
import { LIMITS, type Lang } from '../../../protocol/limits';
import { parseVisitorServerMessage } from '../../../protocol/parse';
import type { QueuePlace, VisitorServerMessage } from '../../../protocol/visitor';
import { LIVE_CHAT_KEY, NAMED_KEY } from '../../contract';
import { createConnection, type SocketFactory } from '../net/connection';
import { stringify } from '../net/json';
import { beaconTo, createBotLog } from './bot-log';
import { createConversation } from './conversation';
import { createIdentitySync } from './identity-sync';
import { clientId } from './ids';
import { createOutbox, type Outgoing } from './outbox';
import { createSaver } from './saver';
import { createDelivery } from './delivery';
import { createUploads } from './uploads';
import { upload } from '../net/upload';
import { download } from '../net/download';
import type { LoadedState, Persist, SavedState } from './storage';
import { reopening } from './reopen';
import { otherThan, whose } from './owner';
import { dropDraft } from './draft';
import { over, resending } from './kept';
import { SESSION_DEFAULTS, type SessionSettings } from './session-settings';

export interface SessionOptions {
  server: string;
  lang: () => Lang;
  page: () => Page;
  /** Who the visitor is, as the site said with `Kohtaamo('identify', …)`; sent to the agent with the handoff, or at once in a conversation. */
  visitor?: () => VisitorInfo | undefined;
  /** All that was kept of the last customer went (the site's logout or another's login, in this tab or another). */
  forgot?: () => void;
  /** The customer this page's identify named logged out in another tab, or another logged in there. */
  stale?: () => void;
  WebSocket: SocketFactory;
  persist: Persist;
  now?: () => number;
  settings?: Partial<SessionSettings>;
}

export function createSession(opts: SessionOptions) {
  const s = { ...SESSION_DEFAULTS, ...opts.settings };
  const now = opts.now ?? Date.now;
  const conversation = createConversation();
  const outbox = createOutbox();
  const bot = createBotLog(now, beaconTo(opts.server));
  /** `bot` while the FAQ is helping; `chat` from the handoff on. */
  const phase = signal<'bot' | 'chat'>('bot');
  /** Whether any agent is online, as the server says; until it has, assume so. */
  const staffed = signal(true);
  /** While nobody is online outside the site's opening hours: when they next begin. */
  const opensAt = signal<number | undefined>(undefined);
  /**
   * Whether the server emails replies the visitor missed to an address they write: then its From
   * address ('' if not said), never taken as the visitor's (email-address.ts); else undefined.
   */
  const emailsReplies = signal<string | undefined>(undefined);
  /** While queued: the visitor's place in the queue and the typical wait, as the server last said. */
  const place = signal<QueuePlace | null>(null);
  /** Who the visitor is to the server, from its welcome. */
  let token: string | undefined;
  /**
   * The token as this browser keeps it. What waits to go goes only on a socket whose token is
   * kept: a tab closed before a new visitor's token was written left the next page a handoff the
   * server had taken and no token to say whose; that page came as a new visitor, and the handoff
   * it sent again opened a second conversation (the agent answered the first, unseen).
   */
  let keptToken: string | undefined;
  const sendable = () => connection.isReady() && token === keptToken;
  /** Whose the state is (owner.ts); undefined while neither the site nor the state kept has said. */
  let owner: string | null | undefined;
  /** Kept for another person than the one the site says is here: theirs, not to be shown or written on. */
  const others = (saved?: SavedState) => otherThan(saved?.who, owner);
  // A write refused (quota, no IndexedDB) costs only the next page's resend.
  const keep = (id: string, file?: File) => void opts.persist.file(id, file).catch(() => undefined);
  // Sent with the token the socket's welcome gave: the server knows the visitor, and so their conversation.
  const uploads = createUploads(
    (id, file) => upload(opts.server, token, id, file),
    keep,
    sendable,
  );
  // Every tab of the site saves the one state. The ids of the messages this tab has had tell its
  // own, gone once delivered, from another tab's still on their way: those are kept, for that
  // tab's next page to send (the server stores each once). Files are kept apart (storage.ts).
  const mine = new Set<string>();
  /**
   * The conversation this tab last stored or took up. One stored since that is neither it nor this
   * tab's own was stored by another tab that has moved on (a handoff there, a new question after
   * a close): it is the visitor's, and this tab's older one must not be written over it.
   */
  let base: string | null = null;
  const newer = (saved: SavedState) => saved.conversation.id !== base && saved.conversation.id !== conversation.id.value;
  const snapshot = (stored?: SavedState): SavedState => {
    // Another person's (this page's read of it as the site said they logged out): written over,
    // nothing of it kept, token nor what was on its way.
    if (others(stored)) stored = undefined;
    // A tab with no conversation of its own (in the FAQ, or its handoff not yet taken) takes the
    // visitor's up, token and all: a newer conversation, or another tab's handoff on its way under
    // the visitor's token. Its own handoff then joins that conversation: sent as a visitor of its
    // own, it opened a second one, whose queue card stayed when the agent answered the first. One
    // in a chat of its own stays there, and leaves what is stored as it is.
    const theirs =
      stored &&
      (conversation.id.value
        ? newer(stored) && stored
        : (newer(stored) || (stored.token && stored.outbox.some((it) => it.frame.type == 'handoff' && !mine.has(it.frame.id)))) && void take(stored));
    if (!theirs) base = conversation.id.value;
    return {
      v: 1,
      // Not said here (another tab's logout made this one forget whose it was): the stored state's
      // (not `??=`: null, nobody, is said).
      who: owner === undefined ? (owner = stored?.who) : owner,
      // One that never connected has no token: the visitor's stays.
      token: token ?? stored?.token,
      conversation: conversation.snapshot(),
      steps: bot.steps.value,
      ...theirs,
      outbox: [...(stored?.outbox ?? []).filter((it) => !mine.has(it.frame.id)), ...outbox.items.value],
    };
  };
  const saver = createSaver(opts.persist, snapshot, s.saveDelayMs);
  const schedule = saver.schedule;
  let typingOn = false;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let seenSent = 0;
  /** The page the server last heard of on this socket, as `stringify` writes it. */
  let pageSent = '';
  /**
   * The page, when it is not the one the server last heard of: a single-page app moves on with
   * `pushState` and no new hello, and agents (and the email's link back) would keep the old one.
   * Taken as a frame goes, not as it is queued, so a message kept for the next page never says
   * the page before.
   */
  const moved = () => {
    const page = opts.page();
    const key = stringify(page);
    return key === pageSent ? {} : ((pageSent = key), { page });
  };

  /** Tells agents the last of their replies the visitor has read (`markRead`), each once. */
  const tellSeen = () => {
    const read = conversation.lastReadSeq.value;
    // A new conversation numbers from 1 again.
    if (read < seenSent) seenSent = 0;
    // A loop, not reduce: Prototype 1.6 (on old Magento 1 shops) replaces Array's reduce with one that returns the array.
    let seq = 0;
    for (const e of conversation.events.value) if (e.seq <= read && isAgentReply(e)) seq = e.seq;
    if (seq > seenSent && connection.isReady() && connection.send(stringify({ type: 'seen', seq }))) seenSent = seq;
  };

  const wsUrl = () => opts.server.replace(/^http/, 'ws') + '/ws/visitor';
  const connection = createConnection({
    url: wsUrl,
    WebSocket: opts.WebSocket,
    onOpen(send) {
      // A new socket: its hello tells the server the page.
      pageSent = '';
      const hello = {
        type: 'hello',
        lang: opts.lang(),
        ...moved(),
        ...(token ? { token, afterSeq: conversation.resumeSeq.value } : {}),
        ...(token && conversation.id.value ? { conversationId: conversation.id.value } : {}),
      };
      send(stringify(hello));
    },
    onMessage(raw) {
      const parsed = parseVisitorServerMessage(raw);
      if (parsed.ok) receive(parsed.value);
    },
    shouldReconnect(code) {
      // The server no longer knows our token: start over as a new visitor rather than loop.
      if (code === CLOSE.unauthorized) {
        token = undefined;
        // A kept conversation went with the token (pruned, erased): it is over. A handoff still
        // on its way goes as the new visitor's.
        if (conversation.id.value !== null) leave();
        else schedule();
      }
      return true;
    },
  });
  const [pump, stopSending, forgive, resend, acked, refused] = createDelivery({ ...connection, isReady: sendable }, outbox, conversation, moved, now, s);

  function receive(m: VisitorServerMessage) {
    switch (m.type) {
      case 'welcome': {
        token = m.token;
        // Kept at once, not after the batching delay; what waits goes once it is (keptToken).
        const kept = saver.now();
        staffed.value = m.staffed;
        opensAt.value = m.opensAt;
        emailsReplies.value = m.emailsReplies ? (m.siteMail ?? '') : undefined;
        if (m.conversation) conversation.setView(m.conversation);
        // The server has no conversation for us any more (closed, and past the time it shows a
        // closed one): the kept one is over, and what was written into it cannot go. One rated
        // the server no longer shows at all, but the visitor may still read it (kept.ts).
        else if (conversation.id.value !== null && !conversation.rated.value) leave();
        connection.ready(m.heartbeatMs);
        // One said while the socket was down is said again; the server records each reply once.
        // A new socket has told nobody the visitor types.
        seenSent = 0;
        typingOn = false;
        tellSeen();
        // A new token: once kept, or after keepTokenMs; not if let go meanwhile (a drop, a logout,
        // the page's end), nor twice.
        const go = () => token === m.token && token !== keptToken && connection.isReady() && ((keptToken = token), sendWaiting());
        if (token === keptToken) sendWaiting();
        else void kept.then(go), setTimeout(go, s.keepTokenMs);
        break;
      }
      case 'status':
        conversation.setView(m.conversation);
        break;
      case 'staffed':
        staffed.value = m.on;
        opensAt.value = m.opensAt;
        break;
      case 'queue':
        place.value = m;
        break;
      case 'events':
        conversation.apply(m.conversationId, m.events, false, m.after);
        break;
      case 'ack':
        acked(m);
        break;
      case 'typing':
        conversation.setTyping(m.on ? m.name : null);
        break;
      case 'error':
        refused(m);
        break;
      case 'pong':
        break;
    }
    schedule();
  }

  /** What was on its way goes (again): the server records each once. */
  function sendWaiting() {
    resend();
    uploads.resume();
  }

  /**
   * The conversation is over for good: back to the FAQ for a new question. What was still
   * written into it (a failed "Kiitos!", a file) cannot go and must not follow the visitor into
   * the next conversation.
   */
  function leave() {
    forget();
    bot.clear();
    phase.value = 'bot';
    schedule();
  }

  /** The conversation, and what was still written into it, but not the bot steps a new handoff carries. */
  function forget() {
    conversation.reset();
    uploads.clear();
    outbox.restore([]);
  }

  /**
   * Someone else is at this browser now (the site said the one it knew logged out, or another
   * logged in: a shared computer). Everything kept of the last one goes, their token too, so the
   * next conversation is not linked to theirs, and the panel is back in the FAQ.
   */
  function wipe() {
    token = undefined;
    connection.stop();
    leave();
    // At once: a site's logout often goes to another page right after.
    saver.now();
    opts.forgot?.();
  }

  /** Takes up the state a page kept: the visitor, their conversation and what was on its way. */
  function take(saved: SavedState & Partial<LoadedState>) {
    saver.enable();
    owner ??= saved.who;
    // A socket that said hello as another visitor (this tab's, before it read the stored one) says
    // it again as this one.
    if (token != saved.token) connection.stop();
    token = keptToken = saved.token;
    const c = saved.conversation;
    // Closed (rated or not) longer than keepClosedMs ago (kept.ts), or while a handoff of this tab's
    // waits to go (a new question): over, with what was still written into it.
    const ended = over(c, now(), s.keepClosedMs) || (phase.value == 'chat' && c.status == 'closed');
    if (!ended) {
      // The outbox first, so that what the restored conversation sends at once (the identity)
      // joins it rather than being replaced. What this tab has on its way (its handoff) goes after.
      outbox.restore([...resending(saved.outbox.filter((it) => !mine.has(it.frame.id))), ...outbox.items.value]);
      conversation.restore(c);
    }
    base = c.id;
    // What the bot was asked before that conversation is of it, not of the next.
    bot.restore(ended ? [] : saved.steps);
    uploads.restore(saved.files ?? []);
    // This page's now: delivered, they leave what is saved.
    for (const it of saved.outbox) mine.add(it.frame.id);
    if ((c.id !== null && !ended) || outbox.sending().length > 0) {
      phase.value = 'chat';
      // What was on its way goes after the welcome. A closed one, there to be read or rated, hears
      // nothing more (agents cannot write into it): no socket until the visitor sends something.
      if (c.status != 'closed' || outbox.sending().length) connection.start();
    }
  }

  function enqueue(frame: Outgoing) {
    saver.enable();
    mine.add(frame.id);
    outbox.add(frame, now());
    pump();
    // Written at once, not batched: a visitor may click a link the moment after Enter, and a write
    // begun while the page goes is not made (seen in Chromium).
    saver.now();
  }

  const identity = createIdentitySync(() => opts.visitor?.(), conversation.status, (visitor) => enqueue({ type: 'identify', id: clientId(), visitor }));

  const stopSeen = effect(tellSeen);
  // Closed, the conversation hears nothing more the visitor needs (agents cannot write into it):
  // once nothing of theirs is on its way (a rating opens a socket for itself, which goes once it
  // is acked), the socket and its heartbeat go, rather than pinging for the tab's life. Its close
  // event, not its status: a status frame that says closed comes before that event, still to come.
  const stopClosed = effect(() => void (conversation.events.value.some((e) => e.body.kind == 'closed') && !outbox.sending()[0] && connection.stop()));
  // Another tab's handoff sets the live-chat flag: a tab left on the closed chat listens again, so
  // the new conversation's replies reach it too (its badge), as they reach every tab of the visitor.
  // One in the FAQ saves now, and so takes the chat up (snapshot), as it does when shown again: a
  // window beside the other, never hidden, heard of it only as its visitor asked for a person.
  // And another tab's logout, or another customer's login there, takes the named customer's flag
  // away (storage.ts): a tab that keeps that customer's chat forgets it too, or it would stay on
  // screen and its next status write the live-chat flag back. Whose the state is now, the next
  // write reads from it (snapshot). This page's identify is then stale, unless what the other tab
  // kept is of the one it names (a site that logs every tab in said it here too): an agent must not
  // hear of the last customer from it.
  const wake = (e: StorageEvent) => {
    // A customer logged in in another window since this page said nobody was (the site's login is
    // the browser's, and a named customer's write raises NAMED_KEY first): this page's "nobody" is
    // stale, and what that window keeps is not another person's, to be written over as this saves.
    // Only as one of the two flags goes up: any other key's event could come while this page's
    // own logout write, which takes NAMED_KEY away once done, is still under way.
    if (owner === null && e.newValue && (e.key == LIVE_CHAT_KEY || e.key == NAMED_KEY) && localStorage.getItem(NAMED_KEY)) owner = undefined;
    if (e.key == LIVE_CHAT_KEY && e.newValue) void (conversation.status.value == 'closed' ? connection.start() : saver.now());
    if (e.key == NAMED_KEY && !e.newValue && owner) {
      const was = owner;
      (owner = undefined), wipe();
      void opts.persist.load().then((kept) => otherThan(was, kept?.who ?? null) && opts.stale?.(), opts.stale);
    }
  };
  addEventListener('storage', wake);
  // Any change of what we keep is saved (once the visitor has interacted).
  const stopWatching = effect(() => {
    void conversation.events.value;
    void conversation.lastReadSeq.value;
    void outbox.items.value;
    void uploads.items.value;
    void bot.steps.value;
    schedule();
  });

  return {
    conversation,
    outbox,
    /** Files the visitor sends: `uploads.add(file)` sends one. */
    uploads,
    /** Saves a file an agent sent, fetched with the visitor's token; rejects when that failed. */
    download: (fileId: string, name: string) => download(opts.server, token, fileId, name),
    bot,
    phase,
    staffed,
    opensAt,
    emailsReplies,
    /** Who the site says the visitor is: its email is where the server sends missed replies, when they wrote none. */
    visitor: opts.visitor,
    place,
    connection: connection.state,
    /** The visitor typed or sent something: from now on their state may be stored. */
    interacted: saver.enable,
    /** The page is going away (`pagehide`): what waits to be saved is saved now. */
    flush: saver.flush,
    /** Reads what an earlier page kept and, when a conversation is still going, resumes it. */
    async restore() {
      const saved = await opts.persist.load().catch(() => undefined);
      if (!others(saved)) return saved && take(saved);
      // The site said on this page that someone else is here: what the last one left goes, their
      // files and the tab's draft now, the rest with the next write, which begins now.
      saved!.files.forEach((f) => keep(f.id));
      dropDraft();
      saver.enable();
    },
    /**
     * The page is shown again (the tab brought back, or back from the back/forward cache): saved
     * now, so that one still in the FAQ takes up a conversation another tab started meanwhile.
     */
    shown: saver.now,
    handoff(reason: HandoffReason) {
      phase.value = 'chat';
      if (conversation.status.value === 'queued' || conversation.status.value === 'active') return;
      if (conversation.status.value === 'closed') forget();
      const lang = opts.lang();
      const visitor = opts.visitor?.();
      identity.sentWithHandoff(visitor);
      enqueue({ type: 'handoff', id: clientId(), reason, lang, page: opts.page(), steps: bot.steps.value, ...(visitor ? { visitor } : {}) });
    },
    send(text: string) {
      // The server refuses control characters (protocol/fields.ts); a pasted one must not make the message fail for good.
      const trimmed = text.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '').trim();
      if (!trimmed) return;
      this.typing(false);
      // Longer than one message may be (a pasted log, a long story): it goes whole, as several in
      // order, rather than cut short unseen. Each starts with what is not space (the server trims,
      // and refuses an empty one), and none ends between the two halves of an emoji.
      for (const part of trimmed.match(RegExp(`\\S[^]{0,${LIMITS.text - 1}}(?![\\uDC00-\\uDFFF])`, 'g'))!) enqueue({ type: 'msg', id: clientId(), text: part });
    },
    /**
     * The site said who the visitor is (`Kohtaamo('identify')`), or that nobody is logged in: a
     * live conversation's agent hears it now. The first identity is taken for the visitor's own
     * (who logged in as they chatted); another, or none after one, is someone else, and all that
     * was kept of the last one goes.
     */
    identify() {
      const v = opts.visitor?.();
      const was = owner;
      // First: what is written from now on is of this one.
      owner = whose(v);
      // Before the agent hears of them: not in the last one's conversation.
      if (otherThan(was, owner)) wipe();
      identity.sync();
    },
    retry(id: string) {
      forgive(id);
      // Refused because the conversation closed as it went: a new one starts with what did not
      // go (reopen.ts). The old one's bot steps stay with it.
      const unsent = reopening(outbox, id);
      if (unsent) {
        leave();
        this.handoff('asked_for_person');
        unsent.forEach(enqueue);
      } else if (outbox.retry(id)) pump();
    },
    /**
     * "End chat": the visitor ends their conversation with a person, queued or active. It goes in
     * the outbox after what they wrote before, so that reaches the agent first; offline, it waits.
     */
    end() {
      const id = conversation.id.value;
      const live = conversation.status.value === 'queued' || conversation.status.value === 'active';
      if (id && live && !outbox.items.value.some((it) => it.frame.type === 'end')) enqueue({ type: 'end', id: clientId(), conversationId: id });
    },
    rate(score: number, comment?: string) {
      const c = comment?.trim();
      enqueue({ type: 'rate', id: clientId(), score, ...(c ? { comment: c } : {}) });
    },
    /** The visitor is typing (true) or stopped; sent only on change, and off after a quiet spell. */
    typing(on: boolean) {
      clearTimeout(typingTimer);
      if (on) typingTimer = setTimeout(() => this.typing(false), s.typingIdleMs);
      if (on === typingOn || !connection.isReady()) return;
      typingOn = on;
      connection.send(stringify({ type: 'typing', on, ...moved() }));
    },
    /** After the thanks: back to the FAQ, ready for a new question. */
    startOver() {
      connection.stop();
      leave();
    },
    dispose() {
      stopWatching();
      stopSeen();
      stopClosed();
      removeEventListener('storage', wake);
      identity.dispose();
      connection.stop();
      conversation.dispose();
      saver.dispose();
      clearTimeout(typingTimer);
      stopSending();
    },
  };
}
export type Session = ReturnType<typeof createSession>;
