// What this console knows of conversations, as the server told it: the queue as last listed, the
// last summary of each conversation, their transcripts, each visitor's earlier conversations and
// whether they have the site open. console.ts routes the frames here; logging out clears it all.
import { batch, signal } from '@preact/signals';
import type { ConversationEvent, ConversationSummary } from '../../../protocol/events';
import { heardOf } from './queue';
import { mergeEvents } from './transcript';

export function createKnown() {
  const queue = signal<readonly ConversationSummary[]>([]);
  /** How many wait in all, as the queue's last frame said; it lists the first 100 (null: an older server's, which listed all). */
  const waitingTotal = signal<number | null>(null);
  /** The last summary seen of every conversation, so a closed one stays readable after it leaves the queue. */
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
