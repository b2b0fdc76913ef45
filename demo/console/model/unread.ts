// What the agent has not seen: visitor messages newer than the last seq that was on screen.
// Counts only in conversations the console follows (opened or claimed), since only those stream.
import { effect, signal, type ReadonlySignal } from '@preact/signals';
import type { ConversationEvent } from '../../../protocol/events';

export function createUnread(
  transcripts: ReadonlySignal<Readonly<Record<string, readonly ConversationEvent[]>>>,
  selectedId: ReadonlySignal<string | null>,
) {
  const readSeq = signal<Readonly<Record<string, number>>>({});

  function unread(conversationId: string): number {
    const seen = readSeq.value[conversationId] ?? 0;
    return (transcripts.value[conversationId] ?? []).filter((e) => e.seq > seen && e.role === 'visitor' && e.body.kind === 'text').length;
  }

  /** Marks the selected conversation read as its events arrive. Returns the stop function. */
  function track(): () => void {
    return effect(() => {
      const id = selectedId.value;
      const last = id ? transcripts.value[id]?.at(-1)?.seq : undefined;
      if (id && last !== undefined && last > (readSeq.peek()[id] ?? 0)) readSeq.value = { ...readSeq.peek(), [id]: last };
    });
  }

  return { unread, track, clear: () => (readSeq.value = {}) };
}
