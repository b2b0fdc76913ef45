// The loader: installs `window.Kohtaamo`, draws the launcher and fetches the Preact app on the
// visitor's first sign of intent. It writes no storage and reads only the app's two flags: that a
// chat with a person goes on or what the visitor sent waits to go (`LIVE_CHAT_KEY`), which exists
// only after the visitor asked for a person, and, when the site says who is here, that the app keeps a named customer's chat
// (`NAMED_KEY`); the app chunk decides about storage, and only once the visitor interacts.
import { LIVE_CHAT_KEY, NAMED_KEY, type AppModule, type WidgetApi } from '../contract';
import { readConfig } from './options';
import { drawLauncher, LAUNCHER_LABEL } from './launcher';
import type { Lang } from '../../protocol/limits';
import { addShadowStyles } from '../shadow-styles';
import { deadline } from '../deadline';

/** `q`: calls the site's inline snippet queued; `loaded`: set on the loader's own, and only there. */
export type KohtaamoFn = ((cmd: string, ...args: unknown[]) => void) & { q?: ArrayLike<unknown>[]; loaded?: true };

export interface LoaderEnv {
  win: Window & { Kohtaamo?: KohtaamoFn };
  script: HTMLScriptElement | null;
  /** Fetches the app chunk; tests inject a fake. */
  importApp: (url: string) => Promise<AppModule>;
}

/** Whether the app set one of its flags (contract.ts). */
function flagged(win: Window, key: string): boolean {
  try {
    return win.localStorage.getItem(key) === '1';
  } catch {
    // Storage blocked (sandboxed frames, strict privacy settings): the chat comes on intent, as before.
    return false;
  }
}

export function startLoader(env: LoaderEnv): { dispose(): void } {
  const { win } = env;
  const doc = win.document;
  // The tag pasted twice (or a theme that includes it again) must not draw a second launcher.
  // Asked of what only the loader makes: a page may have an element of its own called "kohtaamo".
  if (win.Kohtaamo?.loaded) return { dispose() {} };
  const config = readConfig(env.script, doc);
  const { host, root, button } = drawLauncher(doc, config.lang);
  /** Calls made before the app came, each made again once it has. */
  let queue: [string, unknown[]][] = [];
  let app: WidgetApi | undefined;
  let loading: Promise<void> | undefined;
  let disposed = false;
  /** A retry asks for app.js?, app.js??…: the browser would join an import of the address it waits on to that one, stalled or not. */
  let retry = '';
  /** Whether a failed fetch of the app has been said in the console. */
  let warned: unknown;

  /** Whether the visitor asked for the chat before it came (contract.ts): then the app fetches the FAQ at once. */
  let intent = false;
  // The listener of the launcher's hover and focus too, given their event: intent, as an open's
  // or toggle's name is. The live-chat flag and the site's identify give nothing.
  const load = (asked?: unknown): void => {
    intent ||= !!asked;
    const url = `${config.server}/widget/app.js`;
    loading ??= deadline(env.importApp(url + retry)).then(
      (mod) => {
        if (disposed) return;
        app = mod.mount({ ...config, root, launcher: button, addStyles: (css) => addShadowStyles(root, css), intent });
        for (const [cmd, args] of queue.splice(0)) kohtaamo(cmd, ...args);
      },
      (error) => {
        // A failed or stalled fetch (offline, server down, a link that dropped it) may succeed on the next intent.
        retry += '?';
        loading = undefined;
        // Said to the site owner: a wrong data-server (one without https:// too) or a type="module"
        // tag (no currentScript: the page's own origin is asked) leaves a launcher that does nothing.
        // Once a page, and not offline: a site that collects its console would count false alarms.
        if (!warned && navigator.onLine) console.warn(`Kohtaamo: ${url} did not load: check data-server, and no type="module"`, error), (warned = 1);
      },
    );
  };

  const kohtaamo: KohtaamoFn = (cmd, ...args) => {
    if (app) return app.command(cmd, ...args);
    // Kohtaamo('lang', …) names the launcher in that language before the app has come, and says so.
    const label = cmd === 'lang' && LAUNCHER_LABEL[args[0] as Lang];
    if (typeof label == 'string') button.setAttribute('aria-label', label), (host.lang = args[0] as Lang);
    queue.push([cmd, args]);
    // Commands that show the panel count as intent. Others wait in the queue,
    if (cmd == 'open' || cmd == 'toggle') load(cmd);
    // but for the site's word of who is here (its logout, another customer's login), which only
    // the app can weigh against what it kept: it comes when it keeps a named customer's chat, or
    // that chat would wait there for the next person. One nobody named, any name or null leaves
    // as it is (an email adopts it), so for it, as for a visitor who never chatted, nothing comes.
    if (cmd == 'identify' && flagged(win, NAMED_KEY)) load();
  };
  // Calls an inline snippet queued before this script ran, as `arguments` objects.
  for (const call of win.Kohtaamo?.q ?? []) {
    const [cmd, ...args] = Array.from(call);
    if (typeof cmd === 'string') kohtaamo(cmd, ...args);
  }
  kohtaamo.loaded = true;
  win.Kohtaamo = kohtaamo;
  // While a chat with a person goes on, every page of the site brings it along at once: one
  // opened later as it starts, one already open as another tab's handoff raises the flag (its
  // storage event), or a visitor who closed that tab would never hear the reply here.
  if (flagged(win, LIVE_CHAT_KEY)) load();
  // For the latter, not the identify calls queued till then: they said who was logged in as the
  // page loaded, perhaps long ago. Made again, a logged-out page left open wiped the chat of the
  // customer who had logged in since, and the last customer's page named him to the agent of the
  // next person on a shared computer. The app takes whose the chat is from what it kept; what the
  // site says from now on (a logout or login by script while the app comes) is its word, and goes.
  // The flag's raising only (an event of another key, the site's own cart say, after a fetch that
  // failed would drop what a page opened later said in good time, a logout too).
  const onStorage = (e: StorageEvent) => e.key == LIVE_CHAT_KEY && !loading && flagged(win, LIVE_CHAT_KEY) && ((queue = queue.filter(([cmd]) => cmd != 'identify')), load());
  win.addEventListener('storage', onStorage);

  // Before the app is there, a click both loads it and asks it to open (not toggle: two clicks
  // while it loads, or one before a failed fetch, would cancel out); after, the app owns clicks.
  const onClick = () => {
    if (!app) kohtaamo('open');
  };
  button.addEventListener('pointerenter', load);
  button.addEventListener('focus', load);
  button.addEventListener('click', onClick);

  return {
    dispose() {
      disposed = true;
      button.removeEventListener('pointerenter', load);
      button.removeEventListener('focus', load);
      button.removeEventListener('click', onClick);
      win.removeEventListener('storage', onStorage);
      app?.dispose();
      host.remove();
      if (win.Kohtaamo === kohtaamo) delete win.Kohtaamo;
    },
  };
}
