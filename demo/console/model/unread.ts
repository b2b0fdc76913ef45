// What the agent has not seen: visitor messages (and files) newer than the last seq that was on screen.
// Counts only in conversations the console follows (opened or the agent's own), since only those
// stream. A message counts as seen only while the page is visible: one that arrives in the open
// conversation while the agent is in another tab is still new when they come back.
// The marks are kept in sessionStorage, so a reload does not call everything new again.
import { effect, signal, type ReadonlySignal } from '@preact/signals';
import type { ConversationEvent } from '../../../protocol/events';
import type { ConsoleEnv } from '../env';
import { isVisitorMessage } from './transcript';

type ReadMarks = Readonly<Record<string, number>>;

export function createUnread(
  transcripts: ReadonlySignal<Readonly<Record<string, readonly ConversationEvent[]>>>,
  selectedId: ReadonlySignal<string | null>,
  visible: ReadonlySignal<boolean>,
  storage: ConsoleEnv['storage'],
  storageKey: string,
) {
  const readSeq = signal<ReadMarks>(loadMarks(storage.getItem(storageKey)));

  function unread(conversationId: string): number {
    const seen = readSeq.value[conversationId] ?? 0;
    return (transcripts.value[conversationId] ?? []).filter((e) => e.seq > seen && isVisitorMessage(e)).length;
  }

  /** Marks the selected conversation read as its events arrive while the page is visible. Returns the stop function. */
  function track(): () => void {
    return effect(() => {
      const id = selectedId.value;
      const last = id ? transcripts.value[id]?.at(-1)?.seq : undefined;
      if (!id || last === undefined || !visible.value || last <= (readSeq.peek()[id] ?? 0)) return;
      readSeq.value = { ...readSeq.peek(), [id]: last };
      storage.setItem(storageKey, JSON.stringify(readSeq.peek()));
    });
  }

  return { unread, track, clear: () => (readSeq.value = {}) };
}

/** Marks as a previous page stored them; anything else (edited by hand, an older format) starts afresh. */
function loadMarks(raw: string | null): ReadMarks {
  try {
    const parsed: unknown = raw === null ? {} : JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, number] => Number.isSafeInteger(entry[1])));
  } catch {
    return {};
  }
}
