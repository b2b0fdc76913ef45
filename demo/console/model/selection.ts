// Which conversation the agent is looking at: kept over a reload (sessionStorage), and opened on
// the server (its events after what the console holds, and the visitor's earlier conversations).
import type { Signal, ReadonlySignal } from '@preact/signals';
import type { AgentClientMessage } from '../../../protocol/agent';
import type { ConversationSummary } from '../../../protocol/events';
import type { ConsoleEnv } from '../env';

export interface SelectionDeps {
  selectedId: Signal<string | null>;
  summaries: ReadonlySignal<Readonly<Record<string, ConversationSummary>>>;
  storage: ConsoleEnv['storage'];
  storageKey: string;
  send: (frame: AgentClientMessage) => boolean;
  /** Streams the conversation to this console from the last seq it holds. */
  follow: (conversationId: string) => void;
  /** Called before the selection moves (the agent's typing stops, the last notice goes). */
  leaving: () => void;
}

export function createSelection({ selectedId, summaries, storage, storageKey, send, follow, leaving }: SelectionDeps) {
  let asked = false;

  /**
   * Opens the selected conversation on the server; again after every reconnect. `streaming`: it
   * was already asked for (a restore), so only the visitor's earlier conversations are to ask.
   */
  function reopen(streaming = false): void {
    const id = selectedId.value;
    if (!id) return;
    if (!streaming) follow(id);
    const visitorId = summaries.value[id]?.visitorId;
    if (visitorId) send({ type: 'history', visitorId });
  }

  function select(conversationId: string, streaming = false): void {
    if (selectedId.value === conversationId) return;
    storage.setItem(storageKey, conversationId);
    leaving();
    selectedId.value = conversationId;
    reopen(streaming);
  }

  /**
   * After a reload: back to the conversation that was open, once the server says it still
   * exists. A closed one is in no queue: it is asked for once, and its summary brings it back.
   */
  function restore(): void {
    const id = storage.getItem(storageKey);
    if (!id || selectedId.value) return;
    if (summaries.value[id]) return select(id, asked);
    if (asked) return;
    asked = send({ type: 'open', conversationId: id, afterSeq: 0 });
  }

  return {
    select: (conversationId: string) => select(conversationId),
    reopen: () => reopen(),
    restore,
    clear(): void {
      selectedId.value = null;
      asked = false;
    },
    /** Logged out: the next login starts with no conversation open. */
    forget: () => storage.removeItem(storageKey),
  };
}
