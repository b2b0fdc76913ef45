// What the agent is writing in each conversation: kept here, not in the composer, which is
// made anew for every conversation and gone while the Report is shown, so that a look at the
// Report or at another conversation (Alt+↓ and back) loses no half-written reply. A note being
// written stays a note: back in reply mode, Enter would send it to the visitor.
import { signal } from '@preact/signals';

export interface Draft {
  text: string;
  /** Written as a note for colleagues, not a reply. */
  note: boolean;
}

const EMPTY: Draft = { text: '', note: false };

export function createDrafts() {
  const drafts = signal<Readonly<Record<string, Draft>>>({});
  const of = (conversationId: string): Draft => drafts.value[conversationId] ?? EMPTY;
  return {
    of,
    write(conversationId: string, patch: Partial<Draft>): void {
      drafts.value = { ...drafts.value, [conversationId]: { ...of(conversationId), ...patch } };
    },
    /** Logged out: the next agent at this tab finds none of them. */
    clear(): void {
      drafts.value = {};
    },
  };
}
