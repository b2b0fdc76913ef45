import { describe, expect, it } from 'vitest';
import { summary } from '../test-support';
import { groupQueue, stepThrough } from './queue';

describe('groupQueue', () => {
  it('puts the longest-waiting first, then mine, then colleagues', () => {
    const groups = groupQueue(
      [
        summary({ id: 'new', createdAt: 3 }),
        summary({ id: 'other', status: 'active', agent: { id: 'b', name: 'B' }, createdAt: 1 }),
        summary({ id: 'old', createdAt: 2 }),
        summary({ id: 'mine', status: 'active', agent: { id: 'me', name: 'Me' }, createdAt: 5 }),
        summary({ id: 'gone', status: 'closed' }),
      ],
      'me',
    );
    expect(groups.waiting.map((c) => c.id)).toEqual(['old', 'new']);
    expect(groups.mine.map((c) => c.id)).toEqual(['mine']);
    expect(groups.others.map((c) => c.id)).toEqual(['other']);
  });
});

describe('stepThrough', () => {
  const groups = groupQueue(
    [
      summary({ id: 'w1', createdAt: 1 }),
      summary({ id: 'w2', createdAt: 2 }),
      summary({ id: 'm1', status: 'active', agent: { id: 'me', name: 'Me' }, createdAt: 3 }),
      summary({ id: 'o1', status: 'active', agent: { id: 'b', name: 'B' }, createdAt: 4 }),
    ],
    'me',
  );

  it('goes down and up the queue as the agent sees it, and stops at its ends', () => {
    expect(stepThrough(groups, null, 1)).toBe('w1');
    expect(stepThrough(groups, null, -1)).toBe('o1');
    expect(stepThrough(groups, 'w2', 1)).toBe('m1');
    expect(stepThrough(groups, 'm1', -1)).toBe('w2');
    expect(stepThrough(groups, 'o1', 1)).toBeNull();
    expect(stepThrough(groups, 'w1', -1)).toBeNull();
    // A conversation opened from the search, not in the queue, starts from the top.
    expect(stepThrough(groups, 'closed-one', 1)).toBe('w1');
  });

  it('skips to the nearest that passes the test', () => {
    const unread = new Set(['w1', 'o1']);
    expect(stepThrough(groups, 'w1', 1, (c) => unread.has(c.id))).toBe('o1');
    expect(stepThrough(groups, 'o1', -1, (c) => unread.has(c.id))).toBe('w1');
    expect(stepThrough(groups, 'o1', 1, (c) => unread.has(c.id))).toBeNull();
  });
});
