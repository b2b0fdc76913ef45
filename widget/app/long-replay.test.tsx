// Agents' replies the server acknowledged reach the visitor however long the server's frame is
// (a frame the widget never got is asked for again: model/session-reconnect.test.ts).
import { act, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../protocol/limits';
import { event } from './test-kit';
import { handedOff, kit } from './main-test-kit';

afterEach(() => kit.cleanup());

const reply = (seq: number) => event(seq, 'agent', { kind: 'text', text: (`Vastaus ${seq}: ` + 'Tilauksesi on matkalla. '.repeat(200)).slice(0, LIMITS.text) }, 'Aino');

describe('the widget and the server’s long frames', () => {
  it('shows 17 replies of 4,000 characters sent in one frame of over 64 K', async () => {
    const { socket } = await handedOff();
    const frame = { type: 'events', conversationId: 'k1', after: 0, events: Array.from({ length: 17 }, (_, i) => reply(i + 2)) };
    expect(JSON.stringify(frame).length).toBeGreaterThan(LIMITS.frameBytes);
    act(() => socket.receive(frame));
    await waitFor(() => expect(kit.ui.getAllByText(/^Vastaus \d+:/)).toHaveLength(17));
  });
});
