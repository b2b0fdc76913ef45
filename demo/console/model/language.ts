// The console's language: the agent's choice for the tab, else the browser's (strings.ts), and
// everything the console says in it.
import { computed, signal } from '@preact/signals';
import type { ConsoleEnv } from '../env';
import { consoleLang, STRINGS, type ConsoleLang } from '../strings';

export function createLanguage(env: Pick<ConsoleEnv, 'storage' | 'language'>, key: string) {
  const lang = signal<ConsoleLang>(consoleLang(env.storage.getItem(key), env.language));
  const t = computed(() => STRINGS[lang.value]);
  return {
    lang,
    t,
    /** The current words, for models that say something when an event happens. */
    strings: () => t.value,
    set(next: ConsoleLang) {
      lang.value = next;
      env.storage.setItem(key, next);
    },
  };
}
