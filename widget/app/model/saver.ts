// Batched writes of the visitor's state, switched on by the first interaction: until then
// `schedule` does nothing, so a visitor who only looks leaves nothing behind.
import type { Persist, SavedState } from './storage';

export function createSaver(persist: Persist, snapshot: () => SavedState, delayMs: number) {
  let on = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    if (!on) return;
    clearTimeout(timer);
    // A full or blocked IndexedDB costs the reload, not the conversation: nothing to tell the visitor.
    timer = setTimeout(() => void persist.save(snapshot()).catch(() => undefined), delayMs);
  };
  return {
    schedule,
    enable() {
      if (on) return;
      on = true;
      schedule();
    },
    dispose() {
      clearTimeout(timer);
    },
  };
}
