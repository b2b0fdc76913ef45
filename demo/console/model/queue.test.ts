import { describe, expect, it } from 'vitest';
import { summary } from '../test-support';
import { groupQueue } from './queue';

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
