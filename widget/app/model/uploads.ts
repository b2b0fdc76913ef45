// Files the visitor sends, each in its own POST beside the socket's outbox, with a status the
// visitor sees until the stored event arrives (the transcript then shows that instead, by id).
// A file the server does not have yet is kept in storage under its own key (`keep`, storage.ts),
// so a photo still on its way over a slow phone connection when the visitor opens another page
// is sent again from there, under the same id, and stored once.
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

/**
 * Refused for what it is (too large, not a photo or PDF), as one too many (the conversation
 * holds the most bytes of files it takes, or the visitor's address has sent its day's), or into
 * a conversation that is over: sending it again cannot help. (A failure with no code tests as
 * "undefined", which matches none.)
 */
export const refused = (u: Upload) => /^(too_large|bad_file|conversation_full|daily_quota|no_conversation)$/.test(u.error!);

/**
 * `post` sends one file and rejects with the server's error code when it refuses it. `keep` stores
 * a file for the next page, once, and forgets it (no `file`) when no page is to send it again.
 * `connected`: whether the socket is up, so that a welcome will not come to send it again.
 */
export function createUploads(post: (id: string, file: File) => Promise<void>, keep: (id: string, file?: File) => void, connected: () => boolean) {
  const items = signal<Upload[]>([]);
  /** Ids of the files the network failed, to go again at the next welcome (or the storage refused, after a wait). */
  const waiting = new Set<string>();
  /** Refusals of the server's storage on this page: how long the next wait is (a page seldom sees two outages). */
  let refusals = 0;
  /** What waits goes now. */
  const resume = () => {
    for (const u of items.value) if (waiting.delete(u.id)) void send(u);
  };
  const update = (id: string, patch: Partial<Upload>) => {
    items.value = items.value.map((u) => (u.id === id ? { ...u, ...patch } : u));
  };
  const send = async ({ id, file }: Upload) => {
    update(id, { status: 'sending', error: undefined });
    try {
      await post(id, file);
      update(id, { status: 'sent' });
      keep(id);
    } catch (e) {
      // The network failed (fetch's TypeError) while the socket is down too (offline, the server
      // restarting): no fault of the file's, and nothing for the visitor to retry by hand. Still
      // sending, it goes after the next welcome, as the outbox does. With the socket up, a
      // reconnect would not come (a proxy refusing the size without CORS headers fails the same).
      // The server's storage refused it (a full disk: 503 `unavailable`): no fault of the file's
      // either. Still sending, it goes again by itself after a wait that grows while the storage
      // refuses (5 s, as the server's Retry-After says, 10 s, … a minute at most; a file of 10 MB
      // is not sent every second), or at the next welcome if the socket is down by then.
      if (e == 'unavailable' || (e instanceof TypeError && !connected())) {
        waiting.add(id);
        if (e == 'unavailable') setTimeout(() => connected() && resume(), Math.min(60_000, 5_000 * ++refusals));
        return;
      }
      const u: Upload = { id, file, status: 'failed', error: isErrorCode(e) ? e : undefined };
      update(id, u);
      // Not one refused for what it is: the next page would only send it to be refused again.
      if (refused(u)) keep(id);
    }
  };
  return {
    items,
    add(file: File) {
      const u: Upload = { id: clientId(), file, status: 'sending' };
      items.value = [...items.value, u];
      // Refused here, before a byte goes: the server would only take 10 MB to say the same.
      if (file.size > LIMITS.fileBytes) update(u.id, { status: 'failed', error: 'too_large' });
      else {
        // Written once, not with every save of the state.
        keep(u.id, file);
        void send(u);
      }
    },
    /** What the previous page had not sent yet: sent again. */
    restore(saved: Pick<Upload, 'id' | 'file'>[]) {
      const restored = saved.map((u): Upload => ({ ...u, status: 'sending' }));
      items.value = restored;
      restored.forEach(send);
    },
    /** Connected again: what the network failed goes now. */
    resume,
    retry(id: string) {
      const u = items.value.find((it) => it.id === id);
      if (u) void send(u);
    },
    /** The conversation is over: what was still to go into it goes nowhere. */
    clear() {
      for (const u of items.value) keep(u.id);
      items.value = [];
    },
  };
}
