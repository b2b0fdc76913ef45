// The console's state and actions, built from small models: session, connection, what is known
// of the conversations, outbox, typing. Components read signals and call actions; they never
// touch the socket. What its frames change is server-frames.ts; starting and ending is lifecycle.ts.
import { computed, signal } from '@preact/signals';
import { nextToTake } from '../../../protocol/queue';
import { LIMITS } from '../../../protocol/limits';
import { CONSOLE_DEFAULTS, type ConsoleOptions } from '../config';
import type { Connection } from '../connection';
import type { ConsoleEnv } from '../env';
import type { Problem } from '../strings';
import { createLanguage } from './language';
import { createAlerts, presentWaiting } from './alerts';
import { createDrafts } from './drafts';
import { createFaqAnswers } from './faq-answers';
import { createFiles } from './files';
import { createFollowing } from './following';
import { createKnown } from './known';
import { createLifecycle } from './lifecycle';
import { keepOutbox } from './kept-outbox';
import { createOutbox } from './outbox';
import { groupQueue, stepThrough } from './queue';
import { createRequests } from './requests';
import { createReport } from './report';
import { createSearch } from './search';
import { createServerClock } from './server-clock';
import { createSelection } from './selection';
import { createFrameRouter } from './server-frames';
import { createSessionModel, sessionEnded } from './session';
import { createSound } from './sound';
import { createTeam } from './team';
import { createTyping } from './typing';
import { createUploads } from './uploads';
import { createUpgradeCheck } from './upgrade';
import { transcriptText } from '../transcript-text';
import { createUnread } from './unread';

export function createConsole(env: ConsoleEnv, overrides: Partial<ConsoleOptions> = {}) {
  const options: ConsoleOptions = { ...CONSOLE_DEFAULTS, ...overrides };
  const { lang, t, strings, set: setLang } = createLanguage(env, options.langKey);
  const auth = createSessionModel(env, options.storageKey);
  // What the console needs beyond the queue (see known.ts); the models named are made below, before any frame.
  const known = createKnown(() => [
    selectedId.value ?? '',
    // The conversation a reload reopens, before its summary brings it back.
    env.storage.getItem(options.selectedKey) ?? '',
    ...following.all(),
    ...(search.state.value?.results ?? []).map((c) => c.id),
  ]);
  const { queue, summaries, transcripts, isClosed } = known;
  const selectedId = signal<string | null>(null);
  /** On a phone, which of the two fills the screen: the queue, or the conversation (or Report) opened from it. */
  const pane = signal<'queue' | 'conversation'>('queue');
  /** Whether the console is on a phone's width (ui/App.tsx says so as the window changes). */
  const narrow = signal(false);
  /** On a phone showing the queue, the selected conversation is not on screen: nothing in it is read. */
  const conversationHidden = computed(() => narrow.value && pane.value === 'queue');
  /** A problem the agent should read (claim refused, server error), shown once. */
  const notice = signal<Problem | null>(null);
  /** This browser's clock, ticked by the lifecycle. */
  const localNow = signal(Date.now());
  const serverClock = createServerClock();
  const upgrade = createUpgradeCheck(env.build);
  /** The server's time, as near as the console can tell: what its timestamps are subtracted from (server-clock.ts). */
  const now = computed(() => localNow.value + serverClock.offset.value);
  /** The agent's day (its midnight in their zone): a transcript dates times of other days. Changes once a day, not at every tick. */
  const today = computed(() => new Date(now.value).setHours(0, 0, 0, 0));
  const connection = signal<Connection | null>(null);
  /** Whether the agent can see the console; only then do messages on screen count as read. */
  const visible = signal(env.isVisible());
  let idCounter = 0;

  // Nothing but hello goes out before the welcome: the server reads frames only after it has accepted the token.
  const send: Parameters<typeof createOutbox>[0] = (message) =>
    connection.value?.status.value === 'online' ? connection.value.send(message) : false;
  const requests = createRequests(send, clientId, notice);
  const outbox = createOutbox(
    send,
    options,
    { online: () => connection.value?.status.value === 'online', doubt: () => connection.value?.probe(), restart: () => connection.value?.restart() },
    (unacknowledged) => keepOutbox(env.storage, options.keptOutboxKey, unacknowledged),
  );
  const typing = createTyping(send, options.typingIdleMs, options.typingShowMs);
  const faq = createFaqAnswers(env);
  const search = createSearch(send);
  const drafts = createDrafts(env.storage, options.draftsKey);
  // A token the server refuses there is a session over, as on the socket: the console logs out, the Report to come back after the login.
  const report = createReport(env, () => auth.session.value?.token, (ended) => logout(sessionEnded(ended)));
  const files = createFiles(env, () => auth.session.value?.token);
  // What the agent sends shows the server's time while on its way, as it will once stored.
  const uploads = createUploads(env, () => auth.session.value?.token, options.keptUploadsKey, serverClock.now);
  // Only the agent who has the conversation reads it for the visitor ("Seen"); the server checks so too.
  const tellRead = (conversationId: string, seq: number) => mine.value.some((c) => c.id === conversationId) && send({ type: 'read', conversationId, seq });
  /** The open conversation is on screen only while the Report, or on a phone the queue, is not in its place. */
  const onScreen = computed(() => visible.value && report.state.value === null && !conversationHidden.value);
  /** The conversation whose transcript is in the page (the tab seen or not). */
  const shown = computed(() => (report.state.value === null && !conversationHidden.value ? selectedId.value : null));
  // `agent` is made below; asked only once frames come.
  const reading = createUnread(transcripts, selectedId, onScreen, env.storage, options.readKey, tellRead, () => agent.value?.name ?? null);

  /** Who the server says we are; the login answer until the first welcome. */
  const welcomed = signal<{ id: string; name: string } | null>(null);
  const agent = computed(() => (auth.session.value ? welcomed.value ?? auth.session.value.agent : null));
  /** Whether the server emails a visitor who has left the replies they missed, as its welcome said. */
  const emailsReplies = signal(false);
  /** The site's own mail domain, as its welcome said: an address at it a visitor writes is not where replies go. */
  const siteMail = signal<string | null>(null);
  const team = createTeam(send, agent, env.storage, options.pausedKey);
  const status = computed(() => connection.value?.status.value ?? 'stopped');
  /** The queue in the order an agent works it: the agent's own, waiting, colleagues'. */
  const groups = computed(() => groupQueue(queue.value, agent.value?.id ?? null));
  /** How many visitors wait, also those past the page of them the queue lists. */
  const waitingCount = computed(() => Math.max(known.waitingTotal.value ?? 0, groups.value.waiting.length));
  /** Of those, how many are still on the site: what the tab title counts, as the notifications do. */
  const presentWaitingCount = computed(() => presentWaiting(groups.value.waiting, waitingCount.value));
  /** Whom Take the next visitor takes: the longest waiting of those still on the site (protocol/queue.ts). */
  const nextUp = computed(() => nextToTake(groups.value.waiting)[0] ?? null);
  const selected = computed(() => (selectedId.value ? summaries.value[selectedId.value] ?? null : null));
  const mine = computed(() => groups.value.mine);
  /** Visitor messages the agent has not seen in their own conversations (for the tab title). */
  const newMessages = computed(() => mine.value.reduce((sum, c) => sum + reading.unread(c.id), 0));
  const following = createFollowing(send, transcripts, mine);
  const selection = createSelection({
    selectedId,
    summaries,
    storage: env.storage,
    storageKey: options.selectedKey,
    send,
    follow: following.follow,
    leaving: () => {
      typing.agentStopped();
      notice.value = null;
    },
  });
  const sound = createSound(env, options.soundKey);
  const alerts = createAlerts(env, {
    status,
    listed: known.listed,
    queue,
    waitingCount,
    paused: team.paused,
    mine,
    transcripts,
    unread: reading.unread,
    open: (conversationId) => select(conversationId),
    shown,
    strings,
    ring: sound.ring,
  });

  function clientId(prefix: string): string {
    idCounter += 1;
    return `${prefix}-${Date.now().toString(36)}-${idCounter}-${Math.floor(env.random() * 36 ** 6).toString(36)}`;
  }

  /** Only the agent who claimed a conversation writes in it, and only while it is open. */
  function canWrite(conversationId: string): boolean {
    const c = summaries.value[conversationId];
    return !!c && c.status === 'active' && c.agent?.id === agent.value?.id && !isClosed(conversationId);
  }

  // What the socket's frames change. Logout is made just below, from the same models: a frame arrives only once started.
  const onFrame = createFrameRouter({
    env, options, connection, welcomed, emailsReplies, siteMail, notice, selectedId, select, logout: (reason) => logout(reason), serverClock, upgrade,
    known, reading, requests, following, selection, outbox, search, team, typing, uploads,
  });
  const { start, logout } = createLifecycle({
    env, options, auth, connection, onFrame, localNow, visible, notice, pane, welcomed, emailsReplies,
    alerts, drafts, faq, following, known, outbox, reading, report, requests, search, selection, team, typing, uploads,
  });

  /** Opens a conversation, in place of the Report if that was open. */
  function select(conversationId: string): void {
    report.close();
    selection.select(conversationId);
    pane.value = 'conversation';
  }

  /** A reply to the visitor, or (`note`) a note for colleagues, which any agent may add to any conversation. */
  function sendText(conversationId: string, raw: string, { note = false } = {}): boolean {
    const text = raw.trim();
    if (!text || text.length > LIMITS.text || !(note ? conversationId in summaries.value : canWrite(conversationId))) return false;
    if (note) outbox.add({ id: clientId('n'), conversationId, text, at: serverClock.now(), note });
    else {
      typing.agentStopped();
      outbox.add({ id: clientId('m'), conversationId, text, at: serverClock.now() });
    }
    // On its way (the outbox shows it and retries it): the box is empty for the next one.
    drafts.write(conversationId, { text: '' });
    return true;
  }

  /** A file to the visitor (a return label, a photo): only where the agent may reply. */
  function sendFile(conversationId: string, file: File): boolean {
    if (!canWrite(conversationId)) return false;
    uploads.send(clientId('f'), conversationId, file);
    return true;
  }

  return {
    auth,
    agent,
    status,
    connection,
    queue,
    summaries,
    transcripts,
    histories: known.histories,
    visitors: known.visitors,
    selectedId,
    selected,
    notice,
    now,
    today,
    groups,
    waitingCount,
    presentWaitingCount,
    newMessages,
    outbox: outbox.items,
    visitorTyping: typing.visitorTyping,
    faqAnswer: faq.answer,
    faqLang: faq.langOf,
    canWrite,
    isClosed,
    isPending: requests.isPending,
    unread: reading.unread,
    start,
    logout: () => logout(null),
    select,
    report,
    /** On a phone: the queue or the conversation; a conversation opened (a card, Alt+↓, a notification) shows it. */
    pane,
    narrow,
    shown,
    /** Files visitors sent: fetched with the session's token, to show or save. */
    files,
    claim: requests.claim,
    takeOver: requests.takeOver,
    release: requests.release,
    pass: requests.pass,
    others: team.others,
    close: requests.close,
    setFaqMatch: requests.setFaqMatch,
    /** The conversation as a text file, to save or forward. */
    downloadTranscript(conversationId: string) {
      const c = summaries.value[conversationId];
      if (c) env.download(`kohtaamo-${conversationId}.txt`, transcriptText(t.value, c, transcripts.value[conversationId] ?? []));
    },
    nextUp,
    /** Opens and claims the conversation that has waited longest, of those whose visitor is still there: working the queue in one click. */
    claimNext() {
      const next = nextUp.value;
      if (!next) return;
      select(next.id);
      requests.claimNext(next.id);
    },
    /** Opens the next (1) or previous (-1) conversation in the queue's order, or (`unread`) the nearest with new visitor messages. */
    step(direction: 1 | -1, unread = false) {
      const next = stepThrough(groups.value, selectedId.value, direction, unread ? (c) => reading.unread(c.id) > 0 : undefined);
      if (next) select(next);
    },
    /** Whether this console has paused new chats, and the switch. */
    paused: team.paused,
    emailsReplies,
    siteMail,
    setAvailable: team.setAvailable,
    /** Conversations, open or closed, found by name, email, words or id. */
    search: { state: search.state, find: search.find, clear: search.clear },
    faqEntries: faq.entries,
    /** FAQ entries for an agent's `/` lookup in the composer, the visitor's language first. */
    findAnswers: faq.find,
    /** Why the saved replies or FAQ answers are not there to find, and asking for them again. */
    answersFailed: faq.failed,
    answersAgain: faq.again,
    /** Desktop notifications while the console is in a background tab, and the same news for the page. */
    alerts: { permission: alerts.permission, enable: alerts.enable, news: alerts.news },
    /** Whether news rings a chime in this browser, and the switch. */
    sound: { on: sound.on, set: sound.set },
    /** What the agent is writing in each conversation, and whether as a note. */
    drafts: { of: drafts.of, write: drafts.write },
    sendText,
    retry: outbox.retry,
    /**
     * A reply refused for good (the conversation closed as it went): its text goes on as a note for colleagues,
     * in its place, and the failed reply goes. Not through sendText: the draft being written stays.
     */
    keepAsNote(id: string) {
      const m = outbox.items.value.find((m) => m.id === id && m.status === 'failed' && !m.note);
      if (!m || !(m.conversationId in summaries.value)) return;
      outbox.drop(id);
      outbox.add({ id: clientId('n'), conversationId: m.conversationId, text: m.text, at: serverClock.now(), note: true });
    },
    sendFile,
    /** Files the agent sent that the transcript does not show yet: on their way, or failed and why. */
    uploads: { items: uploads.items, retry: uploads.retry, dismiss: uploads.dismiss },
    typed: typing.agentTyped,
    retryNow: () => connection.value?.retryNow(),
    dismissNotice: () => (notice.value = null),
    /** This page runs an older console than the server serves (model/upgrade.ts): the agent is asked to reload. */
    outdated: upgrade.outdated,
    reload: env.reload,
    t,
    lang,
    setLang,
  };
}

export type ConsoleModel = ReturnType<typeof createConsole>;
