// The agent's outgoing chat messages. Each has a client id the server uses to insert it once,
// however often it is sent, and a status the agent can see: sending → sent (ack with its seq)
// or failed (error reply, or no ack in time while connected) with a retry that reuses the id.
import { signal } from '@preact/signals';
import type { AgentClientMessage } from '../../../protocol/agent';

export type OutgoingStatus = 'sending' | 'sent' | 'failed';

export interface Outgoing {
  id: string;
  conversationId: string;
  text: string;
  at: number;
  status: OutgoingStatus;
  seq?: number;
  error?: string;
}

export function createOutbox(send: (message: AgentClientMessage) => boolean, ackTimeoutMs: number) {
  const items = signal<readonly Outgoing[]>([]);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  function update(id: string, patch: Partial<Outgoing>): void {
    items.value = items.value.map((m) => (m.id === id ? { ...m, ...patch } : m));
  }

  function transmit(message: Outgoing): void {
    clearTimeout(timers.get(message.id));
    timers.delete(message.id);
    // Offline: the message waits as "sending" and goes out with the next welcome. Only a server
    // that refuses it, or stays silent while connected, makes it fail.
    if (!send({ type: 'msg', id: message.id, conversationId: message.conversationId, text: message.text })) return;
    timers.set(
      message.id,
      setTimeout(() => {
        timers.delete(message.id);
        const current = items.value.find((m) => m.id === message.id);
        if (current?.status === 'sending') update(message.id, { status: 'failed', error: 'No reply from the server.' });
      }, ackTimeoutMs),
    );
  }

  function add(message: Omit<Outgoing, 'status'>): void {
    const full: Outgoing = { ...message, status: 'sending' };
    items.value = [...items.value, full];
    transmit(full);
  }

  function retry(id: string): void {
    const message = items.value.find((m) => m.id === id);
    if (!message || message.status === 'sent') return;
    update(id, { status: 'sending', error: undefined });
    transmit({ ...message, status: 'sending' });
  }

  /** After a reconnect: send again whatever was never acknowledged. */
  function resendPending(): void {
    for (const m of items.value) if (m.status === 'sending') transmit(m);
  }

  /** True when the id was one of ours. */
  function acked(id: string, seq: number): boolean {
    if (!items.value.some((m) => m.id === id)) return false;
    clearTimeout(timers.get(id));
    timers.delete(id);
    update(id, { status: 'sent', seq });
    return true;
  }

  function failed(id: string, error: string): boolean {
    if (!items.value.some((m) => m.id === id)) return false;
    clearTimeout(timers.get(id));
    timers.delete(id);
    update(id, { status: 'failed', error });
    return true;
  }

  function dispose(): void {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    items.value = [];
  }

  return { items, add, retry, resendPending, acked, failed, dispose };
}

export type Outbox = ReturnType<typeof createOutbox>;
