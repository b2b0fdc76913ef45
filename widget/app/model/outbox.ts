// Messages the visitor sent that the server has not acknowledged yet. Each has a client id and
// a status the visitor sees; a failed one can be retried. Kept in storage so a reload loses none.
import { signal } from '@preact/signals';
import type { VisitorClientMessage } from '../../../protocol/visitor';
import type { ErrorCode } from '../../../protocol/errors';

export type Outgoing = Extract<VisitorClientMessage, { type: 'handoff' | 'msg' | 'end' | 'rate' | 'identify' }>;
export type DeliveryStatus = 'sending' | 'sent' | 'failed';

export interface OutboxItem {
  frame: Outgoing;
  status: DeliveryStatus;
  at: number;
  /** Why the server refused it, when it did. */
  error?: ErrorCode;
}

export function createOutbox() {
  const items = signal<OutboxItem[]>([]);
  const update = (id: string, patch: Partial<OutboxItem>) => {
    items.value = items.value.map((it) => (it.frame.id === id ? { ...it, ...patch } : it));
  };
  return {
    items,
    add(frame: Outgoing, at: number) {
      items.value = [...items.value, { frame, status: 'sending', at }];
    },
    /** Delivered: the server stored it. */
    remove(id: string) {
      items.value = items.value.filter((it) => it.frame.id !== id);
    },
    /** Refused by the server, with its code: only that fails a frame. */
    fail(id: string, error: ErrorCode) {
      update(id, { status: 'failed', error });
    },
    /** Back to sending; returns the frame to send again. */
    retry(id: string): Outgoing | undefined {
      update(id, { status: 'sending', error: undefined });
      return items.value.find((it) => it.frame.id === id)?.frame;
    },
    sending(): Outgoing[] {
      return items.value.filter((it) => it.status === 'sending').map((it) => it.frame);
    },
    find(id: string) {
      return items.value.find((it) => it.frame.id === id);
    },
    restore(saved: OutboxItem[]) {
      items.value = saved;
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
