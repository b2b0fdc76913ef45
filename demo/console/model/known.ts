// What this console knows of conversations, as the server told it: the queue as last listed, the
// last summary of each conversation, their transcripts, each visitor's earlier conversations and
// whether they have the site open. console.ts routes the frames here; logging out clears it all.
// Each queue frame forgets the conversations nothing needs any more (see `forget`).
import { batch, signal } from '@preact/signals';
import type { ConversationEvent, ConversationSummary } from '../../../protocol/events';
import { heardOf } from './queue';
import { mergeEvents } from './transcript';

/**
 * `held`: the conversations the console needs beyond the queue, as the queue frame arrives: the one
 * open on screen, those this connection follows, search results. Their visitors' earlier
 * conversations (the side panel's) stay with them.
 */
export function createKnown(held: () => Iterable<string> = () => []) {
  const queue = signal<readonly ConversationSummary[]>([]);
  /** How many wait in all, as the queue's last frame said; it lists the first 100 (null: an older server's, which listed all). */
  const waitingTotal = signal<number | null>(null);
  /** The last summary seen of each conversation the console needs, so a closed one stays readable while it is open. */
  const summaries = signal<Readonly<Record<string, ConversationSummary>>>({});
  const transcripts = signal<Readonly<Record<string, readonly ConversationEvent[]>>>({});
  const histories = signal<Readonly<Record<string, readonly ConversationSummary[]>>>({});
  /** Whether each open conversation's visitor has the site open, as the server last said. */
  const visitors = signal<Readonly<Record<string, { online: boolean; since?: number }>>>({});
  /** Whether a queue has come since the login (the alerts' first look). */
  const listed = signal(false);

  function remember(list: readonly ConversationSummary[]): void {
    if (list.length === 0) return;
    const next = { ...summaries.value };
    for (const c of list) next[c.id] = heardOf(next[c.id], c);
    summaries.value = next;
  }

  /**
   * Forgets the conversations no longer in the queue, on screen, followed or found: they stayed
   * until logout (~1.6 KB each, thousands in a day's shift), and each frame copied them all.
   */
  function forget(): void {
    const keep = new Set<string>(queue.value.map((c) => c.id));
    for (const id of held()) keep.add(id);
    const visitorIds = new Set<string>();
    for (const id of keep) {
      const visitorId = summaries.value[id]?.visitorId;
      if (visitorId) visitorIds.add(visitorId);
    }
    histories.value = only(histories.value, (visitorId) => visitorIds.has(visitorId));
    for (const list of Object.values(histories.value)) for (const c of list) keep.add(c.id);
    const needed = (id: string) => keep.has(id);
    summaries.value = only(summaries.value, needed);
    transcripts.value = only(transcripts.value, needed);
    visitors.value = only(visitors.value, needed);
  }

  function isClosed(conversationId: string): boolean {
    const events = transcripts.value[conversationId] ?? [];
    return summaries.value[conversationId]?.status === 'closed' || events.some((e) => e.body.kind === 'closed');
  }

  return {
    queue,
    waitingTotal,
    summaries,
    transcripts,
    histories,
    visitors,
    listed,
    remember,
    isClosed,
    /** A `queue` frame: the open conversations, and how many wait in all. */
    queued(conversations: readonly ConversationSummary[], waiting: number | undefined): void {
      batch(() => {
        listed.value = true;
        queue.value = conversations;
        waitingTotal.value = waiting ?? null;
        remember(conversations);
        forget();
      });
    },
    /** A `history` frame: the visitor's earlier conversations. */
    history(visitorId: string, conversations: readonly ConversationSummary[]): void {
      batch(() => {
        histories.value = { ...histories.value, [visitorId]: conversations };
        remember(conversations);
      });
    },
    /** An `events` frame: each seq once, in order; the caller batches it with what the same events settle. */
    events(conversationId: string, events: readonly ConversationEvent[]): void {
      const known = transcripts.value[conversationId] ?? [];
      const merged = mergeEvents(known, events);
      if (merged !== known) transcripts.value = { ...transcripts.value, [conversationId]: merged };
    },
    /** A `visitor` frame: whether the conversation's visitor has the site open, and since when. */
    visitor(conversationId: string, state: { online: boolean; since?: number }): void {
      visitors.value = { ...visitors.value, [conversationId]: state };
    },
    /** Logged out: nothing is known. */
    clear(): void {
      queue.value = [];
      waitingTotal.value = null;
      listed.value = false;
      summaries.value = {};
      transcripts.value = {};
      histories.value = {};
      visitors.value = {};
    },
  };
}

/** The record without the keys `keep` refuses; the same record when it refuses none, so nothing redraws. */
function only<T>(record: Readonly<Record<string, T>>, keep: (key: string) => boolean): Readonly<Record<string, T>> {
  const keys = Object.keys(record);
  const kept = keys.filter(keep);
  return kept.length === keys.length ? record : Object.fromEntries(kept.map((key) => [key, record[key]!]));
}
