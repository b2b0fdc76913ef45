import { CONSOLE_LANGS, STRINGS } from '../strings';
import { useConsole } from './context';

/** One button for the other language, named in that language ("Suomeksi", "In English"), as people look for it. */
export function LangSwitch({ class: className }: { class?: string }) {
  const model = useConsole();
  const other = CONSOLE_LANGS.find((l) => l !== model.lang.value) ?? 'en';
  return (
    <button type="button" class={className} lang={other} onClick={() => model.setLang(other)}>
      {STRINGS[other].langName}
    </button>
  );
}
