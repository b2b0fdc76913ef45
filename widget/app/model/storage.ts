// The visitor's state in IndexedDB (idb-keyval), under one key. Nothing is written before the
// visitor interacts (types or sends), and on mount nothing is even opened unless our database
// already exists: `indexedDB.open` would create an empty one on a mere hover.
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import { LIVE_CHAT_KEY, NAMED_KEY } from '../../contract';
import type { BotStep } from '../../../protocol/events';
import type { SavedConversation } from './conversation';
import type { OutboxItem } from './outbox';
import { otherThan } from './owner';

export interface SavedState {
  v: 1;
  /**
   * Whose it is, as the site said with `Kohtaamo('identify')`: the email, else the name; none
   * (null or absent) when it said nobody, or nothing.
   */
  who?: string | null | undefined;
  token?: string;
  conversation: SavedConversation;
  outbox: OutboxItem[];
  steps: BotStep[];
}

/**
 * The state as a page finds it, with the files the server did not have yet (model/uploads.ts).
 * Each file is kept under a key of its own, written once when picked and deleted once the server
 * has it or refused it for good: kept inside the state, rewritten at every change, a photo still
 * uploading was written again with every message until the quota was full.
 */
export type LoadedState = SavedState & { files: PendingFile[] };
export interface PendingFile {
  id: string;
  file: File;
}

/** Where the state lives; tests pass an in-memory one. */
export interface Persist {
  load(): Promise<LoadedState | undefined>;
  /** Stores what `next` makes of the state stored now, in one transaction: another tab of the site may have written since. */
  save(next: (stored: SavedState | undefined) => SavedState): Promise<void>;
  /**
   * The page is going away: the write must be queued now. A read first (as `save` does) would
   * answer after the page is gone, and the write would never be made; so `next` gets the state
   * as this tab last read it.
   */
  saveNow(next: (stored: SavedState | undefined) => SavedState): Promise<void>;
  /** Keeps a file the visitor sends under its id until the server has it; without `file`, lets it go. */
  file(id: string, file?: File): Promise<void>;
}

const current = (saved: SavedState | undefined) => (saved?.v === 1 ? saved : undefined);

const DB = 'kohtaamo';
const KEY = 'state';

export function idbPersist(): Persist {
  let store: UseStore | undefined;
  const db = () => (store ??= createStore(DB, 'kv'));
  /**
   * What this tab last read or wrote of the state, for a write that cannot wait for a read. Not
   * only read: a tab whose last read was before its own write of the conversation (the handoff's
   * ack) took that older state for another tab's newer one as the page went, and wrote the
   * conversation away; the next page had no chat to bring, and the reply went unseen.
   */
  let lastKnown: SavedState | undefined;
  /**
   * One write, done when its transaction is: idb-keyval's `set`, `update` and `del`, less their
   * default store, which the widget never opens (with what they cost the minifier's names, about
   * 150 B of the app, brotli).
   */
  const write = (put: (store: IDBObjectStore) => unknown) => db()('readwrite', (store) => (put(store), promisifyRequest(store.transaction)));
  /** Puts the state, and remembers it as the last this tab knows. */
  const keep = (store: IDBObjectStore, state: SavedState) => store.put((lastKnown = state), KEY);
  return {
    async load() {
      // An opaque origin (a sandboxed iframe without allow-same-origin) is refused IndexedDB, and
      // there Chromium's `databases()` puts an unhandled rejection in the page's handler even when
      // its own promise is caught: the widget keeps nothing there, and asks nothing.
      if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function' || origin === 'null') return undefined;
      const dbs = await indexedDB.databases();
      if (!dbs.some((d) => d.name === DB)) return undefined;
      // One read: the state, and beside it each file waiting to go.
      const all = await db()('readonly', (store) => promisifyRequest<(SavedState | PendingFile)[]>(store.getAll()));
      lastKnown = current(all.find((it): it is SavedState => 'v' in it));
      return lastKnown && { ...lastKnown, files: all.filter((it): it is PendingFile => 'file' in it) };
    },
    // Async, so that where IndexedDB is refused (a sandboxed iframe: its `open` throws at once)
    // the write fails as a rejection the saver catches, not as an error in the page's handler.
    // Read and written in one transaction: another tab's write comes before or after, not between.
    save: async (next) =>
      write((store) => {
        const read = store.get(KEY);
        read.onsuccess = () => {
          // Thrown here, it would reach the page's error handler (often the site's error tracker).
          try {
            keep(store, next(current(read.result)));
          } catch {
            store.transaction.abort();
          }
        };
      }),
    saveNow: async (next) => write((store) => keep(store, next(lastKnown))),
    // Keyed by the upload's client id, which is never KEY.
    file: async (id, file) => write((store) => (file ? store.put({ id, file }, id) : store.delete(id))),
  };
}

/** `initial` as `load` gives it (with its files) or as it is written. */
export function memoryPersist(initial?: SavedState & Partial<LoadedState>): Persist & { saved: SavedState | undefined; files: Map<string, File> } {
  const p = {
    // IndexedDB keeps a File as a File; structuredClone here would not know the test DOM's.
    saved: initial && (structuredClone({ ...initial, files: undefined }) as SavedState | undefined),
    files: new Map(initial?.files?.map((f) => [f.id, f.file])),
    load: async () => p.saved && { ...structuredClone(p.saved), files: [...p.files].map(([id, file]) => ({ id, file })) },
    save: async (next: (stored: SavedState | undefined) => SavedState) => {
      p.saved = structuredClone(next(p.saved));
    },
    saveNow: (next: (stored: SavedState | undefined) => SavedState) => p.save(next),
    file: async (id: string, file?: File) => void (file ? p.files.set(id, file) : p.files.delete(id)),
  };
  return p;
}

/** Sets one of the flags the loader reads (contract.ts), or removes it. */
function flag(key: string, on: unknown): void {
  try {
    if (on) localStorage.setItem(key, '1');
    else localStorage.removeItem(key);
  } catch {
    // Storage blocked: the next page's loader reads no flag, and brings the chat on intent.
  }
}

/**
 * Tells the loader of the site's next page, in this tab or another, that a chat with a person
 * goes on, so it brings the app along at once (`LIVE_CHAT_KEY`). Set as a conversation becomes
 * queued or active, which the visitor started by asking for a person; taken away by
 * `flaggingWho`, as what is kept says it no longer is.
 */
export const markChatLive = (live: boolean) => flag(LIVE_CHAT_KEY, live);

/** Whether a conversation of this status is with a person, or waits for one. */
export const live = (status?: string) => status == 'queued' || status == 'active';

/**
 * Whether the next page must bring the app at once for this kept state: its chat is live, or
 * something is still on its way under the visitor's token (a handoff the server has not yet
 * acked, whose page went). Not without the token: a tab opened before the first welcome would
 * send it as one new visitor, and the tab still waiting as another (two conversations).
 */
const needsApp = (state?: SavedState) => live(state?.conversation.status) || (!!state?.token && state.outbox.some((it) => it.status != 'failed'));

/**
 * `persist`, keeping the loader's flags (contract.ts) as the state kept is: `NAMED_KEY` set while
 * it is a named customer's (written with a `who`), removed when one without is written (a logout,
 * a state never named) and when a page finds none; `LIVE_CHAT_KEY` likewise while it needs the
 * app (`needsApp`: without it, a page gone before the handoff's ack left the next ones no app to
 * send it, nor to hear the reply), or this tab's conversation is live (`status`: a write made
 * before the server took the handoff is done after). Each is set as a write is made (the live one
 * also as the chat becomes so, main.tsx), but removed only once it is done: a tab closed as the site's logout
 * wrote (Chromium drops the transaction with the page) would otherwise leave the flags saying
 * "nobody named", "no chat" over the last customer's chat, and the next page's loader would not
 * fetch the app to forget it. Nor does anything remove the live one before the page's read: a
 * tab left as the app started lost it while the chat went on, and the next pages heard no reply.
 * A write that fails leaves the flags up; the next page's read puts them right. Another
 * customer's written over the last one's, once done, removes `NAMED_KEY` before setting it again:
 * the other tabs of the site hear that as they hear a logout (a storage event), when the last
 * one's chat is gone from what is kept, and forget it too (session.ts).
 */
export function flaggingWho(persist: Persist, status: () => string): Persist {
  const named = <T extends SavedState | undefined>(state: T, was?: SavedState) => (
    otherThan(was?.who, state?.who) && flag(NAMED_KEY, null),
    flag(NAMED_KEY, state?.who),
    markChatLive(needsApp(state) || live(status())),
    state
  );
  const written =
    (write: Persist['save']): Persist['save'] =>
    (next) => {
      let made: SavedState, was: SavedState | undefined;
      return write((stored) => ((was = stored), (made = next(stored)).who && flag(NAMED_KEY, 1), needsApp(made) && markChatLive(true), made)).then(() => {
        named(made, was);
      });
    };
  return {
    ...persist,
    load: () => persist.load().then((state) => named(state)),
    save: written(persist.save),
    saveNow: written(persist.saveNow),
  };
}
