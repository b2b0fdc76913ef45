// Desktop notifications for an agent working in another tab: a visitor starts waiting (or waits
// again, released by a colleague), a colleague passes the agent a conversation, or a visitor
// writes in one of the agent's own conversations. Only while the console is hidden and only once
// the agent has allowed them; the tab title counts either way. The queue is one notification,
// "5 visitors waiting" (those still on the site: a visitor who left is nobody to serve, and one
// who came and left between two frames is no notification), that each newcomer replaces: ten in a busy minute were ten on every
// agent's screen. An agent who paused new chats is not told of waiting visitors at all.
// The same events are news for the page too (`news`, which the view puts in a live region): an
// agent with a screen reader has the console in front of them, where no notification comes and
// the queue changes without a word. Once per event, and nothing of the conversation on screen,
// whose transcript says it.
// A chime rings at the same moments (`ring`, which says nothing once the agent turned the sound
// off): in a hidden tab for whatever a notification would tell, whether or not the agent allowed
// those; in a tab they are looking at, for what is not on screen (a newcomer in the queue, a
// message in another of their conversations), never for the conversation they are reading.
import { effect, signal, type ReadonlySignal } from '@preact/signals';
import { isVisitorMessage, type ConversationEvent, type ConversationSummary } from '../../../protocol/events';
import type { ConsoleEnv } from '../env';
import { conversationTitle, visitorLabel, type Strings } from '../strings';
import { messageText } from './latest-words';

export interface AlertSources {
  status: ReadonlySignal<string>;
  /**
   * Whether a queue has come since the login. Before it (a welcome names the agent and so
   * regroups the queue), the agent's own conversations are not known, and an empty list is no
   * list to compare the first real one with.
   */
  listed: ReadonlySignal<boolean>;
  /** The queue as the server last sent it: it changes once per queue frame. */
  queue: ReadonlySignal<readonly ConversationSummary[]>;
  /** How many wait in all (the queue frame may list only the first of them). */
  waitingCount: ReadonlySignal<number>;
  /** This console paused new chats (lunch, a meeting): waiting visitors are not its news. */
  paused: ReadonlySignal<boolean>;
  mine: ReadonlySignal<readonly ConversationSummary[]>;
  transcripts: ReadonlySignal<Readonly<Record<string, readonly ConversationEvent[]>>>;
  unread: (conversationId: string) => number;
  /** What clicking a notification does: show that conversation. */
  open: (conversationId: string) => void;
  /** The conversation whose transcript is on screen (none while the Report is in its place). */
  shown: ReadonlySignal<string | null>;
  strings: () => Strings;
  /** The chime, as the agent's sound switch allows (sound.ts). */
  ring: () => void;
}

/** One event the page tells of, as data: the view puts it in the agent's words when it says it. */
export type News =
  | { kind: 'waiting'; conversation: ConversationSummary }
  | { kind: 'passed'; from: string | undefined; conversation: ConversationSummary }
  /** `message`: the newest the visitor wrote, which the notification shows, and the page says too. */
  | { kind: 'wrote'; conversation: ConversationSummary; message: ConversationEvent };

/** The latest news, all that came in one go; `n` counts up, so the same words twice are still a change. */
export interface NewsState {
  n: number;
  items: readonly News[];
}

/** The queue's one notification: each newer one replaces it. Not a conversation id, which has no colon. */
export const QUEUE_TAG = 'kohtaamo:queue';

export function createAlerts(env: Pick<ConsoleEnv, 'notifier' | 'isVisible'>, sources: AlertSources) {
  const { notifier } = env;
  const permission = signal(notifier.permission());

  /** The server's view is in: anything that changes from now on is news. */
  const looking = () => sources.status.peek() === 'online' && sources.listed.peek();

  /** `tag`: what it replaces, the conversation's own notification by default. */
  const notify = (title: string, body: string, conversationId: string, tag = conversationId) => {
    if (permission.value !== 'granted' || env.isVisible()) return;
    notifier.show({ title, body, tag, onClick: () => sources.open(conversationId) });
  };

  const news = signal<NewsState>({ n: 0, items: [] });
  /** Whether news of this conversation is worth a sound: not while the agent is reading it. */
  const unseen = (conversationId: string) => !env.isVisible() || conversationId !== sources.shown.peek();

  /** What one frame brought is said together, not one over another. */
  const tell = (items: News[]) => {
    const told = items.filter((item) => item.conversation.id !== sources.shown.peek());
    if (told.length > 0) news.value = { n: news.peek().n + 1, items: told };
  };

  /** Waiting when the console last looked; null until the first queue of a login, which is no news. */
  let waitingBefore: Set<string> | null = null;
  /**
   * The newest seq each own conversation had when last looked. The first look takes the
   * summary's lastSeq: what a reload or a reconnect replays (messages the agent was told of
   * before) is no news, however many batches it comes in.
   */
  const seenSeq = new Map<string, number>();
  /** The agent's own conversations when last looked; null until the first of a login. */
  let mineBefore: Set<string> | null = null;
  /** Became the agent's since: how (claimed, taken over, passed) shows once its events are here. */
  const arrived = new Set<string>();

  /**
   * Logged out: the next login starts with no memory. Else a message the visitor wrote while
   * the agent was away would count from the seq seen before, and be news.
   */
  function reset(): void {
    waitingBefore = null;
    mineBefore = null;
    seenSeq.clear();
    arrived.clear();
    news.value = { n: 0, items: [] };
  }

  function track(): () => void {
    const stopWaiting = effect(() => {
      const waiting = sources.queue.value.filter((c) => c.status === 'queued');
      if (!looking()) {
        waitingBefore = null;
        return;
      }
      const before = waitingBefore;
      waitingBefore = new Set(waiting.map((c) => c.id));
      // Still tracked while paused: a visitor who came meanwhile is in the queue, no news after it.
      if (!before || sources.paused.peek()) return;
      const fresh = waiting.filter((c) => !before.has(c.id));
      if (fresh.length === 0) return;
      // Only a visitor still on the site is anyone to serve: one who came and went between two
      // frames is no reason to look, and those who left are not counted among the waiting.
      const present = fresh.filter((c) => c.visitorLeft === undefined);
      const newest = present.at(-1);
      if (newest) {
        // What the newest one wants, as their queue card says it; a click opens that conversation.
        const t = sources.strings();
        notify(t.visitorsWaiting(presentWaiting(waiting, sources.waitingCount.peek())), conversationTitle(t, newest), newest.id, QUEUE_TAG);
        if (unseen(newest.id)) sources.ring();
      }
      tell(present.map((conversation) => ({ kind: 'waiting', conversation })));
    });

    const stopMessages = effect(() => {
      const told: News[] = [];
      let ring = false;
      if (!looking()) mineBefore = null;
      for (const c of sources.mine.value) if (mineBefore && !mineBefore.has(c.id)) arrived.add(c.id);
      mineBefore = looking() ? new Set(sources.mine.value.map((c) => c.id)) : null;
      for (const c of sources.mine.value) {
        if (!arrived.has(c.id)) continue;
        // The newest joined says how it became the agent's; with `passed`, a colleague gave it.
        // Only the whole replay says which is newest: a long conversation comes in batches, the
        // first of which may hold only the visitor's first claim, the pass in a later one.
        const events = sources.transcripts.value[c.id] ?? [];
        if ((events.at(-1)?.seq ?? 0) < c.lastSeq) continue;
        const joined = events.findLast((e) => e.body.kind === 'joined');
        if (!joined || joined.body.kind !== 'joined') continue;
        arrived.delete(c.id);
        if (!joined.body.passed) continue;
        notify(sources.strings().passedYou(joined.body.from), conversationTitle(sources.strings(), c), c.id);
        told.push({ kind: 'passed', from: joined.body.from, conversation: c });
        ring ||= unseen(c.id);
      }
      for (const c of sources.mine.value) {
        const events = sources.transcripts.value[c.id] ?? [];
        const newest = events.at(-1)?.seq ?? 0;
        const before = seenSeq.get(c.id);
        // Later, only events move it on: a queue preview may name a seq whose event is still on its way.
        seenSeq.set(c.id, Math.max(before ?? c.lastSeq, newest));
        if (before === undefined) continue;
        const fresh = events.filter((e) => e.seq > before && isVisitorMessage(e));
        const last = fresh.at(-1);
        // Read already (on screen in a visible tab): no notification.
        if (!last || sources.unread(c.id) === 0) continue;
        notify(visitorLabel(sources.strings(), c.visitor), messageText(sources.strings(), last), c.id);
        told.push({ kind: 'wrote', conversation: c, message: last });
        ring ||= unseen(c.id);
      }
      tell(told);
      if (ring) sources.ring();
    });
    return () => {
      stopWaiting();
      stopMessages();
    };
  }

  return {
    /** 'default' until the agent has answered the browser's question; 'unsupported' without the API. */
    permission,
    async enable(): Promise<void> {
      permission.value = await notifier.request();
    },
    /** What the page says of these events, whether or not a notification went. */
    news,
    track,
    reset,
  };
}

/**
 * How many waiting visitors are still on the site: the listed ones who have not left, and those
 * past the page the queue lists (`total`), of whom the console knows nothing but that they wait.
 */
export function presentWaiting(listed: readonly ConversationSummary[], total: number): number {
  return listed.filter((c) => c.visitorLeft === undefined).length + Math.max(0, total - listed.length);
}
