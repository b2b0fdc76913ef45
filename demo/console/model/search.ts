// The agent's search for conversations, open or closed (by name, email, words, or an id from a
// colleague or `kohtaamo report`). One search at a time: the answer to an older query is dropped.
// A search whose answer the connection lost is asked again after the next welcome.
import { signal } from '@preact/signals';
import type { AgentClientMessage } from '../../../protocol/agent';
import type { ConversationSummary } from '../../../protocol/events';
import { LIMITS } from '../../../protocol/limits';
import type { Problem } from '../strings';

export interface SearchState {
  query: string;
  /** null while the server has not answered. */
  results: readonly ConversationSummary[] | null;
  /** Why the search did not go out. */
  problem?: Problem;
}

export function createSearch(send: (frame: AgentClientMessage) => boolean) {
  const state = signal<SearchState | null>(null);
  return {
    state,
    find(raw: string): void {
      const query = raw.trim();
      if (query.length < 2) state.value = { query, results: [], problem: { code: 'search_too_short' } };
      else if (query.length > LIMITS.searchQuery) state.value = { query, results: [], problem: { code: 'search_too_long' } };
      else if (!send({ type: 'search', query })) state.value = { query, results: [], problem: { code: 'not_connected' } };
      else state.value = { query, results: null };
    },
    /** After a reconnect: the answer to a search in flight went with the old socket, so it is asked again. */
    resend(): void {
      const current = state.value;
      if (current && current.results === null && !send({ type: 'search', query: current.query })) state.value = { ...current, results: [], problem: { code: 'not_connected' } };
    },
    received(query: string, conversations: readonly ConversationSummary[]): void {
      if (state.value?.query === query) state.value = { query, results: conversations };
    },
    clear(): void {
      state.value = null;
    },
  };
}
