// Who is there: whether this console takes new visitors, and the colleagues with a console open.
// Paused (lunch, a meeting), the agent keeps their conversations, but with no console taking
// visitors anywhere, waiting visitors are told that nobody is online and may leave a message.
// The pause is kept over a reload and said again after every welcome; the colleagues are whom
// a conversation can be passed to, as the server last listed them.
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import type { AgentClientMessage, AgentServerMessage } from '../../../protocol/agent';
import type { ConsoleEnv } from '../env';

type Colleague = Extract<AgentServerMessage, { type: 'colleagues' }>['agents'][number];

export function createTeam(send: (frame: AgentClientMessage) => boolean, me: ReadonlySignal<{ id: string } | null>, storage: ConsoleEnv['storage'], key: string) {
  const paused = signal(storage.getItem(key) === '1');
  const colleagues = signal<readonly Colleague[]>([]);
  return {
    paused,
    /** Colleagues with a console open, this agent left out. */
    others: computed(() => colleagues.value.filter((c) => c.id !== me.value?.id)),
    setAvailable(on: boolean): void {
      paused.value = !on;
      if (on) storage.removeItem(key);
      else storage.setItem(key, '1');
      // Offline, the next welcome says it.
      send({ type: 'available', on });
    },
    /** After a welcome: the server starts every console as available. */
    welcomed(): void {
      if (paused.value) send({ type: 'available', on: false });
    },
    listed(agents: readonly Colleague[]): void {
      colleagues.value = agents;
    },
    /** The connection is gone: the list is old news. */
    clear(): void {
      colleagues.value = [];
    },
    /** At logout: the next agent on this tab starts available. */
    forget(): void {
      paused.value = false;
      storage.removeItem(key);
    },
  };
}
