// Whether a visitor has the site open: any of their tabs holds a socket. An agent waiting for an
// answer sees "Visitor left 4 min ago" rather than wondering. Leaving counts only after a short
// grace, since the chat reconnects on every page the visitor opens.
//
// Counted across the cluster when given the bus (shared-count.ts), like agents' presence
// (presence.ts): a visitor whose socket is on another process is here for this one too, and a
// next page that lands on another process is a reconnect within the grace, not a leave. Every
// process keeps the state, so `state()` answers for any visitor; who calls `onChange`:
// - "here" the process the visitor's socket opened on. Another process learning of a visitor
//   from a message stays quiet: it was announced already, and a process that just started would
//   otherwise announce every visitor on the site at once. Unless it had announced them gone: then
//   it says they are back, since the first announcement may be the one Redis lost while it was
//   out of reach ("here" then comes from each such process, as "gone" does).
// - "gone" every process, each after its own grace: the process the socket was on may be the one
//   that died. So with N processes the bus carries it N times, the same state but for `since`,
//   which differs by the bus's delay (each process takes its own clock when it hears of the
//   leave); an agent's socket passes the first on and drops the copies (agent-socket.ts).
import type { Bus } from './bus';
import { createSharedCount, type Liveness } from './shared-count';
import type { Store } from './store/types';

/**
 * A visitor gone this long is forgotten here, so the map does not grow with every visitor ever
 * seen; unless they still have a conversation open (`remember`): forgotten, they would count as on
 * the site again, and Take the next visitor would take the one who left hours ago first.
 */
export const FORGET_MS = 60 * 60 * 1000;

export interface VisitorState {
  online: boolean;
  /** Since when (ms). */
  since: number;
}

export interface VisitorPresenceOptions {
  /** Counts the other server processes' visitors too; absent: this process alone. */
  bus?: Bus;
  /** How often this process lists its visitors for the others (shared-count.ts). */
  syncMs?: number;
  /** Scaled out, whether a process silent on the bus still lives: its visitors are not gone for that (presence.ts). */
  liveness?: Liveness;
  now?: () => number;
  /**
   * Whether a visitor gone FORGET_MS is still to be remembered: they have a queued or active
   * conversation, whose card says since when they left. Asked again every FORGET_MS; absent: never.
   * Bounded by the open conversations, not by every visitor ever seen.
   */
  remember?: (visitorId: string) => Promise<boolean>;
}

export type VisitorPresence = ReturnType<typeof createVisitorPresence>;

/** `remember` as served: a visitor is remembered while they have a queued or active conversation. */
export const whileOpen =
  (store: Pick<Store, 'openConversationId'>) =>
  async (visitorId: string): Promise<boolean> =>
    (await store.openConversationId(visitorId)) !== null;

export function createVisitorPresence(
  onChange: (visitorId: string, state: VisitorState) => void,
  /** How long a visitor may be without a socket before they count as gone (`DEFAULTS.visitorGoneMs`). */
  goneMs: number,
  { bus, syncMs, liveness, now = Date.now, remember = async () => false }: VisitorPresenceOptions = {},
) {
  const states = new Map<string, VisitorState>();
  let disposed = false;
  const timers = new Map<string, NodeJS.Timeout>();

  const set = (visitorId: string, state: VisitorState) => {
    states.set(visitorId, state);
    onChange(visitorId, state);
  };
  const later = (visitorId: string, ms: number, run: () => void) => timers.set(visitorId, setTimeout(run, ms));

  const sockets = createSharedCount({
    set: 'visitors',
    bus,
    syncMs,
    liveness,
    first(visitorId, { here }) {
      clearTimeout(timers.get(visitorId));
      timers.delete(visitorId);
      if (states.get(visitorId)?.online) return;
      const state = { online: true, since: now() };
      if (here || states.has(visitorId)) set(visitorId, state);
      else states.set(visitorId, state);
    },
    last(visitorId) {
      const leftAt = now();
      later(visitorId, goneMs, () => {
        const gone = { online: false, since: leftAt };
        set(visitorId, gone);
        const forget = () =>
          later(visitorId, FORGET_MS, () => {
            // A store that does not answer: kept for another round rather than shown as here.
            void remember(visitorId).catch(() => true).then((keep) => {
              // Came back meanwhile (the state is theirs now), or disposed: nothing to forget.
              if (disposed || states.get(visitorId) !== gone) return;
              if (keep) return void forget();
              timers.delete(visitorId);
              states.delete(visitorId);
            });
          });
        forget();
      });
    },
  });

  return {
    /** A socket of this visitor said hello; call the returned function when it closes. */
    connected: (visitorId: string): (() => void) => sockets.opened(visitorId),
    /** What is known of the visitor (on any process) since this server started; undefined: not seen. */
    state: (visitorId: string): VisitorState | undefined => states.get(visitorId),
    dispose() {
      disposed = true;
      sockets.dispose();
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
