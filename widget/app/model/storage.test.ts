// The visitor's state where the browser refuses IndexedDB: in a sandboxed iframe without
// allow-same-origin (an opaque origin) the widget keeps nothing, and throws nothing at the page,
// whose error handlers often report to the site's error tracker.
import { afterEach, expect, it, vi } from 'vitest';
import { idbPersist, type SavedState } from './storage';

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
