import { describe, expect, it } from 'vitest';
import type { SavedConversation } from './conversation';
import { over, resending } from './kept';
import type { OutboxItem } from './outbox';

const HOUR = 3_600_000;
const NOW = 100 * HOUR;
const closedAt = (at: number, rated = false): SavedConversation => ({
  id: 'k1',
  events: [{ seq: 1, id: 'c', at, role: 'system', body: { kind: 'closed', by: 'agent' } }],
  status: 'closed',
  rated,
  lastReadSeq: 0,
});

describe('a conversation a later page finds', () => {
  it('is shown again, for its rating or to be read, until its last event is older than the time kept', () => {
    for (const rated of [false, true]) {
      expect(over(closedAt(NOW - HOUR, rated), NOW, HOUR)).toBe(false);
      expect(over(closedAt(NOW - HOUR - 1, rated), NOW, HOUR)).toBe(true);
    }
  });

  it('is never over while it goes on, however old its last event', () => {
    expect(over({ ...closedAt(0), status: 'active' }, NOW, HOUR)).toBe(false);
  });
});

it('what was on its way is sent again after a reload; what failed stays failed, with its reason', () => {
  const item = (id: string, status: OutboxItem['status']): OutboxItem => ({ frame: { type: 'msg', id, text: id }, status, at: 1 });
  const failed = { ...item('c', 'failed'), error: 'too_large' } as const;
  expect(resending([item('a', 'sending'), item('b', 'sent'), failed])).toEqual([item('a', 'sending'), item('b', 'sending'), failed]);
});
