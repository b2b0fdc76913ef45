// What the agent has not seen: visitor messages (and files) newer than the last seq that was on screen.
// Counts only in conversations the console follows (opened or the agent's own), since only those
// stream. A message counts as seen only while the page is visible: one that arrives in the open
// conversation while the agent is in another tab is still new when they come back.
// The marks are kept in sessionStorage, so a reload, or a login after an expired session, does not
// call everything new again; logging out forgets them (lifecycle.ts).
// What the agent has read is also told (`tellRead`, once per message), so the visitor sees "Seen".
//
// The marks are this tab's alone: a second tab, another computer or a tab opened again would call
// everything new, so the transcript says too what this agent has seen (`answeredThrough`): a
// visitor message the agent answered after, and what the server recorded as read while the
// conversation was theirs. A `read` says not who read it, so it counts only where the transcript
// shows whose the conversation was then: after a `joined` naming this agent, and before the next
// `joined` (a pass, a takeover, a claim after a return). The server records it only from the agent
// who has the conversation (read-marks.ts). So a conversation passed to them still has its
// messages new, whatever the colleague read or answered. (`joined` names the agent by name alone:
// two agents of one name would count each other's; one renamed since finds old ones new again.)
import { effect, signal, type ReadonlySignal } from '@preact/signals';
import { isAgentReply, isVisitorMessage, type ConversationEvent } from '../../../protocol/events';
import type { ConsoleEnv } from '../env';

type ReadMarks = Readonly<Record<string, number>>;

export function createUnread(
  transcripts: ReadonlySignal<Readonly<Record<string, readonly ConversationEvent[]>>>,
  selectedId: ReadonlySignal<string | null>,
  /** Whether the selected conversation is on screen: the tab visible, and no Report in its place. */
  visible: ReadonlySignal<boolean>,
  storage: ConsoleEnv['storage'],
  storageKey: string,
  /** Tells the server the visitor's newest message on screen; false when it could not go. */
  tellRead: (conversationId: string, seq: number) => boolean,
  /** The agent's name, as the server's `joined` names them; null: nobody is logged in. */
  me: () => string | null,
) {
  const readSeq = signal<ReadMarks>(loadMarks(storage.getItem(storageKey)));
  const told = new Map<string, number>();

  function unread(conversationId: string): number {
    const events = transcripts.value[conversationId] ?? [];
    const name = me();
    const seen = Math.max(readSeq.value[conversationId] ?? 0, name === null ? 0 : answeredThrough(events, name));
    return events.filter((e) => e.seq > seen && isVisitorMessage(e)).length;
  }

  /** Marks the selected conversation read as its events arrive while the page is visible. Returns the stop function. */
  function track(): () => void {
    return effect(() => {
      const id = selectedId.value;
      const events = id ? transcripts.value[id] : undefined;
      const last = events?.at(-1)?.seq;
      if (!id || !events || last === undefined || !visible.value) return;
      if (last > (readSeq.peek()[id] ?? 0)) {
        readSeq.value = { ...readSeq.peek(), [id]: last };
        storage.setItem(storageKey, JSON.stringify(readSeq.peek()));
      }
      const message = events.findLast(isVisitorMessage);
      if (message && message.seq > (told.get(id) ?? 0) && tellRead(id, message.seq)) told.set(id, message.seq);
    });
  }

  /** Drops the marks of conversations the console has forgotten: one per conversation read, they stayed until logout. */
  function keepOnly(keep: (conversationId: string) => boolean): void {
    const marks = readSeq.peek();
    const kept = Object.entries(marks).filter(([id]) => keep(id));
    if (kept.length === Object.keys(marks).length) return;
    readSeq.value = Object.fromEntries(kept);
    storage.setItem(storageKey, JSON.stringify(readSeq.peek()));
    for (const id of told.keys()) if (!keep(id)) told.delete(id);
  }

  return {
    unread,
    track,
    keepOnly,
    /** The console stops (or logs out): none in memory; a reload reads them back from storage. */
    clear: () => (readSeq.value = {}),
    /** Logged in again after an expired session: what the agent had read is still read, as after a reload. */
    reload: () => (readSeq.value = loadMarks(storage.getItem(storageKey))),
    /** Logged out, or another agent at the tab: what the last one read is nothing to them. */
    forget: () => storage.removeItem(storageKey),
  };
}

/**
 * The seq through which the agent named `me` has seen the visitor's messages, as the transcript
 * tells it: their own reply, or a read recorded while the conversation was theirs (see the top).
 */
export function answeredThrough(events: readonly ConversationEvent[], me: string): number {
  let theirs = false;
  let through = 0;
  for (const e of events) {
    if (e.body.kind === 'joined') theirs = e.body.agent === me;
    else if (theirs && isAgentReply(e)) through = e.seq;
    else if (theirs && e.body.kind === 'read') through = Math.max(through, e.body.through);
  }
  return through;
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
