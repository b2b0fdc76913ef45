// Sound on or off: the agent's choice for this browser (localStorage, so it holds in every tab
// and after logging out), on until they turn it off, as in the chat tools agents come from. The
// chime itself is the browser's (chime.ts); which events ring it, alerts.ts decides.
import { signal } from '@preact/signals';
import type { ConsoleEnv } from '../env';

/** Two rings closer than this are one: a queue frame and a message in the same moment, or a burst of visitors. */
export const CHIME_GAP_MS = 1_500;

export function createSound(env: Pick<ConsoleEnv, 'settings' | 'chime'>, key: string) {
  const on = signal(env.settings.getItem(key) !== 'off');
  let last = -Infinity;
  return {
    on,
    /** Turning it on rings once: the agent hears what it will sound like, and how loud. */
    set(next: boolean) {
      on.value = next;
      try {
        env.settings.setItem(key, next ? 'on' : 'off');
      } catch {
        // Storage full or refused: the choice holds for this page.
      }
      if (next) env.chime.play();
    },
    /** News has come: rings, unless the agent turned the sound off or it has just rung. */
    ring() {
      if (!on.peek()) return;
      const now = Date.now();
      // A clock set back (a laptop waking and syncing) counts as the gap gone by: else the chime
      // would stay silent for as long as it went back.
      if (now >= last && now - last < CHIME_GAP_MS) return;
      last = now;
      env.chime.play();
    },
  };
}
