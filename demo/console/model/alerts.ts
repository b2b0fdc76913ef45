// Desktop notifications for an agent working in another tab: a visitor starts waiting (or waits
// again, released by a colleague), a colleague passes the agent a conversation, or a visitor
// writes in one of the agent's own conversations. Only while the console is hidden and only once
// the agent has allowed them; the tab title counts either way.
import { effect, signal, type ReadonlySignal } from '@preact/signals';
import { isVisitorMessage, type ConversationEvent, type ConversationSummary } from '../../../protocol/events';
import type { ConsoleEnv } from '../env';
import { visitorLabel, type Strings } from '../strings';

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
  mine: ReadonlySignal<readonly ConversationSummary[]>;
  transcripts: ReadonlySignal<Readonly<Record<string, readonly ConversationEvent[]>>>;
  unread: (conversationId: string) => number;
  /** What clicking a notification does: show that conversation. */
  open: (conversationId: string) => void;
  strings: () => Strings;
}

export function createAlerts(env: Pick<ConsoleEnv, 'notifier' | 'isVisible'>, sources: AlertSources) {
  const { notifier } = env;
  const permission = signal(notifier.permission());

  /** The server's view is in: anything that changes from now on is news. */
  const looking = () => sources.status.peek() === 'online' && sources.listed.peek();

  const notify = (title: string, body: string, conversationId: string) => {
    if (permission.value !== 'granted' || env.isVisible()) return;
    notifier.show({ title, body, tag: conversationId, onClick: () => sources.open(conversationId) });
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
  }

  function track(): () => void {
    const stopWaiting = effect(() => {
      const waiting = sources.queue.value.filter((c) => c.status === 'queued');
      if (!looking()) {
        waitingBefore = null;
        return;
      }
      for (const c of waiting) {
        if (waitingBefore && !waitingBefore.has(c.id)) notify(sources.strings().visitorWaiting, c.questions[0] ?? visitorLabel(sources.strings(), c.visitor), c.id);
      }
      waitingBefore = new Set(waiting.map((c) => c.id));
    });

    const stopMessages = effect(() => {
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
        if (joined.body.passed) notify(sources.strings().passedYou(joined.body.from), c.questions[0] ?? visitorLabel(sources.strings(), c.visitor), c.id);
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
      }
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
    track,
    reset,
  };
}

/** What a notification says of a visitor's message: its words, or "📎 receipt.pdf" for a file. */
function messageText(t: Strings, e: ConversationEvent): string {
  if (e.body.kind === 'text') return e.body.text;
  return e.body.kind === 'file' ? t.attachment(e.body.name) : t.newMessage;
}
