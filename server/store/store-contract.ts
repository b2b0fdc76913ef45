// The store port's contract, as tests every store must pass: the embedded SQLite one
// (sqlite.test.ts) and the scale-out PostgreSQL one (postgres.test.ts). Each area of it is a file
// of its own (store-contract-*.ts); this one opens a fresh store for every test and runs them all.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assignmentContract } from './store-contract-assignment';
import { conversationsContract } from './store-contract-conversations';
import { filesContract } from './store-contract-files';
import { messagesContract } from './store-contract-messages';
import { notesContract } from './store-contract-notes';
import { queueContract } from './store-contract-queue';
import { searchContract } from './store-contract-search';
import { sessionsContract } from './store-contract-sessions';
import type { Store } from './types';

/** Runs the contract against fresh, empty stores from `open`. */
export function describeStoreContract(name: string, open: () => Promise<Store>): void {
  describe(name, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
      await store.createVisitor('v1', 'hash-1', 1);
    });
    afterEach(() => store.close());

    it('answers a health check', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    // Each area reads the store of the test that runs, opened above.
    const current = () => store;
    searchContract(current);
    messagesContract(current);
    conversationsContract(current);
    filesContract(current);
    assignmentContract(current);
    queueContract(current);
    notesContract(current);
    sessionsContract(current);
  });
}
