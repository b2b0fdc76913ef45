import { describe, expect, it } from 'vitest';
import { keepOutbox, takeKeptOutbox } from './kept-outbox';
import type { Outgoing } from './outbox';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

const KEY = 'kept';

describe('the outbox kept in the tab over a reload or an expired session', () => {
  it('gives back what was sending and what failed (and why), in order, once', () => {
    const storage = memoryStorage();
    const kept: Outgoing[] = [
      { id: 'm-1', conversationId: 'k1', text: 'Vastaus', at: 1, status: 'sending' },
      { id: 'n-2', conversationId: 'k1', text: 'Muistiinpano', at: 2, status: 'sending', note: true },
      { id: 'm-3', conversationId: 'k2', text: 'Myöhässä', at: 3, status: 'failed', problem: { code: 'conversation_closed' } },
    ];
    keepOutbox(storage, KEY, kept);
    expect(takeKeptOutbox(storage, KEY)).toEqual(kept);
    expect(takeKeptOutbox(storage, KEY)).toEqual([]);
    expect(storage.items.has(KEY)).toBe(false);
  });

  it('keeps no key for nothing, and leaves out what is not a kept message (edited by hand, an older format)', () => {
    const storage = memoryStorage();
    keepOutbox(storage, KEY, []);
    expect(storage.items.has(KEY)).toBe(false);
    storage.setItem(
      KEY,
      JSON.stringify([
        { id: 'm-1', conversationId: 'k1', text: 'Hyvä', at: 1, status: 'sending' },
        { id: 'm-2', conversationId: 'k1', text: 'Ei aikaa', status: 'sending' },
        { id: 'm-3', conversationId: 'k1', text: 'Outo tila', at: 3, status: 'lost' },
        { id: 'm-4', conversationId: 'k1', text: 'Syytä ei kerrottu', at: 4, status: 'failed' },
        { id: 'm-5', conversationId: 'k1', text: 'Tuntematon syy', at: 5, status: 'failed', problem: { code: 'bogus' } },
        'roskaa',
        null,
      ]),
    );
    expect(takeKeptOutbox(storage, KEY)).toEqual([{ id: 'm-1', conversationId: 'k1', text: 'Hyvä', at: 1, status: 'sending' }]);
    storage.setItem(KEY, '{not json');
    expect(takeKeptOutbox(storage, KEY)).toEqual([]);
  });

  it('gives back as sending a reply an older page failed for the server\'s silence: that was no refusal', () => {
    const storage = memoryStorage();
    storage.setItem(KEY, JSON.stringify([{ id: 'm-1', conversationId: 'k1', text: 'Hiljaisuus', at: 1, status: 'failed', problem: { code: 'no_reply' } }]));
    expect(takeKeptOutbox(storage, KEY)).toEqual([{ id: 'm-1', conversationId: 'k1', text: 'Hiljaisuus', at: 1, status: 'sending' }]);
    expect(takeKeptOutbox(storage, KEY)).toEqual([]);
  });
});
