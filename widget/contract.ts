// What the loader hands the app chunk and what the app hands back. Types only: the loader
// imports this file, so it must never pull any runtime code (and never Preact) into widget.js.
import type { Lang } from '../protocol/limits';

/** A call made through `window.Kohtaamo(cmd, ...args)`. */
export interface QueuedCall {
  cmd: string;
  args: unknown[];
}

export interface MountOptions {
  /** The shadow root the loader drew the launcher in; the panel is rendered here too. */
  root: ShadowRoot;
  /** The loader's launcher button; the app sets its label, `aria-expanded` and unread badge. */
  launcher: HTMLButtonElement;
  /** Origin of the Kohtaamo server, e.g. `https://chat.example.fi`. */
  server: string;
  lang: Lang;
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
