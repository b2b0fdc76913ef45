// Batched writes of the visitor's state, switched on by the first interaction: until then
// `schedule` does nothing, so a visitor who only looks leaves nothing behind.
import type { Persist, SavedState } from './storage';

export function createSaver(persist: Persist, snapshot: (stored: SavedState | undefined) => SavedState, delayMs: number) {
  let on = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Batched writes begun but not yet done: their put waits for a read, which a leaving page never answers. */
  let writing = 0;
  // Async, so that a storage that throws at once (IndexedDB refused as it opens) never throws out
  // of `now()` into the send that called it: the message stayed in the box, and the visitor sent
  // it again. The write itself is still begun at once, as `flush` needs.
  const save = async (now?: boolean) => {
    timer = undefined;
    writing++;
    try {
      await (now ? persist.saveNow(snapshot) : persist.save(snapshot));
    } catch {
      // A full or blocked IndexedDB costs the reload, not the conversation: nothing to tell the visitor.
    }
    writing--;
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
    /**
     * Writes now rather than after the batching delay: what the visitor sent must not wait.
     * Settles once the write is done or has failed (at once when nothing is kept yet).
     */
    now(): Promise<void> {
      if (!on) return Promise.resolve();
      clearTimeout(timer);
      return save();
    },
    /** The page is going away: a batched write still waiting, or still reading, is queued now, not lost with the page. */
    flush() {
      if (timer === undefined && writing === 0) return;
      clearTimeout(timer);
      void save(true);
    },
    dispose() {
      clearTimeout(timer);
    },
  };
}
