import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { AgentClientMessage } from '../../../protocol/agent';
import type { Problem } from '../strings';
import { createRequests } from './requests';

describe('requests', () => {
  it('names the colleague a takeover takes from, so the server refuses it once someone else has the conversation', () => {
    const sent: AgentClientMessage[] = [];
    const requests = createRequests((frame) => (sent.push(frame), true), (prefix) => `${prefix}-1`, signal<Problem | null>(null));
    requests.takeOver('k1', 'eero');
    expect(sent).toEqual([{ type: 'claim', id: 'claim-1', conversationId: 'k1', takeover: true, from: 'eero' }]);
    // One in flight per conversation: a second click sends nothing.
    requests.takeOver('k1', 'eero');
    expect(sent).toHaveLength(1);
    expect(requests.isPending('claim', 'k1')).toBe(true);
  });
});
