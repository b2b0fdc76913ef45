// The visitor's state in IndexedDB (idb-keyval), under one key. Nothing is written before the
// visitor interacts (types or sends), and on mount nothing is even opened unless our database
// already exists: `indexedDB.open` would create an empty one on a mere hover.
import { createStore, get, set, update, type UseStore } from 'idb-keyval';
import { LIVE_CHAT_KEY } from '../../contract';
import type { BotStep } from '../../../protocol/events';
import type { SavedConversation } from './conversation';
import type { OutboxItem } from './outbox';

export interface SavedState {
  v: 1;
  token?: string;
  conversation: SavedConversation;
  outbox: OutboxItem[];
  steps: BotStep[];
  /** Files the server did not have yet (model/uploads.ts); absent in what older widgets saved. */
  files?: { id: string; file: File }[];
}

/** Where the state lives; tests pass an in-memory one. */
export interface Persist {
  load(): Promise<SavedState | undefined>;
  /** Stores what `next` makes of the state stored now, in one transaction: another tab of the site may have written since. */
  save(next: (stored: SavedState | undefined) => SavedState): Promise<void>;
  /**
   * The page is going away: the write must be queued now. A read first (as `save` does) would
   * answer after the page is gone, and the write would never be made; so `next` gets the state
   * as this tab last read it.
   */
  saveNow(next: (stored: SavedState | undefined) => SavedState): Promise<void>;
}

const current = (saved: SavedState | undefined) => (saved?.v === 1 ? saved : undefined);

const DB = 'kohtaamo';
const KEY = 'state';

export function idbPersist(): Persist {
  let store: UseStore | undefined;
  const db = () => (store ??= createStore(DB, 'kv'));
  /** What this tab last read of the state, for a write that cannot wait for a read. */
  let lastRead: SavedState | undefined;
  return {
    async load() {
      // An opaque origin (a sandboxed iframe without allow-same-origin) is refused IndexedDB, and
      // there Chromium's `databases()` puts an unhandled rejection in the page's handler even when
      // its own promise is caught: the widget keeps nothing there, and asks nothing.
      if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function' || origin === 'null') return undefined;
      const dbs = await indexedDB.databases();
      if (!dbs.some((d) => d.name === DB)) return undefined;
      return (lastRead = current(await get<SavedState>(KEY, db())));
    },
    // Async, so that where IndexedDB is refused (a sandboxed iframe: its `open` throws at once)
    // the write fails as a rejection the saver catches, not as an error in the page's handler.
    save: async (next) => update<SavedState>(KEY, (stored) => next((lastRead = current(stored))), db()),
    saveNow: async (next) => set(KEY, next(lastRead), db()),
  };
}

export function memoryPersist(initial?: SavedState): Persist & { saved: SavedState | undefined } {
  const p = {
    saved: initial,
    load: async () => p.saved,
    save: async (next: (stored: SavedState | undefined) => SavedState) => {
      const s = next(p.saved);
      // IndexedDB keeps a File as a File; structuredClone here would not know the test DOM's.
      p.saved = { ...structuredClone({ ...s, files: undefined }), files: s.files?.map((f) => ({ ...f })) };
    },
    saveNow: (next: (stored: SavedState | undefined) => SavedState) => p.save(next),
  };
  return p;
}

/**
 * Tells the loader of this tab's next page that a chat with a person goes on, so it brings the
 * app along at once (`LIVE_CHAT_KEY`). Set only while a conversation is queued or active, which
 * the visitor started by asking for a person.
 */
export function markChatLive(live: boolean): void {
  try {
    if (live) sessionStorage.setItem(LIVE_CHAT_KEY, '1');
    else sessionStorage.removeItem(LIVE_CHAT_KEY);
  } catch {
    // Storage blocked: the next page brings the chat on intent instead.
  }
}
