// What the loader hands the app chunk and what the app hands back. Types and one string: the
// loader imports this file, so it must never pull other runtime code (and never Preact) into widget.js.
import type { Lang } from '../protocol/limits';

/**
 * The localStorage key the app sets to "1" while a person is, or is about to be, talking with
 * the visitor (so only after the visitor asked for one), and while something the visitor sent
 * waits to go (a handoff whose page went before the server's ack). The loader reads it to bring
 * the chat along to the next page at once, so agent replies raise the badge without a click and
 * what waits goes: in any tab of the site, a new one too (a visitor who closed the tab and came
 * back must hear the reply), and one already open as it is set (its storage event). The app
 * removes it when the conversation ends or its state goes.
 */
export const LIVE_CHAT_KEY = 'kohtaamo.live';

/**
 * The localStorage key the app sets to "1" as it writes a named customer's state (one the site
 * named with `Kohtaamo('identify')`, so only after the visitor interacted), and removes once a
 * state without one is written (or a page finds none). The loader reads it when the site says who is here on a page without the app: then
 * only the app can tell whether that customer's chat must be forgotten (a logout, another's
 * login), so it comes; without it a name or `null` changes nothing, and nothing is fetched.
 * The app's other tabs hear it go (a storage event): the customer's chat is forgotten there too.
 */
export const NAMED_KEY = 'kohtaamo.who';

/** The site's own words for the panel (`data-title`, `data-greeting`), in the page's language; unset ones are ours. */
export interface SiteTexts {
  title?: string | undefined;
  greeting?: string | undefined;
}

export interface MountOptions {
  /** The shadow root the loader drew the launcher in; the panel is rendered here too. */
  root: ShadowRoot;
  /** The loader's launcher button; the app sets its label, `aria-expanded` and unread badge. */
  launcher: HTMLButtonElement;
  /** Origin of the Kohtaamo server, e.g. `https://chat.example.fi`. */
  server: string;
  lang: Lang;
  /** Adds CSS to `root` as the loader styles the launcher, also under a strict Content-Security-Policy (shadow-styles.ts). */
  addStyles(css: string): void;
  /** Used while the widget speaks `lang`; in the other language the widget's own words. */
  texts?: SiteTexts;
  /**
   * Whether the visitor asked for the chat (hover, focus or click of the launcher, `Kohtaamo('open')`)
   * before it came. Without it (a chat going on, the site's identify) the app fetches only what
   * it needs closed, and the FAQ when the panel opens: on most such pages it never does.
   */
  intent?: boolean;
}

export interface WidgetApi {
  /** Runs one `Kohtaamo(cmd, ...args)` call: `open`, `close`, `toggle`, `lang`, `identify`. Unknown ones are ignored. */
  command(cmd: string, ...args: unknown[]): void;
  /** Removes the panel, closes the socket and clears every timer and listener of the app. */
  dispose(): void;
}

export interface AppModule {
  mount(options: MountOptions): WidgetApi;
}
