// What the widget keeps in a browser, read from the page, for the end-to-end tests of what a
// logout or the next person must not find.
import type { Page } from 'playwright-core';

/** What the widget keeps in this browser's IndexedDB, as text ('' when it never made its database). */
export const keptInIndexedDb = (page: Page): Promise<string> =>
  page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'kohtaamo')) return '';
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('kohtaamo');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => resolve(open.result);
    });
    const names = [...db.objectStoreNames];
    const all = await new Promise<unknown[]>((resolve) => {
      if (names.length === 0) return resolve([]);
      const get = db.transaction(names).objectStore(names[0]!).getAll();
      get.onsuccess = () => resolve(get.result);
    });
    db.close();
    return JSON.stringify(all);
  });
