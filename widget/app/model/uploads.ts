// Files the visitor sends, each in its own POST beside the socket's outbox, with a status the
// visitor sees until the stored event arrives (the transcript then shows that instead, by id).
// In memory only, never in IndexedDB, which is no place for a 10 MB photo: a reload loses a file
// not yet sent, and the visitor picks it again.
import { signal } from '@preact/signals';
import { isErrorCode, type ErrorCode } from '../../../protocol/errors';
import { LIMITS } from '../../../protocol/limits';
import { clientId } from './ids';
import type { DeliveryStatus } from './outbox';

export interface Upload {
  /** The client id: the stored event's id, and the server's key to store a resent file once. */
  id: string;
  /** Kept for a retry. */
  file: File;
  status: DeliveryStatus;
  error?: ErrorCode;
}

/** `post` sends one file and rejects with the server's error code when it refuses it. */
export function createUploads(post: (id: string, file: File) => Promise<void>) {
  const items = signal<Upload[]>([]);
  const update = (id: string, patch: Partial<Upload>) => {
    items.value = items.value.map((u) => (u.id === id ? { ...u, ...patch } : u));
  };
  const send = async ({ id, file }: Upload) => {
    update(id, { status: 'sending', error: undefined });
    try {
      // Refused here, before a byte goes: the server would only take 10 MB to say the same.
      if (file.size > LIMITS.fileBytes) throw 'too_large';
      await post(id, file);
      update(id, { status: 'sent' });
    } catch (e) {
      update(id, { status: 'failed', error: isErrorCode(e) ? e : undefined });
    }
  };
  return {
    items,
    add(file: File) {
      const u: Upload = { id: clientId(), file, status: 'sending' };
      items.value = [...items.value, u];
      void send(u);
    },
    retry(id: string) {
      const u = items.value.find((it) => it.id === id);
      if (u) void send(u);
    },
    clear() {
      items.value = [];
    },
  };
}
