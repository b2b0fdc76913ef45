// What the agent is writing in each conversation: kept here, not in the composer, which is
// made anew for every conversation and gone while the Report is shown, so that a look at the
// Report or at another conversation (Alt+↓ and back) loses no half-written reply. A note being
// written stays a note: back in reply mode, Enter would send it to the visitor.
// Kept in sessionStorage too, like the selection and the read marks, so that a reload of the
// tab loses none of them either; sending empties one, logging out forgets them all
// (an expired session keeps them for the same agent's next login: lifecycle.ts).
import { signal } from '@preact/signals';
import type { ConsoleEnv } from '../env';

export interface Draft {
  text: string;
  /** Written as a note for colleagues, not a reply. */
  note: boolean;
}

type Drafts = Readonly<Record<string, Draft>>;

const EMPTY: Draft = { text: '', note: false };

export function createDrafts(storage: ConsoleEnv['storage'], storageKey: string) {
  const drafts = signal<Drafts>(loadDrafts(storage.getItem(storageKey)));
  const of = (conversationId: string): Draft => drafts.value[conversationId] ?? EMPTY;
  return {
    of,
    write(conversationId: string, patch: Partial<Draft>): void {
      const draft = { ...of(conversationId), ...patch };
      const { [conversationId]: _, ...others } = drafts.value;
      // An empty reply is no draft: nothing of it to keep.
      drafts.value = draft.text === '' && !draft.note ? others : { ...others, [conversationId]: draft };
      storage.setItem(storageKey, JSON.stringify(drafts.value));
    },
    /** The console stops (or logs out): none in memory; a reload reads them back from storage. */
    clear(): void {
      drafts.value = {};
    },
    /** Logged in again after an expired session: the drafts kept for the agent, from storage. */
    reload(): void {
      drafts.value = loadDrafts(storage.getItem(storageKey));
    },
    /** Logged out: the next agent at this tab finds none of them. */
    forget: () => storage.removeItem(storageKey),
  };
}

/** Drafts as a previous page stored them; anything else (edited by hand, an older format) is left out. */
function loadDrafts(raw: string | null): Drafts {
  try {
    const parsed: unknown = raw === null ? {} : JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).flatMap(([id, d]: [string, unknown]) => {
        if (typeof d !== 'object' || d === null) return [];
        const { text, note } = d as Record<string, unknown>;
        return typeof text === 'string' && typeof note === 'boolean' ? [[id, { text, note }]] : [];
      }),
    );
  } catch {
    return {};
  }
}
