// The store contract's agent sessions: saved at login, read while live, the expired deleted.
// Apart from the other areas of the contract so each can be read, and grown, alone.
import { expect, it } from 'vitest';
import type { Store } from './types';

/** Registers its tests in the caller's describe; `current` is that test's fresh store, with visitor v1. */
export function sessionsContract(current: () => Store): void {
  it('deletes expired agent sessions when an agent logs in: only a logout did, so the table grew for ever', async () => {
    const store = current();
    const aino = { id: 'aino', name: 'Aino' };
    await store.saveSession('old', { agent: aino, expiresAt: 100 }, 50);
    await store.saveSession('live', { agent: aino, expiresAt: 500 }, 50);
    await store.saveSession('new', { agent: aino, expiresAt: 900 }, 100);
    // Asked as of before it expired, a kept row would still answer: it is gone.
    expect(await store.session('old', 0)).toBeNull();
    expect(await store.session('live', 0)).toEqual({ agent: aino, expiresAt: 500 });
    expect(await store.session('new', 100)).toEqual({ agent: aino, expiresAt: 900 });
  });
}
