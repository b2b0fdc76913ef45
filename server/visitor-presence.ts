// Whether a visitor has the site open: any of their tabs holds a socket. An agent waiting for an
// answer sees "Visitor left 4 min ago" rather than wondering. Leaving counts only after a short
// grace, since the chat reconnects on every page the visitor opens.
// Counted per process, like agents' presence (presence.ts).

/** How long a visitor may be without a socket before they count as gone: a page load takes less. */
export const VISITOR_GONE_MS = 15_000;
/** A visitor gone this long is forgotten here, so the map does not grow with every visitor ever seen. */
const FORGET_MS = 60 * 60 * 1000;

export interface VisitorState {
  online: boolean;
  /** Since when (ms). */
  since: number;
}

import { createOpenCount } from './open-count';

export type VisitorPresence = ReturnType<typeof createVisitorPresence>;

export function createVisitorPresence(onChange: (visitorId: string, state: VisitorState) => void, goneMs = VISITOR_GONE_MS, now = Date.now) {
  const states = new Map<string, VisitorState>();
  const timers = new Map<string, NodeJS.Timeout>();

  const set = (visitorId: string, state: VisitorState) => {
    states.set(visitorId, state);
    onChange(visitorId, state);
  };
  const later = (visitorId: string, ms: number, run: () => void) => timers.set(visitorId, setTimeout(run, ms));

  const sockets = createOpenCount({
    first(visitorId) {
      clearTimeout(timers.get(visitorId));
      timers.delete(visitorId);
      if (!states.get(visitorId)?.online) set(visitorId, { online: true, since: now() });
    },
    last(visitorId) {
      const leftAt = now();
      later(visitorId, goneMs, () => {
        set(visitorId, { online: false, since: leftAt });
        later(visitorId, FORGET_MS, () => {
          timers.delete(visitorId);
          states.delete(visitorId);
        });
      });
    },
  });

  return {
    /** A socket of this visitor said hello; call the returned function when it closes. */
    connected: sockets.opened,
    /** What is known of the visitor since this server started; undefined: not seen. */
    state: (visitorId: string): VisitorState | undefined => states.get(visitorId),
    dispose() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
