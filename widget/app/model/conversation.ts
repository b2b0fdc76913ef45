// The conversation as the visitor sees it: server events deduplicated and ordered by seq,
// plus what they say about status, agent and rating.
import { computed, signal } from '@preact/signals';
import { isAgentReply, type ConversationView, type VisitorEvent } from '../../../protocol/events';

export type ChatStatus = 'none' | 'queued' | 'active' | 'closed';

export interface SavedConversation {
  id: string | null;
  events: VisitorEvent[];
  status: ChatStatus;
  agentName?: string;
  rated: boolean;
  lastReadSeq: number;
  /** Absent in what an older widget saved. */
  resumeSeq?: number;
  /**
   * When this browser last heard something new of it, by its own clock, against which a later
   * page counts how long it is kept (kept.ts): the server's times on its events are not this
   * clock's. Absent in what an older widget saved.
   */
  heardAt?: number;
}

const AGENT_TYPING_MS = 8_000;

export function createConversation() {
  const id = signal<string | null>(null);
  const events = signal<VisitorEvent[]>([]);
  const status = signal<ChatStatus>('none');
  const agentName = signal<string | undefined>(undefined);
  const rated = signal(false);
  /** Name of the agent typing right now, or null. */
  const agentTyping = signal<string | null>(null);
  const lastReadSeq = signal(0);
  const lastSeq = computed(() => events.value.at(-1)?.seq ?? 0);
  // Where a reconnect resumes: the last seq the server sent as an event, never an ack's. Scaled
  // out, an ack can overtake the events before it (an agent reply stored just before the
  // visitor's message); resuming after the ack would skip that reply for good. Nor past a frame
  // lost: one whose `after` (the seq it follows on from) is past it leaves it where it is, so
  // the next socket, or page, asks again from before the gap.
  const resumeSeq = signal(0);
  const unread = computed(
    () => events.value.filter((e) => e.seq > lastReadSeq.value && isAgentReply(e)).length,
  );
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let heardAt: number | undefined;

  const learn = (e: VisitorEvent) => {
    const b = e.body;
    if (b.kind === 'joined') {
      agentName.value = b.agent;
      if (status.value !== 'closed') status.value = 'active';
    } else if (b.kind === 'released') {
      // Back in the queue: the next agent's "joined" makes it active again.
      if (status.value !== 'closed') status.value = 'queued';
      agentTyping.value = null;
    } else if (b.kind === 'closed') {
      status.value = 'closed';
      agentTyping.value = null;
    } else if (b.kind === 'rating') rated.value = true;
    else if (b.kind === 'handoff' && status.value === 'none') status.value = 'queued';
    else if (b.kind === 'text' && e.role === 'agent') agentTyping.value = null;
  };

  const setTyping = (name: string | null) => {
    clearTimeout(typingTimer);
    agentTyping.value = name;
    // A lost "stopped typing" must not leave the dots on forever.
    if (name) typingTimer = setTimeout(() => (agentTyping.value = null), AGENT_TYPING_MS);
  };

  return {
    id,
    events,
    status,
    agentName,
    rated,
    agentTyping,
    lastReadSeq,
    lastSeq,
    resumeSeq,
    unread,
    /**
     * Merge events from the server (`acked`: one made from an ack; `after`: the seq an `events`
     * frame follows on from); a new conversation id starts a new transcript.
     */
    apply(conversationId: string, incoming: VisitorEvent[], acked?: boolean, after?: number) {
      if (id.value !== conversationId) {
        if (id.value !== null) reset();
        id.value = conversationId;
      }
      if (!acked && !(after! > resumeSeq.value)) for (const e of incoming) resumeSeq.value = Math.max(resumeSeq.value, e.seq);
      const bySeq = new Map(events.value.map((e) => [e.seq, e]));
      const fresh = incoming.filter((e) => !bySeq.has(e.seq));
      if (fresh.length === 0) return;
      heardAt = Date.now();
      for (const e of fresh) bySeq.set(e.seq, e);
      events.value = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
      fresh.sort((a, b) => a.seq - b.seq).forEach(learn);
    },
    setView(view: ConversationView) {
      if (id.value !== null && id.value !== view.id) reset();
      id.value = view.id;
      status.value = view.status;
      if (view.agent) agentName.value = view.agent.name;
      rated.value = view.rated;
    },
    setTyping,
    markRead() {
      lastReadSeq.value = lastSeq.value;
    },
    snapshot(): SavedConversation {
      return {
        id: id.value,
        events: events.value,
        status: status.value,
        agentName: agentName.value,
        rated: rated.value,
        lastReadSeq: lastReadSeq.value,
        resumeSeq: resumeSeq.value,
        heardAt,
      };
    },
    restore(saved: SavedConversation) {
      id.value = saved.id;
      events.value = saved.events;
      status.value = saved.status;
      agentName.value = saved.agentName;
      rated.value = saved.rated;
      lastReadSeq.value = saved.lastReadSeq;
      resumeSeq.value = saved.resumeSeq ?? saved.events.at(-1)?.seq ?? 0;
      heardAt = saved.heardAt;
    },
    reset,
    dispose() {
      clearTimeout(typingTimer);
    },
  };

  function reset() {
    id.value = null;
    events.value = [];
    status.value = 'none';
    agentName.value = undefined;
    rated.value = false;
    lastReadSeq.value = 0;
    resumeSeq.value = 0;
    heardAt = undefined;
    setTyping(null);
  }
}
export type Conversation = ReturnType<typeof createConversation>;
