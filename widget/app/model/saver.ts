// Batched writes of the visitor's state, switched on by the first interaction: until then
// `schedule` does nothing, so a visitor who only looks leaves nothing behind.
import type { Persist, SavedState } from './storage';

export function createSaver(persist: Persist, snapshot: (stored: SavedState | undefined) => SavedState, delayMs: number) {
  let on = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A full or blocked IndexedDB costs the reload, not the conversation: nothing to tell the visitor.
  const save = () => {
    timer = undefined;
    void persist.save(snapshot).catch(() => undefined);
  };
  const schedule = () => {
    if (!on) return;
    clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  };
  return {
    schedule,
    enable() {
      if (on) return;
      on = true;
      schedule();
    },
    /** The page is going away: a batched write still waiting is made now, not lost with the page. */
    flush() {
      if (timer === undefined) return;
      clearTimeout(timer);
      save();
    },
    dispose() {
      clearTimeout(timer);
    },
  };
}
