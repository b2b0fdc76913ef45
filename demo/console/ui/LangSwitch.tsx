import type { Ref } from 'preact';
import { CONSOLE_LANGS, STRINGS } from '../strings';
import { useConsole } from './context';

/** One button for the other language, named in that language ("Suomeksi", "In English"), as people look for it. */
export function LangSwitch({ class: className, buttonRef }: { class?: string; buttonRef?: Ref<HTMLButtonElement> }) {
  const model = useConsole();
  const other = CONSOLE_LANGS.find((l) => l !== model.lang.value) ?? 'en';
  return (
    <button type="button" ref={buttonRef} class={className} lang={other} onClick={() => model.setLang(other)}>
      {STRINGS[other].langName}
    </button>
  );
}
