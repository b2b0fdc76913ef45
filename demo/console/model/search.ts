// The agent's search for conversations, open or closed (by name, email, words, or an id from a
// colleague or `kohtaamo report`). One search at a time: the answer to an older query is dropped.
import { signal } from '@preact/signals';
import type { AgentClientMessage } from '../../../protocol/agent';
import type { ConversationSummary } from '../../../protocol/events';
import { LIMITS } from '../../../protocol/limits';

export interface SearchState {
  query: string;
  /** null while the server has not answered. */
  results: readonly ConversationSummary[] | null;
  /** Why the search did not go out. */
  problem?: string;
}

export function createSearch(send: (frame: AgentClientMessage) => boolean) {
  const state = signal<SearchState | null>(null);
  return {
    state,
    find(raw: string): void {
      const query = raw.trim();
      if (query.length < 2) state.value = { query, results: [], problem: 'Type at least 2 characters.' };
      else if (query.length > LIMITS.searchQuery) state.value = { query, results: [], problem: `Type at most ${LIMITS.searchQuery} characters.` };
      else if (!send({ type: 'search', query })) state.value = { query, results: [], problem: 'Not connected. Try again when the connection is back.' };
      else state.value = { query, results: null };
    },
    received(query: string, conversations: readonly ConversationSummary[]): void {
      if (state.value?.query === query) state.value = { query, results: conversations };
    },
    clear(): void {
      state.value = null;
    },
  };
}
