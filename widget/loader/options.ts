// Reads the script tag's `data-*` attributes into the loader's options.
import type { Lang } from '../../protocol/limits';
import type { SiteTexts } from '../contract';

export interface LoaderConfig {
  server: string;
  lang: Lang;
  texts: SiteTexts;
}

/** `data-lang`, else the page's `<html lang>`; Finnish unless the page says English. */
export function pickLang(explicit: string | undefined, htmlLang: string): Lang {
  return /^en/i.test(explicit || htmlLang) ? 'en' : 'fi';
}

/**
 * `data-server` without a trailing slash, else where the script itself came from: the server serves
 * it at its root, which a proxy may put under a path (`https://shop.example/chat/widget.js`).
 */
export function readConfig(script: HTMLScriptElement | null, doc: Document): LoaderConfig {
  const data = script?.dataset ?? {};
  // `src` is the resolved address, so the script's directory needs no base.
  const base = script?.src ? new URL('.', script.src).href : doc.location.origin;
  const server = (data.server || base).replace(/\/+$/, '');
  return { server, lang: pickLang(data.lang, doc.documentElement.lang), texts: { title: data.title, greeting: data.greeting } };
}
