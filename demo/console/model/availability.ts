// Whether this console takes new visitors. Paused (lunch, a meeting), the agent keeps their
// conversations, but with no console taking visitors anywhere, waiting visitors are told that
// nobody is online and may leave a message. Kept over a reload, said again after every welcome.
import { signal } from '@preact/signals';
import type { AgentClientMessage } from '../../../protocol/agent';
import type { ConsoleEnv } from '../env';

export function createAvailability(send: (frame: AgentClientMessage) => boolean, storage: ConsoleEnv['storage'], key: string) {
  const paused = signal(storage.getItem(key) === '1');
  return {
    paused,
    set(on: boolean): void {
      paused.value = !on;
      if (on) storage.removeItem(key);
      else storage.setItem(key, '1');
      // Offline, the next welcome says it.
      send({ type: 'available', on });
    },
    /** After a welcome: the server starts every console as available. */
    resend(): void {
      if (paused.value) send({ type: 'available', on: false });
    },
    forget(): void {
      paused.value = false;
      storage.removeItem(key);
    },
  };
}
