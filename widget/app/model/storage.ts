// The visitor's state in IndexedDB (idb-keyval), under one key. Nothing is written before the
// visitor interacts (types or sends), and on mount nothing is even opened unless our database
// already exists: `indexedDB.open` would create an empty one on a mere hover.
import { createStore, get, set, type UseStore } from 'idb-keyval';
import type { BotStep } from '../../../protocol/events';
import type { SavedConversation } from './conversation';
import type { OutboxItem } from './outbox';

export interface SavedState {
  v: 1;
  visitorId?: string;
  token?: string;
  conversation: SavedConversation;
  outbox: OutboxItem[];
  steps: BotStep[];
}

/** Where the state lives; tests pass an in-memory one. */
export interface Persist {
  load(): Promise<SavedState | undefined>;
  save(state: SavedState): Promise<void>;
}

const DB = 'kohtaamo';
const KEY = 'state';

export function idbPersist(): Persist {
  let store: UseStore | undefined;
  const db = () => (store ??= createStore(DB, 'kv'));
  return {
    async load() {
      if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return undefined;
      const dbs = await indexedDB.databases();
      if (!dbs.some((d) => d.name === DB)) return undefined;
      const saved = await get<SavedState>(KEY, db());
      return saved?.v === 1 ? saved : undefined;
    },
    save: (state) => set(KEY, state, db()),
  };
}

export function memoryPersist(initial?: SavedState): Persist & { saved: SavedState | undefined } {
  const p = {
    saved: initial,
    load: async () => p.saved,
    save: async (s: SavedState) => {
      p.saved = structuredClone(s);
    },
  };
  return p;
}
