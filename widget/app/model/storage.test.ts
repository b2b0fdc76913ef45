// The visitor's state in IndexedDB, and where the browser refuses it: in a sandboxed iframe
// without allow-same-origin (an opaque origin) the widget keeps nothing, and throws nothing at
// the page, whose error handlers often report to the site's error tracker. (Real IndexedDB, two
// tabs and reloads: tests/e2e/offline-and-tabs.test.ts.)
import { afterEach, expect, it, vi } from 'vitest';
import { LIVE_CHAT_KEY, NAMED_KEY } from '../../contract';
import type { OutboxItem } from './outbox';
import { flaggingWho, idbPersist, memoryPersist, type SavedState } from './storage';

afterEach(() => void vi.unstubAllGlobals());

const STATE: SavedState = {
  v: 1,
  conversation: { id: null, events: [], status: 'none', rated: false, lastReadSeq: 0 },
  outbox: [],
  steps: [],
};

it('keeps nothing in an opaque origin, and neither reads nor writes throw at the page', async () => {
  // As Chromium refuses it there: `open` throws at once, `databases()` rejects.
  const denied = () => new DOMException("Failed to execute 'open' on 'IDBFactory': access to the Indexed Database API is denied in this context.", 'SecurityError');
  const databases = vi.fn(() => Promise.reject(denied()));
  vi.stubGlobal('indexedDB', {
    open: () => {
      throw denied();
    },
    databases,
  });
  vi.stubGlobal('origin', 'null');
  const persist = idbPersist();
  expect(await persist.load()).toBeUndefined();
  // Chromium's refused databases() puts an unhandled rejection in the page's handler even when caught.
  expect(databases).not.toHaveBeenCalled();
  // A write fails as a rejection, which the saver catches, rather than as a throw from a timer or a click.
  for (const write of [persist.save, persist.saveNow]) {
    let written: Promise<void> | undefined;
    expect(() => (written = write(() => STATE))).not.toThrow();
    await expect(written).rejects.toThrow(/denied/);
  }
  let kept: Promise<void> | undefined;
  expect(() => (kept = persist.file('f1', new File(['x'], 'x.png')))).not.toThrow();
  await expect(kept).rejects.toThrow(/denied/);
});

/**
 * Enough of IndexedDB for one store, as browsers run it: a request's success handler runs inside
 * its transaction; what it writes is committed when the transaction completes; a handler that
 * throws aborts the transaction and reaches the page's error handler (here: `uncaught`).
 */
function fakeIndexedDB(rows: Map<string, unknown>) {
  const uncaught: unknown[] = [];
  const transaction = () => {
    const writes = new Map<string, unknown>();
    let pending = 0;
    const tx = {
      error: null as DOMException | null,
      oncomplete: null as null | (() => void),
      onabort: null as null | (() => void),
      aborted: false,
      abort() {
        tx.aborted = true;
        tx.error = new DOMException('The transaction was aborted.', 'AbortError');
      },
      objectStore: () => store,
    };
    const request = <T>(result: () => T) => {
      const r = { result: undefined as T | undefined, onsuccess: null as null | (() => void) };
      pending++;
      setTimeout(() => {
        r.result = result();
        try {
          r.onsuccess?.();
        } catch (e) {
          uncaught.push(e);
          tx.abort();
        }
        if (--pending === 0) setTimeout(finish);
      });
      return r;
    };
    const finish = () => {
      if (tx.aborted) return tx.onabort?.();
      for (const [k, v] of writes) v === undefined ? rows.delete(k) : rows.set(k, v);
      tx.oncomplete?.();
    };
    const store = {
      transaction: tx,
      get: (key: string) => request(() => rows.get(key)),
      getAll: () => request(() => [...rows.values()]),
      put: (value: unknown, key: string) => void writes.set(key, structuredClone(value)),
      delete: (key: string) => void writes.set(key, undefined),
    };
    // A transaction with nothing asked of it completes too.
    setTimeout(() => pending === 0 && finish());
    return tx;
  };
  const open = () => {
    const r = { result: { transaction }, onsuccess: null as null | (() => void) };
    setTimeout(() => r.onsuccess?.());
    return r;
  };
  return { indexedDB: { open, databases: async () => [{ name: 'kohtaamo' }] }, uncaught };
}

it('reads the state and writes what is made of it in one transaction, and a write that throws is not the page\'s error', async () => {
  const rows = new Map<string, unknown>([['state', STATE]]);
  const fake = fakeIndexedDB(rows);
  vi.stubGlobal('indexedDB', fake.indexedDB);
  const persist = idbPersist();
  const seen: unknown[] = [];
  await persist.save((stored) => (seen.push(stored), { ...STATE, token: 't'.repeat(32) }));
  expect(seen).toEqual([STATE]);
  expect(rows.get('state')).toMatchObject({ token: 't'.repeat(32) });
  await persist.saveNow((last) => ({ ...last!, token: 'u'.repeat(32) }));
  expect(rows.get('state')).toMatchObject({ token: 'u'.repeat(32) });
  const file = new File(['%PDF'], 'kuitti.pdf');
  await persist.file('f1', file);
  expect(rows.get('f1')).toMatchObject({ id: 'f1' });
  await persist.file('f1');
  expect(rows.has('f1')).toBe(false);

  await expect(
    persist.save(() => {
      throw new Error('a bug of ours');
    }),
  ).rejects.toBeTruthy();
  expect(fake.uncaught).toEqual([]);
  expect(rows.get('state')).toMatchObject({ token: 'u'.repeat(32) });
});

it('hands a write that cannot wait for a read what this tab last wrote, not the older state it read before', async () => {
  const rows = new Map<string, unknown>([['state', STATE]]);
  vi.stubGlobal('indexedDB', fakeIndexedDB(rows).indexedDB);
  const persist = idbPersist();
  const chat = { ...STATE, token: 't'.repeat(32), conversation: { ...STATE.conversation, id: 'c1', status: 'queued' as const } };
  await persist.save(() => chat);
  const seen: unknown[] = [];
  await persist.saveNow((last) => (seen.push(last), last!));
  expect(seen).toEqual([chat]);
  expect(rows.get('state')).toMatchObject({ conversation: { id: 'c1' } });
});

it("takes the named customer's flag away and back when another's state is written over his, so that other tabs hear it", async () => {
  localStorage.clear();
  const changes: string[] = [];
  const set = vi.spyOn(Storage.prototype, 'setItem').mockImplementation((key) => void changes.push(`set ${key}`));
  const remove = vi.spyOn(Storage.prototype, 'removeItem').mockImplementation((key) => void changes.push(`remove ${key}`));
  try {
    const persist = flaggingWho(memoryPersist({ ...STATE, who: 'matti@example.fi' }), () => 'none');
    const written = async (who: string | null) => {
      changes.length = 0;
      await persist.save(() => ({ ...STATE, who }));
      return changes.filter((change) => change.endsWith(NAMED_KEY));
    };
    // Up as Pekka's state is made; once it is written, away and back.
    expect(await written('pekka@example.fi')).toEqual([`set ${NAMED_KEY}`, `remove ${NAMED_KEY}`, `set ${NAMED_KEY}`]);
    // The same customer again, or with his email where the site gave his name: no other tab forgets him.
    expect(new Set(await written('pekka@example.fi'))).toEqual(new Set([`set ${NAMED_KEY}`]));
    expect(new Set(await written('Pekka Puupää'))).toEqual(new Set([`set ${NAMED_KEY}`]));
    expect(new Set(await written(null))).toEqual(new Set([`remove ${NAMED_KEY}`]));
  } finally {
    set.mockRestore();
    remove.mockRestore();
  }
});

it("takes the named customer's flag away at a logout only once its write is done, and leaves it where that write never is", async () => {
  localStorage.clear();
  const matti: SavedState = { ...STATE, who: 'matti@example.fi' };
  const memory = memoryPersist(matti);
  /** Writes as IndexedDB does, done (or dropped, as with a page closed first) when the test says. */
  let end: (written: boolean) => void = () => undefined;
  const slow: typeof memory = {
    ...memory,
    save: (next) => new Promise<void>((resolve, reject) => {
      const made = next(memory.saved);
      end = (written) => (written ? ((memory.saved = made), resolve()) : reject(new DOMException('aborted', 'AbortError')));
    }),
  };
  const persist = flaggingWho(slow, () => 'none');
  await persist.load();
  expect(localStorage.getItem(NAMED_KEY)).toBe('1');

  // The site's logout: while its write is on its way, Matti's chat is still what is kept.
  const dropped = persist.save(() => ({ ...STATE, who: null }));
  expect(localStorage.getItem(NAMED_KEY)).toBe('1');
  // The page went before it was written: the next page's identify(null) must still bring the app.
  end(false);
  await expect(dropped).rejects.toThrow();
  expect(localStorage.getItem(NAMED_KEY)).toBe('1');
  expect(memory.saved?.who).toBe('matti@example.fi');

  // The next page's, written: now nobody's, and the flag says so.
  const written = persist.save(() => ({ ...STATE, who: null }));
  expect(localStorage.getItem(NAMED_KEY)).toBe('1');
  end(true);
  await written;
  expect(localStorage.getItem(NAMED_KEY)).toBeNull();
});

it("keeps the live-chat flag up while something kept is on its way under the visitor's token, though the chat is not yet live", async () => {
  localStorage.clear();
  const persist = flaggingWho(memoryPersist(), () => 'none');
  // Asked for a person, and the page went before the server's ack: the next page must bring the
  // app to send the handoff and hear the reply. The flag is up as the write is made.
  const page = { url: 'https://kauppa.example/', title: 'Kauppa' };
  const handoff: OutboxItem = { frame: { type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'fi', page, steps: [] }, status: 'sending', at: 1 };
  let upWhileWriting: string | null = null;
  await persist.save(() => ((upWhileWriting = localStorage.getItem(LIVE_CHAT_KEY)), { ...STATE, token: 't', outbox: [handoff] }));
  expect(upWhileWriting).toBeNull();
  expect(localStorage.getItem(LIVE_CHAT_KEY)).toBe('1');
  // The next page's read keeps it; a handoff the server refused waits for the visitor's retry, not for every page.
  await persist.load();
  expect(localStorage.getItem(LIVE_CHAT_KEY)).toBe('1');
  await persist.save(() => ({ ...STATE, token: 't', outbox: [{ ...handoff, status: 'failed' }] }));
  expect(localStorage.getItem(LIVE_CHAT_KEY)).toBeNull();
  // Not before the first welcome's token: a tab opened meanwhile would send it as another new
  // visitor than the tab still waiting, and the one question open two conversations.
  await persist.save(() => ({ ...STATE, outbox: [handoff] }));
  expect(localStorage.getItem(LIVE_CHAT_KEY)).toBeNull();
});
