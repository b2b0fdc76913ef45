// Claim, release, close and FAQ-match requests waiting for their answer, by client id, so a double click
// sends one frame and the button can say it is busy.
import { signal } from '@preact/signals';
import type { AgentClientMessage } from '../../../protocol/agent';

export type RequestKind = 'claim' | 'release' | 'close' | 'faqMatch';
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
/** A request's frame before it gets its client id. */
export type Request = WithoutId<Extract<AgentClientMessage, { type: RequestKind }>>;

export function createRequests() {
  const pending = signal<Readonly<Record<string, { kind: RequestKind; conversationId: string }>>>({});

  const isPending = (kind: RequestKind, conversationId: string): boolean =>
    Object.values(pending.value).some((r) => r.kind === kind && r.conversationId === conversationId);

  function add(id: string, kind: RequestKind, conversationId: string): void {
    pending.value = { ...pending.value, [id]: { kind, conversationId } };
  }

  /** The answer (ack or error) came. */
  function settle(id: string): void {
    if (!(id in pending.value)) return;
    const rest = { ...pending.value };
    delete rest[id];
    pending.value = rest;
  }

  function clear(): void {
    pending.value = {};
  }

  return { isPending, add, settle, clear };
}
